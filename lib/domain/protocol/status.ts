// The status part of protocol v1: online on connect and as a heartbeat, offline as the last will.
// The schema lives with the others in messages.ts; this module keeps the status worker's entry.
// parseStatus decodes only: the signature needs the scale's secret and is checked by the ingest.
import { decodePayload, type DecodeRejectReason } from './decode.ts';
import { statusMessage, type StatusMessage } from './messages.ts';

export { statusMessage, type StatusMessage };

export type StatusVerdict =
  | { ok: true; message: StatusMessage }
  | { ok: false; reason: Exclude<DecodeRejectReason, 'bad_topic'>; detail?: string };

export function parseStatus(topicSerial: string, payload: Uint8Array): StatusVerdict {
  const decoded = decodePayload('status', topicSerial, payload);
  if (decoded.ok) return decoded.kind === 'status' ? { ok: true, message: decoded.message } : { ok: false, reason: 'schema' };
  const reason = decoded.reason;
  if (reason === 'too_large' || reason === 'not_json' || reason === 'schema' || reason === 'topic_serial_mismatch') {
    return decoded.detail === undefined ? { ok: false, reason } : { ok: false, reason, detail: decoded.detail };
  }
  return { ok: false, reason: 'schema', detail: decoded.detail };
}

/** The offline instant of a status message: an offline message is usually the last will, signed at
 * connect time, so its `at` is when the scale connected; the moment of receipt is when it went away. */
export function statusInstant(message: StatusMessage, receivedAt: Date): Date {
  return message.state === 'offline' ? receivedAt : new Date(message.at);
}
