// Decoding an MQTT message into a typed protocol message, or a reason to refuse it. The checks run
// in a fixed order, cheapest first, and the first failure names the reason:
//   topic → size → UTF-8 and JSON → structure (depth, duplicate keys) → schema → topic serial.
// The later reasons (unknown_scale … clock_skew) need the database and are the ingest's to give.
// decodeMessage never throws, whatever the bytes: it faces the open network.
import { MAX_MESSAGE_BYTES, MESSAGE_SCHEMAS, type MessageOf } from './messages.ts';
import { parseTopic, type MessageKind } from './topics.ts';

export const REJECT_REASONS = [
  'bad_topic', // not sunshine/v1/scales/{serial}/{weighings|status|events|checks}
  'too_large', // payload over MAX_MESSAGE_BYTES
  'not_json', // not UTF-8, or not JSON
  'schema', // JSON, but not a valid message of the topic's kind (also: nested deeper than 8, duplicate keys)
  'topic_serial_mismatch', // the payload's serial is not the topic's
  'unknown_scale', // no scale with this serial is registered
  'revoked_scale', // the scale's secret was revoked
  'bad_signature', // sig is not the HMAC of the canonical form under the scale's secret
  'replayed_seq', // this seq was already used by another message of the scale
  'clock_skew', // the scale's clock is off by more than the limit
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The reasons decodeMessage itself can give; the rest are the ingest's. */
export type DecodeRejectReason = Extract<RejectReason, 'bad_topic' | 'too_large' | 'not_json' | 'schema' | 'topic_serial_mismatch'>;

export type DecodedOk = { [K in MessageKind]: { ok: true; kind: K; serial: string; message: MessageOf<K> } }[MessageKind];
export type DecodedRejected = { ok: false; reason: RejectReason; serial: string | null; detail?: string };
export type Decoded = DecodedOk | DecodedRejected;

/** Deepest nesting of objects and arrays accepted (the messages themselves need 2). */
export const MAX_JSON_DEPTH = 8;
const MAX_ISSUES = 3;
const MAX_DETAIL_CHARS = 400;

/** Nesting depth and duplicate keys of a text that JSON.parse accepted. Linear, no recursion. */
export function jsonStructureProblem(text: string): string | null {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = []; // null: an array
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? { keys: new Set(), expectKey: true } : null);
      if (stack.length > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string; // a valid string token: JSON.parse accepted the text
        if (top.keys.has(key)) return `duplicate key ${JSON.stringify(key).slice(0, 60)}`;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    }
  }
  return null;
}

function issuesDetail(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const text = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  const more = issues.length > MAX_ISSUES ? `; … ${issues.length - MAX_ISSUES} more` : '';
  return (text + more).slice(0, MAX_DETAIL_CHARS);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode a payload known to be of `kind` on the topic of `topicSerial`. Never throws. */
export function decodePayload(kind: MessageKind, topicSerial: string, payload: Uint8Array): Decoded {
  try {
    if (!(payload instanceof Uint8Array)) return { ok: false, reason: 'not_json', serial: topicSerial, detail: 'payload is not bytes' };
    if (payload.byteLength > MAX_MESSAGE_BYTES) {
      return { ok: false, reason: 'too_large', serial: topicSerial, detail: `${payload.byteLength} bytes > ${MAX_MESSAGE_BYTES}` };
    }
    let text: string;
    let value: unknown;
    try {
      text = utf8.decode(payload); // ignoreBOM: a byte-order mark is kept, and JSON.parse refuses it
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: 'not_json', serial: topicSerial, detail: error instanceof Error ? error.message.slice(0, MAX_DETAIL_CHARS) : undefined };
    }
    const problem = jsonStructureProblem(text);
    if (problem) return { ok: false, reason: 'schema', serial: topicSerial, detail: problem };
    const parsed = MESSAGE_SCHEMAS[kind].safeParse(value);
    if (!parsed.success) return { ok: false, reason: 'schema', serial: topicSerial, detail: issuesDetail(parsed.error.issues) };
    if (parsed.data.serial !== topicSerial) {
      return { ok: false, reason: 'topic_serial_mismatch', serial: topicSerial, detail: `payload serial ${parsed.data.serial}` };
    }
    return { ok: true, kind, serial: topicSerial, message: parsed.data } as DecodedOk;
  } catch {
    // Unreachable by design (the fuzz tests hold it to that); a safety net for the ingest loop.
    return { ok: false, reason: 'schema', serial: topicSerial, detail: 'undecodable' };
  }
}

/** Decode an MQTT message of the protocol. Never throws. */
export function decodeMessage(topic: string, payload: Uint8Array): Decoded {
  const parsedTopic = parseTopic(topic);
  if (!parsedTopic) return { ok: false, reason: 'bad_topic', serial: null };
  return decodePayload(parsedTopic.kind, parsedTopic.serial, payload);
}
