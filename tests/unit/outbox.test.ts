import { describe, expect, it } from 'vitest';
import { Outbox } from '../../lib/simulator/outbox.ts';

const options = { capacity: 5, resendAfterMs: 1000, maxResendAfterMs: 4000 };

function filled(seqs: number[], now = 0): Outbox {
  const outbox = new Outbox(options);
  for (const seq of seqs) outbox.add(seq, 't', `p${seq}`, now);
  return outbox;
}

describe('a scale outbox (store and forward until the StoredAck)', () => {
  it('drops exactly what a StoredAck covers', () => {
    const outbox = filled([1, 2, 3, 4, 5]);
    expect(outbox.confirm({ last: 4, missing: [[2, 3]] })).toBe(2);
    expect(outbox.due(10_000).map((r) => r.seq)).toEqual([2, 3, 5]);
    expect(outbox.confirm({ last: 5, missing: [] })).toBe(3);
    expect(outbox.size).toBe(0);
  });

  it('an older StoredAck confirms less but never un-confirms', () => {
    const outbox = filled([1, 2, 3]);
    outbox.confirm({ last: 2, missing: [] });
    outbox.confirm({ last: 1, missing: [] });
    expect(outbox.size).toBe(1);
  });

  it('resends an uncovered record after the wait, then at doubling intervals up to the cap', () => {
    const outbox = filled([1]);
    const resentAt: number[] = [];
    for (let now = 0; now <= 20_000; now += 100) if (outbox.due(now).length) resentAt.push(now);
    // waits 1, 2, 4, 4, 4 … s
    expect(resentAt.slice(0, 5)).toEqual([1000, 3000, 7000, 11_000, 15_000]);
  });

  it('refuses a record when full: the scale stops trading, nothing is dropped', () => {
    const outbox = filled([1, 2, 3, 4, 5]);
    expect(outbox.full).toBe(true);
    expect(() => outbox.add(6, 't', 'p6', 0)).toThrow(/full/);
    expect(outbox.size).toBe(5);
  });
});
