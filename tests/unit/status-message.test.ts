import { describe, expect, it } from 'vitest';
import { EXAMPLE_SECRET } from '../../lib/domain/protocol/example.ts';
import { MAX_MESSAGE_BYTES } from '../../lib/domain/protocol/messages.ts';
import { verifySignature, withSignature } from '../../lib/domain/protocol/signature.ts';
import { parseStatus, statusInstant } from '../../lib/domain/protocol/status.ts';
import { serialOfTopic, statusTopic } from '../../lib/domain/protocol/topics.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
// v1 status messages are signed, and carry the scale's current seq
const good = withSignature(EXAMPLE_SECRET, { v: 1 as const, serial: 'DH30A-0001', seq: 17, state: 'online' as const, at: '2026-11-28T01:02:03Z' });

describe('status message', () => {
  it('accepts a well-formed message for its own topic (the signature is the ingest’s to check)', () => {
    expect(parseStatus('DH30A-0001', bytes(good))).toEqual({ ok: true, message: good });
    expect(verifySignature(EXAMPLE_SECRET, good)).toBe(true);
  });

  it('names the reason for each kind of bad message', () => {
    expect(parseStatus('DH30A-0001', bytes('{not json'))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseStatus('DH30A-0001', new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseStatus('DH30A-0001', bytes({ ...good, state: 'asleep' }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseStatus('DH30A-0001', bytes({ ...good, extra: 1 }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseStatus('DH30A-0001', bytes({ v: 1, serial: 'DH30A-0001', state: 'online', at: '2026-11-28T01:02:03Z' }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseStatus('DH30A-0002', bytes(good))).toMatchObject({ ok: false, reason: 'topic_serial_mismatch' });
    expect(parseStatus('DH30A-0001', bytes('x'.repeat(MAX_MESSAGE_BYTES + 1)))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('dates an offline status at its receipt: the will was signed at connect time', () => {
    const received = new Date('2026-11-28T05:00:00Z');
    expect(statusInstant(good, received)).toEqual(new Date(good.at));
    expect(statusInstant({ ...good, state: 'offline' }, received)).toEqual(received);
  });

  it('maps topics to serials and refuses foreign topics', () => {
    expect(serialOfTopic(statusTopic('DH30A-0001'))).toBe('DH30A-0001');
    expect(serialOfTopic('sunshine/v2/scales/DH30A-0001/status')).toBeNull();
    expect(serialOfTopic('sunshine/v1/scales/../status')).toBeNull();
  });
});
