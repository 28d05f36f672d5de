// The StoredAck (存储确认): the platform's signed confirmation to a scale of what it has durably
// stored. A broker's PUBACK only says the broker took a message; Mosquitto keeps what it took in
// memory until its next autosave, so a broker crash loses messages the scale already let go of.
// The StoredAck comes from the platform after COMMIT, so a scale that keeps every record until a
// StoredAck covers it, and sends again what stays uncovered, loses nothing whatever the broker does.
//
// Downlink: a retained QoS 1 message on sunshine/v1/scales/{serial}/down/stored-ack, newest state
// only. "Every seq from 1 to `last` is stored, except the ranges in `missing`." Being stored is
// permanent, so every StoredAck stays true: a scale may apply them in any order, and an old one
// (a stale retained copy, a replay) only confirms less. Signed like the scale's own messages, with
// the scale's secret: only the platform and the scale hold it, so nobody else can make a scale drop
// its records.
import { z } from 'zod';
import type { Gap } from '../sequence.ts';
import { SIGNATURE_PATTERN, verifySignature, withSignature } from './signature.ts';
import { SERIAL_PATTERN, TOPIC_ROOT } from './topics.ts';

/** The topic level under a scale's tree that holds what the platform sends it. Six levels deep, so
 *  the ingest's subscription (sunshine/v1/scales/+/+) never receives the platform's own downlinks. */
export const DOWNLINK_LEVEL = 'down';
export const STORED_ACK_LEAF = 'stored-ack';

/** At most this many missing ranges are listed; past them `last` is lowered so the rule holds. */
export const MAX_ACK_GAPS = 16;

export function storedAckTopic(serial: string): string {
  return `${TOPIC_ROOT}/${serial}/${DOWNLINK_LEVEL}/${STORED_ACK_LEAF}`;
}

const seq = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const storedAckMessage = z
  .strictObject({
    v: z.literal(1).meta({ description: 'Protocol version: 1.' }),
    serial: z.string().regex(SERIAL_PATTERN).meta({ description: "The scale's serial number (the topic's {serial})." }),
    last: z
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .meta({ description: 'Every seq from 1 to last is durably stored by the platform, except those in missing. 0: nothing yet.' }),
    missing: z
      .array(z.tuple([seq, seq]).meta({ description: '[from, to], inclusive: seqs below last the platform has not stored (never received, or refused).' }))
      .max(MAX_ACK_GAPS)
      .meta({ description: `Ranges of seqs at or below last that are NOT stored, ascending, at most ${MAX_ACK_GAPS}.` }),
    at: z.iso.datetime({ offset: true }).meta({ description: "When the platform made this confirmation, on the platform's clock." }),
    sig: z
      .string()
      .regex(SIGNATURE_PATTERN)
      .meta({ description: "HMAC-SHA256 of the canonical form (without sig) keyed with the scale secret's UTF-8 bytes, lowercase hex: the same rule as the scale's own messages." }),
  })
  .meta({
    title: 'StoredAck',
    description:
      'The platform’s confirmation of what it has durably stored (存储确认), sent after its database COMMIT. A scale keeps every weighing, event and check until a StoredAck covers its seq, and sends the uncovered ones again after a reconnect and whenever they stay uncovered for a while (30 s is a good first wait).',
  });

export type StoredAck = z.infer<typeof storedAckMessage>;

/** What the platform knows of one scale's sequence after a COMMIT (lib/domain/sequence.ts). */
export interface StoredState {
  serial: string;
  /** the highest seq stored; null before the scale's first record */
  lastSeq: bigint | null;
  /** the open gaps, ascending */
  gaps: readonly Gap[];
}

/** The unsigned StoredAck for a state: at most MAX_ACK_GAPS ranges, `last` lowered past them. */
export function storedAckOf(state: StoredState, at: Date): Omit<StoredAck, 'sig'> {
  const gaps = [...state.gaps].sort((a, b) => (a.fromSeq < b.fromSeq ? -1 : 1));
  let last = state.lastSeq ?? 0n;
  if (gaps.length > MAX_ACK_GAPS) last = gaps[MAX_ACK_GAPS]!.fromSeq - 1n;
  const missing = gaps
    .slice(0, MAX_ACK_GAPS)
    .filter((gap) => gap.fromSeq <= last)
    .map((gap): [number, number] => [Number(gap.fromSeq), Number(gap.toSeq < last ? gap.toSeq : last)]);
  return { v: 1, serial: state.serial, last: Number(last), missing, at: at.toISOString() };
}

export function signedStoredAck(secret: string, state: StoredState, at: Date): StoredAck {
  return withSignature(secret, storedAckOf(state, at));
}

/** Whether a StoredAck says the platform stored this seq. */
export function isStored(ack: Pick<StoredAck, 'last' | 'missing'>, seq: number): boolean {
  if (seq < 1 || seq > ack.last) return false;
  return !ack.missing.some(([from, to]) => from <= seq && seq <= to);
}

export type StoredAckReading = { ok: true; ack: StoredAck } | { ok: false; reason: 'not_json' | 'schema' | 'other_serial' | 'bad_signature' };

/** The scale's side: reads a StoredAck and believes it only when the platform signed it for this scale. */
export function readStoredAck(payload: Buffer | string, serial: string, secret: string): StoredAckReading {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  const parsed = storedAckMessage.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'schema' };
  if (parsed.data.serial !== serial) return { ok: false, reason: 'other_serial' };
  if (!verifySignature(secret, parsed.data)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, ack: parsed.data };
}

