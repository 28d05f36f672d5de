import { describe, expect, it } from 'vitest';
import { advanceSequence } from '../../lib/domain/sequence.ts';

const s = (...values: number[]) => values.map(BigInt);

describe('sequence bookkeeping', () => {
  it('counts a new scale from seq 1: a first message with a higher seq opens a gap before it', () => {
    const result = advanceSequence({ lastSeq: null, gaps: [] }, s(40_313));
    expect(result.fresh).toEqual(s(40_313));
    expect(result.state).toEqual({ lastSeq: 40_313n, gaps: [{ fromSeq: 1n, toSeq: 40_312n }] });
    expect(advanceSequence({ lastSeq: null, gaps: [] }, s(1)).state).toEqual({ lastSeq: 1n, gaps: [] });
  });

  it('stores a new scale’s first message although its successor came first, in an earlier batch', () => {
    const first = advanceSequence({ lastSeq: null, gaps: [] }, s(2));
    const late = advanceSequence(first.state, s(1));
    expect(late.fresh).toEqual(s(1));
    expect(late.state).toEqual({ lastSeq: 2n, gaps: [] });
  });

  it('never takes a seq 0 (a status’s “before the first”) for a record', () => {
    expect(advanceSequence({ lastSeq: null, gaps: [] }, s(0)).seen).toEqual(s(0));
  });

  it('opens a gap for skipped seqs and closes it as late ones arrive', () => {
    const first = advanceSequence({ lastSeq: 10n, gaps: [] }, s(11, 15));
    expect(first.state).toEqual({ lastSeq: 15n, gaps: [{ fromSeq: 12n, toSeq: 14n }] });
    expect(first.opened).toEqual([{ fromSeq: 12n, toSeq: 14n }]);
    const late = advanceSequence(first.state, s(13));
    expect(late.fresh).toEqual(s(13));
    expect(late.closedCount).toBe(1);
    expect(late.state.gaps).toEqual([{ fromSeq: 12n, toSeq: 12n }, { fromSeq: 14n, toSeq: 14n }]);
    const rest = advanceSequence(late.state, s(14, 12));
    expect(rest.state.gaps).toEqual([]);
    expect(rest.closedCount).toBe(2);
  });

  it('treats a seq already seen as seen, also twice in one batch', () => {
    const result = advanceSequence({ lastSeq: 20n, gaps: [] }, s(19, 21, 21, 20));
    expect(result.fresh).toEqual(s(21));
    expect(result.seen).toEqual(s(19, 21, 20));
    expect(result.state.lastSeq).toBe(21n);
  });

  it('does not open a gap that the same batch fills, whatever the arrival order', () => {
    const result = advanceSequence({ lastSeq: 1n, gaps: [] }, s(4, 2, 3));
    expect(result.fresh).toEqual(s(4, 2, 3));
    expect(result.opened).toEqual([]);
    expect(result.state).toEqual({ lastSeq: 4n, gaps: [] });
  });

  it('keeps unrelated gaps untouched', () => {
    const result = advanceSequence({ lastSeq: 100n, gaps: [{ fromSeq: 5n, toSeq: 9n }] }, s(101));
    expect(result.state.gaps).toEqual([{ fromSeq: 5n, toSeq: 9n }]);
  });
});
