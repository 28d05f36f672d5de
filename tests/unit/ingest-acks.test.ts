import { describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { AckQueue } from '../../lib/ingest/acks.ts';

/** A connection's stream that records what is written to it (the ordering logic is what is tested). */
function fakeStream() {
  const writes: number[][] = [];
  const stream = {
    destroyed: false,
    write(chunk: Buffer) {
      const ids: number[] = [];
      for (let i = 0; i < chunk.length; i += 4) {
        expect([chunk[i], chunk[i + 1]]).toEqual([0x40, 0x02]); // PUBACK, remaining length 2
        ids.push((chunk[i + 2]! << 8) | chunk[i + 3]!);
      }
      writes.push(ids);
      return true;
    },
  };
  return { stream, writes };
}

describe('acknowledgements after COMMIT', () => {
  it('acknowledges in arrival order, the committed front at once, in one write', () => {
    const { stream, writes } = fakeStream();
    const client = { stream } as unknown as MqttClient;
    const acks = new AckQueue(client);
    const [one, two, three] = [acks.arrived(1), acks.arrived(2), acks.arrived(300)];
    two.committed();
    expect(writes).toEqual([]); // 1 is not committed: 2 waits behind it
    one.committed();
    expect(writes).toEqual([[1, 2]]);
    three.committed();
    expect(writes).toEqual([[1, 2], [300]]);
    expect(acks.size).toBe(0);
  });

  it('drops what was pending for a connection that has been replaced, and never writes it to the new one', () => {
    const old = fakeStream();
    const client = { stream: old.stream } as { stream: unknown };
    const acks = new AckQueue(client as unknown as MqttClient);
    const before = acks.arrived(7);
    const replaced = fakeStream();
    client.stream = replaced.stream; // a reconnect: the broker will resend 7, maybe under another id
    const after = acks.arrived(7);
    before.committed();
    expect(replaced.writes).toEqual([]);
    expect(old.writes).toEqual([]);
    after.committed();
    expect(replaced.writes).toEqual([[7]]);
  });

  it('writes nothing to a destroyed stream', () => {
    const { stream, writes } = fakeStream();
    const acks = new AckQueue({ stream } as unknown as MqttClient);
    const one = acks.arrived(1);
    stream.destroyed = true;
    one.committed();
    expect(writes).toEqual([]);
  });

  it('counts what the current connection holds: committed and abandoned messages leave, once', () => {
    const old = fakeStream();
    const client = { stream: old.stream } as { stream: unknown };
    const acks = new AckQueue(client as unknown as MqttClient);
    const [one, two, three] = [acks.arrived(1), acks.arrived(2), acks.arrived(3)];
    expect(acks.held).toBe(3);
    one.committed();
    two.abandoned();
    two.abandoned();
    two.committed(); // over already: neither counted again nor acknowledged
    expect(acks.held).toBe(1);
    expect(old.writes).toEqual([[1]]);
    client.stream = fakeStream().stream; // a reconnect: the new connection holds nothing yet
    expect(acks.held).toBe(0);
    acks.arrived(1);
    three.committed(); // the old connection's message does not count against the new one
    expect(acks.held).toBe(1);
  });
});
