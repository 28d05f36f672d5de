// Hostile MQTT messages for the ingest fuzz test, by category, each with the dead-letter reason the
// ingest must give it. The expected reasons come from the protocol's rules (README: "Two verdicts,
// never confused"; lib/domain/protocol), not from the decoder under test: random bytes are judged
// by a plain UTF-8 + JSON.parse oracle, everything else is built to fail one rule on purpose.
// Deterministic for a given seed (the failure message prints it).
import { createHash, randomBytes } from 'node:crypto';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { topicOf, type MessageKind } from '../../lib/domain/protocol/topics.ts';
import { weighingFields, type FleetScale } from './fleet-messages.ts';

export type Reason =
  | 'bad_topic' | 'too_large' | 'not_json' | 'schema' | 'topic_serial_mismatch' | 'unknown_scale' | 'revoked_scale' | 'bad_signature' | 'replayed_seq' | 'clock_skew';

export interface Hostile {
  category: string;
  topic: string;
  payload: Buffer;
  reason: Reason;
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sha256 = (payload: Buffer | string) => createHash('sha256').update(payload).digest('hex');

/** The key a dead-letter row must match: reason, topic (as stored: first 512 characters) and the
 * whole payload's SHA-256 (the row keeps it: the payload itself may be cut, see DEAD_LETTER_PAYLOAD_BYTES). */
export const rejectionKey = (reason: string, topic: string, payloadSha256: string) => `${reason}|${topic.slice(0, 512)}|${payloadSha256}`;

const KINDS: MessageKind[] = ['weighing', 'status', 'event', 'check'];
const MAX_MESSAGE_BYTES = 4096; // the protocol's limit (README, lib/domain/protocol/messages.ts)
const HOUR = 3_600_000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A scale identity for messages: a fleet scale, the revoked one, or a made-up serial. */
interface Signer {
  serial: string;
  secret: string;
  minMg: number;
  dMg: number;
}

export interface HostileContext {
  seed: number;
  /** a tag in every made-up serial and bad topic of this run (upper-case letters and digits) */
  tag: string;
  plu: string;
  fleet: FleetScale[];
  revoked: Signer;
  /** weighings already stored, to replay with their seq and other content */
  stored: { scale: FleetScale; seq: number; fields: Record<string, unknown> }[];
}

/** Per category, how many hostile messages; 100 000 in all. */
export const CATEGORY_COUNTS = {
  random_bytes: 14_000,
  control_chars: 5_000,
  not_json_text: 4_000,
  too_large: 3_000,
  deep_nesting: 7_000,
  wrong_types: 10_000,
  extra_fields: 8_000,
  forged_signature: 14_000,
  replayed_seq: 5_000,
  unknown_serial: 8_000,
  topic_serial_mismatch: 8_000,
  bad_topic: 8_000,
  clock_skew: 3_000,
  revoked_scale: 3_000,
} as const;

export function generateHostile(ctx: HostileContext): Hostile[] {
  const rnd = prng(ctx.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const secret = () => bytes(32).toString('hex');
  let fakeCounter = 0;
  const fake = (): Signer => ({ serial: `FZ${ctx.tag}${(fakeCounter++).toString(36).toUpperCase()}`, secret: secret(), minMg: 20_000, dMg: 1000 });
  const scale = () => pick(ctx.fleet);
  const seqOf = (s: Signer) => ('firstSeq' in s ? (s as FleetScale).firstSeq : 1) + int(100_000);

  /** the fields of a correct message of a kind (not yet signed) */
  const fields = (kind: MessageKind, s: Signer, seq = seqOf(s), at = new Date().toISOString()): Record<string, unknown> => {
    switch (kind) {
      case 'weighing':
        return { ...weighingFields({ ...s, id: 0, firstSeq: seq, nextSeq: seq }, seq, int(10_000), ctx.plu), at };
      case 'status':
        return { v: 1, serial: s.serial, seq, at, state: pick(['online', 'offline']) };
      case 'event':
        return { v: 1, serial: s.serial, seq, at, kind: 'zero', counters: { calibration: 0, configuration: 0 }, grossMg: 0 };
      case 'check':
        return { v: 1, serial: s.serial, seq, at, referenceMg: 2_000_000, indicationMg: 2_000_000 + 1000 * (int(5) - 2) };
    }
  };
  const signed = (s: Signer, message: Record<string, unknown>) => JSON.stringify(withSignature(s.secret, message));
  const anyTopic = () => {
    const kind = pick(KINDS);
    return topicOf(kind, rnd() < 0.5 ? scale().serial : fake().serial);
  };

  const out: Hostile[] = [];
  const add = (category: string, topic: string, payload: Buffer | string, reason: Reason) =>
    out.push({ category, topic, payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload), reason });
  const times = (category: keyof typeof CATEGORY_COUNTS, make: (i: number) => void) => {
    const before = out.length;
    for (let i = 0; i < CATEGORY_COUNTS[category]; i++) make(i);
    if (out.length - before !== CATEGORY_COUNTS[category]) throw new Error(`${category}: made ${out.length - before}`);
  };

  // Random bytes, 0–600 of them (half of them short, where valid UTF-8 and even JSON happen):
  // not_json, or schema when they happen to be a JSON value. The oracle is UTF-8 + JSON.parse.
  times('random_bytes', () => {
    const payload = bytes(rnd() < 0.5 ? int(8) : int(600));
    let reason: Reason = 'not_json';
    try {
      JSON.parse(utf8.decode(payload));
      reason = 'schema';
    } catch {
      /* not JSON */
    }
    add('random_bytes', anyTopic(), payload, reason);
  });

  // Valid UTF-8 text with control characters, NUL among them: not JSON.
  const controls = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f'];
  times('control_chars', (i) => {
    const c = pick(controls);
    const payload = [c, `${c}${c}`, `scale${c}data`, `{"v":1${c}}`, `\u0000{"v":1,"serial":"X"}`, `null${c}`][i % 6]!;
    add('control_chars', anyTopic(), payload, 'not_json');
  });

  // Text that is not JSON: truncated messages, a byte-order mark, invalid UTF-8 inside a string,
  // an overlong encoding, CESU-8 surrogates, single quotes, NaN, a trailing comma, exactly 4 096 bytes.
  times('not_json_text', (i) => {
    const s = scale();
    const good = signed(s, fields('weighing', s));
    const variants: (() => Buffer | string)[] = [
      () => good.slice(0, 1 + int(good.length - 2)),
      () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]),
      () => Buffer.concat([Buffer.from(good.slice(0, 20)), Buffer.from([0xc3, 0x28]), Buffer.from(good.slice(20))]),
      () => Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]), // {"<overlong />":1}
      () => Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // an encoded lone surrogate
      () => good.replace(/"/g, "'"),
      () => '{"v":NaN}',
      () => good.replace(/}$/, ',}'),
      () => 'x'.repeat(MAX_MESSAGE_BYTES), // at the limit exactly: not too large, just not JSON
      () => '',
    ];
    add('not_json_text', topicOf(pick(KINDS), s.serial), variants[i % variants.length]!(), 'not_json');
  });

  // Over 4 096 bytes: a real message padded, random bytes, deep brackets.
  times('too_large', (i) => {
    const s = scale();
    const size = MAX_MESSAGE_BYTES + 1 + (i % 3 === 0 ? 0 : int(8000));
    const variants: (() => Buffer | string)[] = [
      () => signed(s, { ...fields('weighing', s), pad: 'p'.repeat(size) }),
      () => bytes(size),
      () => '['.repeat(size),
    ];
    add('too_large', topicOf(pick(KINDS), rnd() < 0.8 ? s.serial : fake().serial), variants[i % variants.length]!(), 'too_large');
  });

  // Nested deeper than 8 levels (well under 4 096 bytes): arrays, objects, a message with a nested member.
  times('deep_nesting', (i) => {
    const depth = 9 + int(i % 4 === 0 ? 2000 : 40);
    const s = scale();
    const variants: (() => string)[] = [
      () => `${'['.repeat(depth)}${']'.repeat(depth)}`,
      () => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      () => signed(s, fields('weighing', s)).replace(/}$/, `,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      () => `[${'{"k":['.repeat(depth >> 1)}${']}'.repeat(depth >> 1)}]`,
    ];
    let payload = variants[i % variants.length]!();
    if (payload.length > MAX_MESSAGE_BYTES) payload = `${'['.repeat(1000)}${']'.repeat(1000)}`; // deep, but not too large
    add('deep_nesting', topicOf(pick(KINDS), s.serial), payload, 'schema');
  });

  // JSON of the wrong shape: every field of every kind given a value of the wrong type or range,
  // missing fields, and whole-message values that are not objects. Signed or not, schema comes first.
  const wrong: Record<MessageKind, Record<string, unknown[]>> = {
    weighing: {
      v: [2, '1', 0, null], serial: [12_345_678, 'ab', null], seq: ['5', -1, null, true, [], {}], at: ['yesterday', 12_345, '2024-13-45T00:00:00Z', '2024-01-01T00:00:00'],
      sig: ['ABC', 'A'.repeat(64), 'a'.repeat(63), 7], plu: [1001, '12', 'abcd', '1234567'], unitPriceFenPerKg: [-1, 10_000_000, '100'],
      grossMg: [100_000_001, '1000', null], tareMg: [-1, false], netMg: [true, -100_000_001], priceFen: [-5, 100_000_001], stable: ['true', 1],
      payment: ['bitcoin', 2, 'CASH'], receipt: ['short', 123, `${'A'.repeat(21)}B`],
    },
    status: { state: ['maybe', 1, null, 'ONLINE'], seq: [-2, '0'], at: ['now'] },
    event: { kind: ['explode', 3], counters: [{ calibration: 1000, configuration: 0 }, { calibration: 0 }, 'none'], grossMg: ['0'], change: [{ param: 'x', old: '1', new: '2' }, { param: 'span', old: 'o'.repeat(65), new: '2' }] },
    check: { referenceMg: [0, -1, '2000000'], indicationMg: [100_000_001, null] },
  };
  times('wrong_types', (i) => {
    const kind = KINDS[i % 4]!;
    const s = rnd() < 0.8 ? scale() : fake();
    const message = fields(kind, s);
    const variant = int(10);
    let payload: string;
    if (variant === 0) payload = JSON.stringify(pick([[], null, 'message', 42, true, [message]]));
    else if (variant === 1) {
      // a required member left out (an event's grossMg and change are optional)
      const { [pick(Object.keys(message).filter((k) => k !== 'grossMg'))]: _gone, ...rest } = message;
      payload = signed(s, rest);
    } else if (variant === 2) {
      // a fraction where an integer must be (no canonical form, so not signable: a made-up sig)
      const field = pick(kind === 'weighing' ? ['seq', 'netMg', 'priceFen', 'grossMg'] : ['seq']);
      payload = JSON.stringify({ ...message, sig: bytes(32).toString('hex') }).replace(new RegExp(`"${field}":(-?\\d+)`), `"${field}":$1.5`);
    } else if (variant === 3) {
      payload = JSON.stringify({ ...message, sig: bytes(32).toString('hex') }).replace(/"seq":\d+/, '"seq":9007199254740993');
    } else if (variant === 4 && kind === 'event') {
      // a lone surrogate in a change value: not well-formed Unicode
      payload = JSON.stringify({ ...message, kind: 'configuration', change: { param: 'span', old: 'x', new: 'y' }, sig: bytes(32).toString('hex') }).replace('"new":"y"', '"new":"\\ud800"');
    } else {
      const table = wrong[kind];
      const field = pick(Object.keys(table));
      const value = pick(table[field]!);
      // (withSignature would replace a bad sig with a good one)
      payload = field === 'sig' ? JSON.stringify({ ...message, sig: value }) : signed(s, { ...message, [field]: value });
    }
    add('wrong_types', topicOf(kind, s.serial), payload, 'schema');
  });

  // A correct, correctly signed message with more than the protocol has: an extra member at the
  // top, inside counters or change, a duplicate key, "__proto__" / "constructor" keys, a key with NUL.
  times('extra_fields', (i) => {
    const kind = KINDS[i % 4]!;
    const s = scale();
    const message = fields(kind, s);
    const text = signed(s, message);
    const variants: (() => string)[] = [
      () => signed(s, { ...message, admin: true }),
      () => signed(s, { ...message, discount: 100, note: '免费' }),
      () => text.replace(/}$/, ',"__proto__":{"admin":true}}'),
      () => text.replace(/}$/, ',"constructor":{"prototype":{"x":1}}}'),
      () => text.replace(/}$/, `,"seq":${Number(message.seq) + 1}}`), // a duplicate key
      () => text.replace(/}$/, ',"x\\u0000y":1}'), // a key with a NUL character
      () => kind === 'event'
        ? signed(s, { ...message, counters: { calibration: 0, configuration: 0, tamper: 1 } })
        : signed(s, { ...message, extra: { nested: [1, 2, 3] } }),
    ];
    add('extra_fields', topicOf(kind, s.serial), variants[i % variants.length]!(), 'schema');
  });

  // Valid JSON of a registered scale, but not signed by its secret: another secret, one character
  // of the signature changed, a field changed after signing, another message's signature.
  times('forged_signature', (i) => {
    const kind = KINDS[i % 4]!;
    const s = scale();
    const message = fields(kind, s);
    let payload: string;
    const variant = i % 4;
    if (variant === 0) payload = signed({ ...s, secret: secret() }, message);
    else if (variant === 1) {
      const good = withSignature(s.secret, message);
      const at = int(64);
      const sig = good.sig.slice(0, at) + (good.sig[at] === '0' ? '1' : '0') + good.sig.slice(at + 1);
      payload = JSON.stringify({ ...good, sig });
    } else if (variant === 2) {
      const good = withSignature(s.secret, message);
      payload = JSON.stringify({ ...good, seq: Number(good.seq) + 1 });
    } else {
      const other = withSignature(s.secret, { ...message, seq: Number(message.seq) + 1 });
      payload = JSON.stringify({ ...message, sig: other.sig });
    }
    add('forged_signature', topicOf(kind, s.serial), payload, 'bad_signature');
  });

  // A stored weighing's seq reused, correctly signed, with other content (a lower price, another receipt).
  times('replayed_seq', (i) => {
    const original = ctx.stored[i % ctx.stored.length]!;
    const changed = i % 2 === 0
      ? { ...original.fields, priceFen: Number(original.fields.priceFen) + 1 + int(1000) }
      : { ...original.fields, receipt: randomBytes(16).toString('base64url'), at: new Date().toISOString() };
    add('replayed_seq', topicOf('weighing', original.scale.serial), signed(original.scale, changed), 'replayed_seq');
  });

  // Correct, signed messages from serials nobody registered.
  times('unknown_serial', (i) => {
    const s = fake();
    const kind = KINDS[i % 4]!;
    add('unknown_serial', topicOf(kind, s.serial), signed(s, fields(kind, s)), 'unknown_scale');
  });

  // A scale's correctly signed message published on another scale's topic.
  times('topic_serial_mismatch', (i) => {
    const kind = KINDS[i % 4]!;
    const from = rnd() < 0.7 ? scale() : fake();
    let on: Signer = rnd() < 0.7 ? scale() : fake();
    if (on.serial === from.serial) on = fake();
    add('topic_serial_mismatch', topicOf(kind, on.serial), signed(from, fields(kind, from)), 'topic_serial_mismatch');
  });

  // Topics the subscription (sunshine/v1/scales/+/+) delivers but the protocol does not have:
  // unknown leaves, serials too short, too long, with other characters, empty levels, over 200 characters.
  times('bad_topic', (i) => {
    const s = scale();
    const payload = signed(s, fields('weighing', s));
    const topics: (() => string)[] = [
      () => `sunshine/v1/scales/${s.serial}/${pick(['weighing', 'Weighings', 'status2', 'cmd', 'set', 'x'])}`,
      () => `sunshine/v1/scales/${s.serial}/`,
      () => `sunshine/v1/scales//weighings`,
      () => `sunshine/v1/scales/${pick(['ab', 'X', 'abc'])}/weighings`,
      () => `sunshine/v1/scales/FZ${ctx.tag}${'L'.repeat(41)}/events`,
      () => `sunshine/v1/scales/FZ_${ctx.tag}/status`,
      () => `sunshine/v1/scales/秤${ctx.tag}/weighings`,
      () => `sunshine/v1/scales/FZ${ctx.tag}/${'z'.repeat(200 + int(100))}`,
    ];
    add('bad_topic', topics[i % topics.length]!(), payload, 'bad_topic');
  });

  // Correctly signed, but the scale's clock is an hour ahead or eight days behind (an offline
  // status is exempt, it may be a last will composed long ago: not used here).
  times('clock_skew', (i) => {
    const kind = (['weighing', 'event', 'check', 'status'] as const)[i % 4]!;
    const s = scale();
    const at = new Date(Date.now() + (i % 2 === 0 ? HOUR + int(HOUR) : -(8 * 24 * HOUR + int(HOUR)))).toISOString();
    const message = fields(kind, s, seqOf(s), at);
    if (kind === 'status') message.state = 'online';
    add('clock_skew', topicOf(kind, s.serial), signed(s, message), 'clock_skew');
  });

  // Correctly signed with the secret it had, by a scale whose secret was revoked.
  times('revoked_scale', (i) => {
    const kind = KINDS[i % 4]!;
    add('revoked_scale', topicOf(kind, ctx.revoked.serial), signed(ctx.revoked, fields(kind, ctx.revoked)), 'revoked_scale');
  });

  return out;
}
