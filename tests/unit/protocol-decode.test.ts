import { describe, expect, it } from 'vitest';
import { decodeMessage, jsonStructureProblem, MAX_JSON_DEPTH, REJECT_REASONS, type Decoded } from '../../lib/domain/protocol/decode.ts';
import { EXAMPLE_SERIAL, exampleMessages } from '../../lib/domain/protocol/example.ts';
import { MAX_MESSAGE_BYTES } from '../../lib/domain/protocol/messages.ts';
import {
  checkTopic,
  eventTopic,
  MESSAGE_KINDS,
  parseTopic,
  serialOfTopic,
  sharedSubscription,
  statusTopic,
  SUBSCRIPTION,
  topicOf,
  weighingTopic,
} from '../../lib/domain/protocol/topics.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const examples = exampleMessages();
const topic = weighingTopic(EXAMPLE_SERIAL);
const weighing = examples.weighing;

function reasonOf(decoded: Decoded): string {
  return decoded.ok ? 'ok' : decoded.reason;
}

/** mulberry32: reproducible randomness for the fuzz loops */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('topics', () => {
  it('builds and parses the four topics of a scale', () => {
    expect(weighingTopic('DH30A-0001')).toBe('sunshine/v1/scales/DH30A-0001/weighings');
    expect(statusTopic('DH30A-0001')).toBe('sunshine/v1/scales/DH30A-0001/status');
    expect(eventTopic('DH30A-0001')).toBe('sunshine/v1/scales/DH30A-0001/events');
    expect(checkTopic('DH30A-0001')).toBe('sunshine/v1/scales/DH30A-0001/checks');
    for (const kind of MESSAGE_KINDS) expect(parseTopic(topicOf(kind, 'DH30A-0001'))).toEqual({ serial: 'DH30A-0001', kind });
    expect(SUBSCRIPTION).toBe('sunshine/v1/scales/+/+');
    expect(sharedSubscription('ingest')).toBe('$share/ingest/sunshine/v1/scales/+/+');
  });

  it('refuses foreign, malformed and wildcard topics', () => {
    for (const bad of [
      'sunshine/v2/scales/DH30A-0001/weighings',
      'sunshine/v1/scales/DH30A-0001/weighing',
      'sunshine/v1/scales/DH30A-0001/weighings/x',
      'sunshine/v1/scales/../weighings',
      'sunshine/v1/scales/+/weighings',
      'sunshine/v1/scales/DH3/weighings',
      `sunshine/v1/scales/${'A'.repeat(41)}/weighings`,
      '/sunshine/v1/scales/DH30A-0001/weighings',
      '',
    ]) {
      expect(parseTopic(bad), bad).toBeNull();
    }
    expect(serialOfTopic(statusTopic('DH30A-0001'))).toBe('DH30A-0001');
    expect(serialOfTopic('sunshine/v2/scales/DH30A-0001/status')).toBeNull();
  });
});

describe('decodeMessage', () => {
  it('decodes every example on its own topic', () => {
    for (const kind of MESSAGE_KINDS) {
      const decoded = decodeMessage(topicOf(kind, EXAMPLE_SERIAL), bytes(examples[kind]));
      expect(decoded).toEqual({ ok: true, kind, serial: EXAMPLE_SERIAL, message: examples[kind] });
    }
  });

  it('accepts whitespace, any key order and a negative net (a finding, not a refusal)', () => {
    const reordered = Object.fromEntries(Object.entries({ ...weighing, netMg: -5_000, grossMg: 0, tareMg: 5_000 }).reverse());
    expect(decodeMessage(topic, bytes(JSON.stringify(reordered, null, 2)))).toMatchObject({ ok: true, kind: 'weighing' });
  });

  it('names each reason it can give, in order', () => {
    expect(decodeMessage('sunshine/v1/scales/DEMO-0001/prices', bytes(weighing))).toEqual({ ok: false, reason: 'bad_topic', serial: null });
    // topic before size
    expect(reasonOf(decodeMessage('nope', new Uint8Array(MAX_MESSAGE_BYTES + 1)))).toBe('bad_topic');
    expect(decodeMessage(topic, new Uint8Array(MAX_MESSAGE_BYTES + 1))).toMatchObject({ ok: false, reason: 'too_large', serial: EXAMPLE_SERIAL });
    const padded = JSON.stringify(weighing).replace('{', `{${' '.repeat(MAX_MESSAGE_BYTES - JSON.stringify(weighing).length)}`);
    expect(bytes(padded).byteLength).toBe(MAX_MESSAGE_BYTES);
    expect(reasonOf(decodeMessage(topic, bytes(padded)))).toBe('ok');
    expect(reasonOf(decodeMessage(topic, bytes(`${padded} `)))).toBe('too_large');
    expect(reasonOf(decodeMessage(topic, bytes('{"v":1,')))).toBe('not_json');
    expect(reasonOf(decodeMessage(topic, new Uint8Array([0x7b, 0xff, 0x7d])))).toBe('not_json');
    expect(reasonOf(decodeMessage(topic, new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(weighing)])))).toBe('not_json'); // BOM
    expect(reasonOf(decodeMessage(topic, new Uint8Array()))).toBe('not_json');
    expect(reasonOf(decodeMessage(topic, bytes('null')))).toBe('schema');
    expect(reasonOf(decodeMessage(topic, bytes([weighing])))).toBe('schema');
    expect(decodeMessage(topic, bytes({ ...weighing, serial: 'DEMO-0002' }))).toMatchObject({ ok: false, reason: 'topic_serial_mismatch', serial: EXAMPLE_SERIAL });
    // schema before serial: a wrong message with the wrong serial is a schema failure
    expect(reasonOf(decodeMessage(topic, bytes({ ...weighing, serial: 'DEMO-0002', v: 2 })))).toBe('schema');
  });

  it('says which fields are wrong', () => {
    const decoded = decodeMessage(topic, bytes({ ...weighing, priceFen: -1, stable: 'yes', extra: 1 }));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toBe('schema');
    expect(decoded.detail).toMatch(/priceFen: /);
    expect(decoded.detail).toMatch(/stable: /);
    expect(decoded.detail).toMatch(/extra/);
  });

  it('holds every field to its schema', () => {
    const refused: Record<string, unknown>[] = [
      { v: 2 },
      { serial: 'x' },
      { seq: -1 },
      { seq: 1.5 },
      { seq: 2 ** 53 },
      { seq: '1' },
      { at: '2026-03-14T09:26:53' }, // no offset
      { at: '2026-02-30T09:26:53Z' },
      { at: 1773451613000 },
      { sig: weighing.sig.toUpperCase() },
      { plu: '123' },
      { plu: '1234567' },
      { unitPriceFenPerKg: 10_000_000 },
      { unitPriceFenPerKg: 700.5 },
      { grossMg: 100_000_001 },
      { tareMg: -5_000 },
      { netMg: -100_000_001 },
      { priceFen: 100_000_001 },
      { stable: 1 },
      { payment: 'wechat' },
      { receipt: 'g6R9dhYKzRFxCHY1D-uq7x' }, // not 16 bytes
      { receipt: 'g6R9dhYKzRFxCHY1D-uq7' },
      { receipt: 'g6R9dhYKzRFxCHY1D+uq7w' },
    ];
    for (const change of refused) expect(reasonOf(decodeMessage(topic, bytes({ ...weighing, ...change }))), JSON.stringify(change)).toBe('schema');
    const { sig: _sig, ...unsigned } = weighing;
    expect(reasonOf(decodeMessage(topic, bytes(unsigned)))).toBe('schema');
    expect(reasonOf(decodeMessage(topic, bytes({ ...weighing, netMg: -100_000_000, grossMg: -100_000_000 })))).toBe('ok');
  });

  it('holds events and checks to theirs, and a message of one kind fails on another topic', () => {
    const event = examples.event;
    const eventAt = eventTopic(EXAMPLE_SERIAL);
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, change: undefined, grossMg: -5_000, kind: 'zero' })))).toBe('ok');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, kind: 'reboot' })))).toBe('schema');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, counters: { calibration: 1000, configuration: 0 } })))).toBe('schema');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, counters: { calibration: 1 } })))).toBe('schema');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, change: { param: 'span', old: 'x'.repeat(65), new: '1' } })))).toBe('schema');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, change: { param: 'span', old: '\ud800', new: '1' } })))).toBe('schema');
    expect(reasonOf(decodeMessage(eventAt, bytes({ ...event, change: { param: 'span', old: '斤'.repeat(64), new: '' } })))).toBe('ok');
    expect(reasonOf(decodeMessage(checkTopic(EXAMPLE_SERIAL), bytes({ ...examples.check, referenceMg: 0 })))).toBe('schema');
    for (const kind of MESSAGE_KINDS) {
      for (const other of MESSAGE_KINDS) {
        if (other !== kind) expect(reasonOf(decodeMessage(topicOf(other, EXAMPLE_SERIAL), bytes(examples[kind]))), `${kind} on ${other}`).toBe('schema');
      }
    }
  });

  it('refuses duplicate keys and deep nesting as schema failures', () => {
    const json = JSON.stringify(weighing);
    expect(decodeMessage(topic, bytes(json.replace('{', '{"priceFen":1,')))).toMatchObject({ ok: false, reason: 'schema', detail: expect.stringMatching(/duplicate key "priceFen"/) });
    // the same key spelt with an escape is the same key
    expect(reasonOf(decodeMessage(topic, bytes(json.replace('{', '{"pric\\u0065Fen":1,'))))).toBe('schema');
    expect(jsonStructureProblem('{"a":{"b":1},"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toBeNull();
    expect(jsonStructureProblem('{"a":"x\\"a\\":1","a2":"}{,"}')).toBeNull();
    expect(jsonStructureProblem('{"a":{"k":1,"k":2}}')).toMatch(/duplicate/);
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(jsonStructureProblem(deep(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonStructureProblem(deep(MAX_JSON_DEPTH + 1))).toMatch(/deeper/);
    expect(reasonOf(decodeMessage(topic, bytes(deep(2000))))).toBe('schema');
    expect(reasonOf(decodeMessage(topic, bytes(json.replace('{', '{"x":{"__proto__":{"a":1}},'))))).toBe('schema');
  });

  it('knows every reason the ingest may give', () => {
    expect(REJECT_REASONS).toEqual([
      'bad_topic', 'too_large', 'not_json', 'schema', 'topic_serial_mismatch',
      'unknown_scale', 'revoked_scale', 'bad_signature', 'replayed_seq', 'clock_skew',
    ]);
  });
});

describe('decodeMessage never throws', () => {
  const expectRejectedOrOk = (decoded: Decoded) => {
    if (decoded.ok) return;
    expect(REJECT_REASONS).toContain(decoded.reason);
    expect(decoded.detail).not.toBe('undecodable'); // the safety net was never needed
  };

  it('on 2 000 random byte strings', () => {
    const random = rng(1);
    for (let i = 0; i < 2_000; i++) {
      const length = Math.floor(random() * (i % 10 === 0 ? 5_000 : 300));
      const payload = new Uint8Array(length);
      for (let j = 0; j < length; j++) payload[j] = Math.floor(random() * 256);
      if (i % 3 === 0 && length > 0) payload[0] = 0x7b; // look like JSON at first sight
      const decoded = decodeMessage(topicOf(MESSAGE_KINDS[i % 4]!, EXAMPLE_SERIAL), payload);
      expect(decoded.ok).toBe(false);
      expectRejectedOrOk(decoded);
    }
  });

  it('on 2 000 random JSON values and mutated messages', () => {
    const random = rng(2);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const keys = ['v', 'serial', 'seq', 'at', 'sig', 'plu', 'netMg', 'grossMg', 'tareMg', 'priceFen', 'kind', 'counters', 'change', 'state', '__proto__', 'constructor', 'toString', '', '😀'];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 4 || r < 0.3) {
        return pick([null, true, false, 0, -0, 1, -1, 1.5, 1e308, -1e-308, 2 ** 53, Number.MAX_SAFE_INTEGER, '', 'x', '\u0000', '\ud800', '2026-03-14T09:26:53Z', 'A'.repeat(100), weighing.sig]);
      }
      if (r < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 6) }, () => [pick(keys), value(depth + 1)]));
    };
    for (let i = 0; i < 2_000; i++) {
      const kind = MESSAGE_KINDS[i % 4]!;
      const base = examples[kind] as Record<string, unknown>;
      let text: string;
      if (i % 4 === 0) text = JSON.stringify(value(0));
      else if (i % 4 === 1) text = JSON.stringify({ ...base, [pick(keys)]: value(1) });
      else if (i % 4 === 2) {
        const whole = JSON.stringify({ ...base, [pick(keys)]: value(1) });
        text = whole.slice(0, Math.floor(random() * whole.length)); // truncated
      } else {
        const whole = JSON.stringify(base);
        const at = Math.floor(random() * whole.length);
        text = whole.slice(0, at) + pick(['"', '{', '}', '\\', ',', ':', '[', '1e999', '"a":', '\\u0000']) + whole.slice(at);
      }
      expectRejectedOrOk(decodeMessage(topicOf(kind, EXAMPLE_SERIAL), bytes(text)));
    }
  });

  it('on hostile topics', () => {
    for (const hostile of ['', '/', '#', '+/+/+/+/+', 'sunshine/v1/scales/\u0000/status', 'x'.repeat(70_000), 'sunshine/v1/scales/__proto__/status', 'sunshine/v1/scales/constructor/weighings']) {
      expectRejectedOrOk(decodeMessage(hostile, bytes(weighing)));
    }
    expect(reasonOf(decodeMessage(undefined as unknown as string, bytes(weighing)))).toBe('bad_topic');
    expect(reasonOf(decodeMessage(topic, 'text' as unknown as Uint8Array))).toBe('not_json');
  });

  it('accepts a Buffer (what mqtt.js hands over)', () => {
    expect(reasonOf(decodeMessage(topic, Buffer.from(JSON.stringify(weighing))))).toBe('ok');
  });
});

describe('status messages', () => {
  it('decodes a status for its own serial and refuses the rest', () => {
    expect(decodeMessage(statusTopic(EXAMPLE_SERIAL), bytes(examples.will))).toMatchObject({ ok: true, kind: 'status', message: examples.will });
    expect(decodeMessage(statusTopic('DEMO-0002'), bytes(examples.status))).toMatchObject({ ok: false, reason: 'topic_serial_mismatch' });
    expect(decodeMessage(statusTopic(EXAMPLE_SERIAL), bytes(weighing))).toMatchObject({ ok: false, reason: 'schema' });
  });
});
