// A scale's store-and-forward memory, as protocol v1 asks of every scale: each weighing, event and
// check stays here until a StoredAck from the platform covers its seq; what stays uncovered is
// sent again, first after `resendAfterMs`, then at doubling intervals up to `maxResendAfterMs` (a
// record the platform refuses must not flood the broker). The broker's PUBACK is not enough: a
// broker that crashes loses what it acknowledged since its last save. Pure: the caller sends.
import { isStored, type StoredAck } from '../domain/protocol/stored-ack.ts';

export interface OutboxOptions {
  /** records kept at most; a full outbox means the scale stops trading (nothing is ever dropped) */
  capacity: number;
  resendAfterMs: number;
  maxResendAfterMs: number;
}

export interface OutboxRecord {
  seq: number;
  topic: string;
  payload: string;
  lastSentAt: number;
  sends: number;
}

export class Outbox {
  // insertion order is seq order: a scale makes its records one after another
  private readonly records = new Map<number, OutboxRecord>();

  constructor(private readonly options: OutboxOptions) {}

  get size(): number {
    return this.records.size;
  }

  get full(): boolean {
    return this.records.size >= this.options.capacity;
  }

  /** Keeps a record just sent for the first time. */
  add(seq: number, topic: string, payload: string, now: number): void {
    if (this.full) throw new Error(`outbox full (${this.options.capacity} records): the scale must stop trading, not drop a record`);
    this.records.set(seq, { seq, topic, payload, lastSentAt: now, sends: 1 });
  }

  /** Drops every record the StoredAck covers; returns how many. */
  confirm(ack: Pick<StoredAck, 'last' | 'missing'>): number {
    let dropped = 0;
    for (const seq of this.records.keys()) {
      if (seq > ack.last) break;
      if (isStored(ack, seq)) {
        this.records.delete(seq);
        dropped++;
      }
    }
    return dropped;
  }

  /** The records to send again now, oldest first (each marked as sent). */
  due(now: number): OutboxRecord[] {
    const out: OutboxRecord[] = [];
    for (const record of this.records.values()) {
      const wait = Math.min(this.options.maxResendAfterMs, this.options.resendAfterMs * 2 ** (record.sends - 1));
      if (now - record.lastSentAt >= wait) {
        record.lastSentAt = now;
        record.sends++;
        out.push(record);
      }
    }
    return out;
  }
}
