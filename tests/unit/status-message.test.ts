import { describe, expect, it } from 'vitest';
import { EXAMPLE_SECRET } from '../../lib/domain/protocol/example.ts';
import { MAX_MESSAGE_BYTES } from '../../lib/domain/protocol/messages.ts';
import { verifySignature, withSignature } from '../../lib/domain/protocol/signature.ts';
import { decodeMessage } from '../../lib/domain/protocol/decode.ts';
import { parseTopic, statusTopic } from '../../lib/domain/protocol/topics.ts';

const decodeStatus = (serial: string, payload: Uint8Array) => decodeMessage(statusTopic(serial), payload);
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
// v1 status messages are signed, and carry the scale's current seq
const good = withSignature(EXAMPLE_SECRET, { v: 1 as const, serial: 'DH30A-0001', seq: 17, state: 'online' as const, at: '2026-11-28T01:02:03Z' });

describe('status message', () => {
  it('accepts a well-formed message for its own topic (the signature is the ingest’s to check)', () => {
    expect(decodeStatus('DH30A-0001', bytes(good))).toEqual({ ok: true, kind: 'status', serial: 'DH30A-0001', message: good });
    expect(verifySignature(EXAMPLE_SECRET, good)).toBe(true);
  });

  it('names the reason for each kind of bad message', () => {
    expect(decodeStatus('DH30A-0001', bytes('{not json'))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(decodeStatus('DH30A-0001', new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(decodeStatus('DH30A-0001', bytes({ ...good, state: 'asleep' }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(decodeStatus('DH30A-0001', bytes({ ...good, extra: 1 }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(decodeStatus('DH30A-0001', bytes({ v: 1, serial: 'DH30A-0001', state: 'online', at: '2026-11-28T01:02:03Z' }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(decodeStatus('DH30A-0002', bytes(good))).toMatchObject({ ok: false, reason: 'topic_serial_mismatch' });
    expect(decodeStatus('DH30A-0001', bytes('x'.repeat(MAX_MESSAGE_BYTES + 1)))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('maps topics to serials and refuses foreign topics', () => {
    expect(parseTopic(statusTopic('DH30A-0001'))).toEqual({ serial: 'DH30A-0001', kind: 'status' });
    expect(parseTopic('sunshine/v2/scales/DH30A-0001/status')).toBeNull();
    expect(parseTopic('sunshine/v1/scales/../status')).toBeNull();
  });
});
