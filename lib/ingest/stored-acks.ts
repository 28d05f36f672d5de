// Sends each scale its StoredAck (lib/domain/protocol/stored-ack.ts) after COMMIT: a retained QoS 1
// message per scale with the newest state. Coalesced: a scale that sends ten weighings a second
// gets one StoredAck per interval, signed once, not ten. Losing one is harmless (the scale sends its
// uncovered records again, they come back as duplicates, and those get a StoredAck of their own),
// so a state waits here, in memory only, until a connection can take it.
import { signedStoredAck, storedAckTopic } from '../domain/protocol/stored-ack.ts';
import type { StoredScale } from './pipeline.ts';

/** How often StoredAcks go out: far below a scale's first resend (30 s), far above a batch. */
export const STORED_ACK_INTERVAL_MS = 500;

export type PublishRetained = (topic: string, payload: string) => boolean;

export class StoredAcks {
  private latest = new Map<string, StoredScale>();
  private timer: NodeJS.Timeout | null = null;
  sent = 0;

  /** `publish` returns false when no connection can take the message now (it is kept for later). */
  constructor(
    private readonly publish: PublishRetained,
    private readonly intervalMs = STORED_ACK_INTERVAL_MS,
  ) {}

  /** Notes the states a COMMIT made durable. One scale's batches commit in order (its row is
   *  locked by each), so the newest state noted is the newest stored. */
  note(states: StoredScale[]): void {
    for (const state of states) this.latest.set(state.serial, state);
    if (states.length) this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  get pending(): number {
    return this.latest.size;
  }

  /** Publishes what waits; what cannot go now stays for the next round. */
  flush(now = new Date()): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [serial, state] of this.latest) {
      const ack = signedStoredAck(state.secret, state, now);
      if (!this.publish(storedAckTopic(serial), JSON.stringify(ack))) break;
      this.latest.delete(serial);
      this.sent++;
    }
    if (this.latest.size) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  stop(): void {
    this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
