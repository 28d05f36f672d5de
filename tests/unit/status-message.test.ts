import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../lib/domain/protocol/status.ts';
import { serialOfTopic, statusTopic } from '../../lib/domain/protocol/topics.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const good = { v: 1, serial: 'DH30A-0001', state: 'online', at: '2026-11-28T01:02:03Z' };

describe('status message', () => {
  it('accepts a well-formed message for its own topic', () => {
    expect(parseStatus('DH30A-0001', bytes(good))).toEqual({ ok: true, message: good });
  });

  it('names the reason for each kind of bad message', () => {
    expect(parseStatus('DH30A-0001', bytes('{not json'))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseStatus('DH30A-0001', new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseStatus('DH30A-0001', bytes({ ...good, state: 'asleep' }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseStatus('DH30A-0001', bytes({ ...good, extra: 1 }))).toMatchObject({ ok: false, reason: 'schema' });
    expect(parseStatus('DH30A-0002', bytes(good))).toMatchObject({ ok: false, reason: 'topic_serial_mismatch' });
    expect(parseStatus('DH30A-0001', bytes('x'.repeat(600)))).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('maps topics to serials and refuses foreign topics', () => {
    expect(serialOfTopic(statusTopic('DH30A-0001'))).toBe('DH30A-0001');
    expect(serialOfTopic('sunshine/v2/scales/DH30A-0001/status')).toBeNull();
    expect(serialOfTopic('sunshine/v1/scales/../status')).toBeNull();
  });
});
