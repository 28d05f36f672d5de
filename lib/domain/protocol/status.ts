import { z } from 'zod';
import { SERIAL_PATTERN } from './topics.ts';

/** A scale's status message: published on connect and as a heartbeat; the last will says offline. */
export const statusMessage = z.strictObject({
  v: z.literal(1),
  serial: z.string().regex(SERIAL_PATTERN),
  state: z.enum(['online', 'offline']),
  at: z.iso.datetime({ offset: true }),
});

export type StatusMessage = z.infer<typeof statusMessage>;

export const MAX_STATUS_BYTES = 512;

export type StatusVerdict = { ok: true; message: StatusMessage } | { ok: false; reason: 'too_large' | 'not_json' | 'schema' | 'topic_serial_mismatch'; detail?: string };

export function parseStatus(topicSerial: string, payload: Uint8Array): StatusVerdict {
  if (payload.byteLength > MAX_STATUS_BYTES) return { ok: false, reason: 'too_large' };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  const parsed = statusMessage.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'schema', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  if (parsed.data.serial !== topicSerial) return { ok: false, reason: 'topic_serial_mismatch' };
  return { ok: true, message: parsed.data };
}
