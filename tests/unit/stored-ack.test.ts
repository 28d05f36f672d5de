import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_SECRET, storedAckExample } from '../../lib/domain/protocol/example.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { isStored, MAX_ACK_GAPS, readStoredAck, signedStoredAck, storedAckMessage, storedAckOf, storedAckTopic } from '../../lib/domain/protocol/stored-ack.ts';
import { parseTopic } from '../../lib/domain/protocol/topics.ts';

const at = new Date('2026-03-14T01:00:00Z');
const gap = (from: number, to: number) => ({ fromSeq: BigInt(from), toSeq: BigInt(to) });

describe('StoredAck', () => {
  it('confirms every seq up to last except the missing ranges', () => {
    const ack = storedAckOf({ serial: 'S-0001', lastSeq: 20n, gaps: [gap(12, 13), gap(4, 4)] }, at);
    expect(ack).toEqual({ v: 1, serial: 'S-0001', last: 20, missing: [[4, 4], [12, 13]], at: at.toISOString() });
    const stored = Array.from({ length: 22 }, (_, i) => i).filter((seq) => isStored(ack, seq));
    expect(stored).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('confirms nothing before the first record', () => {
    const ack = storedAckOf({ serial: 'S-0001', lastSeq: null, gaps: [] }, at);
    expect(ack.last).toBe(0);
    expect(isStored(ack, 1)).toBe(false);
  });

  it(`lists at most ${MAX_ACK_GAPS} ranges and lowers last so that no unlisted gap is confirmed`, () => {
    const gaps = Array.from({ length: MAX_ACK_GAPS + 3 }, (_, i) => gap(10 * i + 5, 10 * i + 6));
    const ack = storedAckOf({ serial: 'S-0001', lastSeq: 1000n, gaps }, at);
    expect(ack.missing).toHaveLength(MAX_ACK_GAPS);
    const firstUnlisted = 10 * MAX_ACK_GAPS + 5;
    expect(ack.last).toBe(firstUnlisted - 1);
    expect(isStored(ack, firstUnlisted)).toBe(false);
    expect(isStored(ack, firstUnlisted - 1)).toBe(true);
    expect(storedAckMessage.safeParse(signedStoredAck(EXAMPLE_SECRET, { serial: 'S-0001', lastSeq: 1000n, gaps }, at)).success).toBe(true);
  });

  it('is read by the scale only when signed with its secret, for its serial', () => {
    const ack = signedStoredAck(EXAMPLE_SECRET, { serial: 'S-0001', lastSeq: 7n, gaps: [] }, at);
    expect(readStoredAck(JSON.stringify(ack), 'S-0001', EXAMPLE_SECRET)).toEqual({ ok: true, ack });
    expect(readStoredAck(JSON.stringify(ack), 'S-0002', EXAMPLE_SECRET)).toEqual({ ok: false, reason: 'other_serial' });
    const other = 'f'.repeat(64);
    expect(readStoredAck(JSON.stringify(ack), 'S-0001', other)).toEqual({ ok: false, reason: 'bad_signature' });
    // a forged confirmation of more than was stored
    expect(readStoredAck(JSON.stringify({ ...ack, last: 9 }), 'S-0001', EXAMPLE_SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(readStoredAck('{', 'S-0001', EXAMPLE_SECRET)).toEqual({ ok: false, reason: 'not_json' });
    expect(readStoredAck(JSON.stringify(withSignature(EXAMPLE_SECRET, { v: 1, serial: 'S-0001', seq: 7, at: at.toISOString(), state: 'online' })), 'S-0001', EXAMPLE_SECRET))
      .toEqual({ ok: false, reason: 'schema' });
  });

  it('lives on a topic the ingest subscription does not match', () => {
    const topic = storedAckTopic('S-0001');
    expect(topic).toBe('sunshine/v1/scales/S-0001/down/stored-ack');
    expect(parseTopic(topic)).toBeNull();
    // sunshine/v1/scales/+/+ matches exactly five levels
    expect(topic.split('/')).toHaveLength(6);
  });
});

describe('the StoredAck example on /protocol', () => {
  it('is signed as the openssl command shown reproduces, and a scale reading it keeps 1043 only', () => {
    const example = storedAckExample();
    const out = execFileSync('/bin/sh', ['-c', example.opensslCommand], { env: { ...process.env, PATH: '/usr/bin:/bin' } }).toString().trim();
    expect(out.split('= ')[1]).toBe(example.signature);
    const reading = readStoredAck(JSON.stringify({ ...example.unsigned, sig: example.signature }), 'DEMO-0001', EXAMPLE_SECRET);
    expect(reading.ok).toBe(true);
    if (reading.ok) expect([1041, 1042, 1043, 1044, 1045].map((seq) => isStored(reading.ack, seq))).toEqual([true, true, false, true, false]);
  });
});
