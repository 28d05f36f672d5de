import { describe, expect, it } from 'vitest';
import { compareScales, perMille, type ScaleRankFigures } from '../../lib/domain/scale-ranking.ts';

const scale = (id: number, figures: Partial<ScaleRankFigures>): ScaleRankFigures => ({
  id, passRatio: null, failedChecks: 0, findingsPerMille: null, findings: 0, openAlerts: 0, ...figures,
});

const rows = [
  scale(1, { passRatio: 1, findingsPerMille: 0 }),
  scale(2, { passRatio: 0.5, failedChecks: 1, findingsPerMille: 200, findings: 40, openAlerts: 1 }),
  scale(3, { passRatio: null, findingsPerMille: null }), // no checks, no trade
  scale(4, { passRatio: 0.5, failedChecks: 3, findingsPerMille: 0, openAlerts: 2 }),
  scale(5, { passRatio: 0.9, failedChecks: 1, findingsPerMille: 5, findings: 5 }),
];
const order = (sort: Parameters<typeof compareScales>[0]) => [...rows].sort(compareScales(sort)).map((row) => row.id);

describe('worst scales first', () => {
  it('by pass rate: lowest first, more failures break ties, unknown last', () => {
    expect(order('pass_rate')).toEqual([4, 2, 5, 1, 3]);
  });

  it('by findings: the highest rate first, unknown last', () => {
    expect(order('findings')).toEqual([2, 5, 4, 1, 3]);
  });

  it('by alerts: most open alerts first, then the lower pass rate', () => {
    expect(order('alerts')).toEqual([4, 2, 5, 1, 3]);
  });

  it('is a total order: ties end by id', () => {
    const twins = [scale(9, { passRatio: 1 }), scale(8, { passRatio: 1 })];
    expect(twins.sort(compareScales('pass_rate')).map((row) => row.id)).toEqual([8, 9]);
  });

  it('rates per 1 000, none without a base', () => {
    expect(perMille(3, 1_500)).toBe(2);
    expect(perMille(0, 0)).toBeNull();
  });
});
