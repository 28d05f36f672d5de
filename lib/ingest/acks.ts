// Acknowledgements written by the worker itself, after COMMIT, many at a time.
//
// mqtt.js hands a connection's next message over only when the callback of the previous one has
// run, and answers that callback with a PUBACK at once. Answered with an error, it moves on to the
// next message WITHOUT acknowledging (lib/handlers/publish.js, QoS 1). So the worker answers every
// message with an error at once (it is not acknowledged), keeps reading up to the connection's
// receive maximum, and writes the PUBACKs here once their batch has committed: the acknowledgements
// of a batch go out as one write per connection instead of one system call per message.
//
// MQTT wants PUBACKs in the order the PUBLISHes came (MQTT 5 §4.6), so a connection's messages
// wait in arrival order and only the committed front of the queue is acknowledged. A PUBACK
// belongs to the network connection that carried its PUBLISH: after a reconnect the broker
// resends what was not acknowledged, possibly under message ids it will reuse, so acknowledgements
// pending for a connection that is gone are dropped, never written to its successor.
import type { MqttClient } from 'mqtt';

/** The marker error that tells mqtt.js not to acknowledge: the worker will, after COMMIT. */
export const ACK_LATER = new Error('acknowledged by the ingest worker after COMMIT');

/** One network connection's messages that are neither committed nor given up. */
interface Held {
  stream: MqttClient['stream'];
  count: number;
}

interface Pending {
  stream: MqttClient['stream'];
  messageId: number;
  committed: boolean;
}

/** What the worker does with a message once its batch is over. */
export interface AckHandle {
  /** its batch committed: acknowledge it (in order) */
  committed(): void;
  /** its batch failed: it will come again on a new connection; it is no longer held */
  abandoned(): void;
}

export class AckQueue {
  private readonly pending: Pending[] = [];
  private current: Held | null = null;

  constructor(private readonly client: MqttClient) {}

  /** Registers a QoS 1 message on arrival; answer the handle once its batch is over. */
  arrived(messageId: number): AckHandle {
    const entry: Pending = { stream: this.client.stream, messageId, committed: false };
    this.pending.push(entry);
    const held = this.holding();
    held.count++;
    let over = false;
    const release = () => {
      if (over) return false;
      over = true;
      held.count--;
      return true;
    };
    return {
      committed: () => {
        if (!release()) return;
        entry.committed = true;
        this.flush();
      },
      abandoned: () => void release(),
    };
  }

  /** How many arrived messages are not acknowledged yet (on any connection of this client). */
  get size(): number {
    return this.pending.length;
  }

  /** Messages of the current network connection still being written: what the worker holds for it. */
  get held(): number {
    return this.current?.stream === this.client.stream ? this.current.count : 0;
  }

  private holding(): Held {
    if (this.current?.stream !== this.client.stream) this.current = { stream: this.client.stream, count: 0 };
    return this.current;
  }

  private flush(): void {
    const stream = this.client.stream;
    const acks: Buffer[] = [];
    while (this.pending.length) {
      const first = this.pending[0]!;
      if (first.stream === stream && !first.committed) break;
      this.pending.shift();
      // a PUBACK of a connection that is gone is dropped (see above)
      if (first.stream === stream) acks.push(puback(first.messageId));
    }
    if (acks.length && !stream.destroyed) stream.write(acks.length === 1 ? acks[0]! : Buffer.concat(acks));
  }
}

/** PUBACK, success: fixed header 0x40, remaining length 2, the packet id (MQTT 3.1.1 §3.4; MQTT 5
 *  §3.4.2.1 lets the reason code and properties be left out when the reason is success). */
function puback(messageId: number): Buffer {
  return Buffer.from([0x40, 0x02, messageId >> 8, messageId & 0xff]);
}
