import { describe, expect, it } from 'vitest';
import {
  accuracyScore, assess, assessWithTrend, cardFor, compareWorstFirst, evidenceBetween, hasEvidence, NO_EVIDENCE, penalties,
  priceFindingsPerMille, SCORE_SETTINGS, scoreTrend, type ScoreEvidence,
} from '../../lib/domain/accuracy-score.ts';
import { hasPriceFinding, PRICE_FINDINGS } from '../../lib/domain/price-findings.ts';
import { WEIGHING_FINDINGS } from '../../lib/domain/protocol/judge.ts';

const evidence = (partial: Partial<ScoreEvidence>): ScoreEvidence => ({ ...NO_EVIDENCE, ...partial });

describe('accuracy score', () => {
  it('has no score without any evidence, and 100 for clean trade', () => {
    expect(accuracyScore(NO_EVIDENCE)).toBeNull();
    expect(hasEvidence(NO_EVIDENCE)).toBe(false);
    expect(accuracyScore(evidence({ weighings: 1_200 }))).toBe(100);
    // checks passed are evidence, and add nothing
    expect(accuracyScore(evidence({ inspectionsPassed: 3, reweighs: 5 }))).toBe(100);
  });

  it('scores a merchant with checks but zero weighings, without a price rate', () => {
    const e = evidence({ inspectionsFailed: 1 });
    expect(priceFindingsPerMille(e)).toBeNull();
    expect(accuracyScore(e)).toBe(100 - SCORE_SETTINGS.failedInspection.points);
    expect(penalties(e).map((p) => p.kind)).toEqual(['inspection']);
  });

  it('takes points per failed inspection, re-weigh and upheld complaint, each capped', () => {
    expect(accuracyScore(evidence({ weighings: 100, inspectionsFailed: 1 }))).toBe(75);
    expect(accuracyScore(evidence({ weighings: 100, inspectionsFailed: 5 }))).toBe(50); // cap 50
    expect(accuracyScore(evidence({ weighings: 100, reweighs: 4, reweighsFailed: 2 }))).toBe(80);
    expect(accuracyScore(evidence({ weighings: 100, reweighs: 9, reweighsFailed: 9 }))).toBe(70); // cap 30
    expect(accuracyScore(evidence({ weighings: 100, complaintsUpheld: 1 }))).toBe(80);
    expect(accuracyScore(evidence({ weighings: 100, complaintsUpheld: 3 }))).toBe(60); // cap 40
  });

  it('counts price findings as a rate per 1 000 weighings, so busy stalls are not punished for trade', () => {
    // 1 in 1 000: 2.5 points, rounded score
    expect(accuracyScore(evidence({ weighings: 1_000, priceFindings: 1 }))).toBe(98); // 97.5 → 98
    expect(accuracyScore(evidence({ weighings: 10_000, priceFindings: 10 }))).toBe(98); // same rate
    expect(accuracyScore(evidence({ weighings: 1_000, priceFindings: 4 }))).toBe(90);
    expect(accuracyScore(evidence({ weighings: 1_000, priceFindings: 200 }))).toBe(75); // cap 25
    expect(priceFindingsPerMille(evidence({ weighings: 400, priceFindings: 2 }))).toBe(5);
  });

  it('weighs open alerts by severity, capped', () => {
    expect(accuracyScore(evidence({ weighings: 10, criticalAlerts: 1, warningAlerts: 1 }))).toBe(92);
    expect(accuracyScore(evidence({ weighings: 10, criticalAlerts: 5 }))).toBe(85);
    expect(penalties(evidence({ criticalAlerts: 1, warningAlerts: 2 }))).toEqual([{ kind: 'alert', count: 3, points: 10 }]);
  });

  it('never goes below zero', () => {
    const worst = evidence({
      weighings: 100, priceFindings: 100, inspectionsFailed: 9, reweighsFailed: 9, reweighs: 9, complaintsUpheld: 9, criticalAlerts: 9,
    });
    expect(accuracyScore(worst)).toBe(0);
    expect(penalties(worst).reduce((sum, p) => sum + p.points, 0)).toBe(50 + 30 + 40 + 25 + 15);
  });
});

describe('cards', () => {
  it('gives no card for clean evidence and for no evidence', () => {
    expect(cardFor(evidence({ weighings: 500 }), 100)).toEqual({ card: 'none', reasons: [] });
    expect(cardFor(NO_EVIDENCE, null)).toEqual({ card: 'none', reasons: [] });
  });

  it('gives a red card for an upheld short-weight complaint, even with a high score', () => {
    const e = evidence({ weighings: 500, complaintsUpheld: 1, shortWeightUpheld: 1 });
    const { card, reasons } = cardFor(e, accuracyScore(e));
    expect(card).toBe('red');
    expect(reasons.map((r) => [r.code, r.level])).toEqual([['short_weight_upheld', 'red'], ['complaint_upheld', 'yellow']]);
  });

  it('gives a red card for a failed inspection that suspended a scale', () => {
    const e = evidence({ inspectionsFailed: 1, inspectionsSuspended: 1 });
    expect(cardFor(e, accuracyScore(e)).card).toBe('red');
    // failed without suspension: yellow
    const f = evidence({ inspectionsFailed: 1 });
    expect(cardFor(f, accuracyScore(f))).toMatchObject({
      card: 'yellow',
      reasons: [{ code: 'inspection_failed', value: 1, threshold: 1 }, { code: 'score_below_yellow', value: 75, threshold: 80 }],
    });
  });

  it('gives a yellow card for repeated price findings only: enough of them, at a high enough rate', () => {
    const twice = evidence({ weighings: 100, priceFindings: 2 });
    expect(cardFor(twice, 100).reasons.map((r) => r.code)).not.toContain('price_findings');
    const thriceInMany = evidence({ weighings: 10_000, priceFindings: 3 }); // 0.3 ‰
    expect(cardFor(thriceInMany, 100).card).toBe('none');
    const repeated = evidence({ weighings: 1_000, priceFindings: 3 }); // 3 ‰
    expect(cardFor(repeated, accuracyScore(repeated))).toMatchObject({ card: 'yellow', reasons: [{ code: 'price_findings', value: 3, threshold: 3 }] });
  });

  it('gives a yellow card for a failed re-weigh or a critical alert', () => {
    expect(cardFor(evidence({ reweighs: 3, reweighsFailed: 1 }), 90).reasons.map((r) => r.code)).toEqual(['reweigh_failed']);
    expect(cardFor(evidence({ criticalAlerts: 1 }), 94).reasons.map((r) => r.code)).toEqual(['critical_alert']);
  });

  it('follows the score: red below 60, yellow below 80, said once', () => {
    expect(cardFor(evidence({ weighings: 1 }), 59).reasons.map((r) => r.code)).toEqual(['score_below_red']);
    expect(cardFor(evidence({ weighings: 1 }), 60).reasons.map((r) => r.code)).toEqual(['score_below_yellow']);
    expect(cardFor(evidence({ weighings: 1 }), 79).card).toBe('yellow');
    expect(cardFor(evidence({ weighings: 1 }), 80).card).toBe('none');
  });
});

describe('trend', () => {
  it('compares this window with the previous', () => {
    expect(scoreTrend(90, 80)).toEqual({ delta: 10, direction: 'up' });
    expect(scoreTrend(70, 95)).toEqual({ delta: -25, direction: 'down' });
    expect(scoreTrend(90, 88)).toEqual({ delta: 2, direction: 'steady' });
    expect(scoreTrend(90, 87)).toEqual({ delta: 3, direction: 'up' });
  });

  it('has no delta when either window has no score', () => {
    expect(scoreTrend(90, null)).toEqual({ delta: null, direction: 'new' });
    expect(scoreTrend(null, 90)).toEqual({ delta: null, direction: 'none' });
    expect(scoreTrend(null, null)).toEqual({ delta: null, direction: 'none' });
  });

  it('assesses two windows of dated evidence', () => {
    const items = [
      { day: '2026-08-01', evidence: { weighings: 300 } },
      { day: '2026-10-02', evidence: { weighings: 400, priceFindings: 4 } },
      { day: '2026-10-03', evidence: { inspectionsFailed: 1 } },
      { day: '2026-11-30', evidence: { weighings: 1 } }, // after the window
    ];
    const current = evidenceBetween(items, '2026-09-01', '2026-11-29');
    expect(current).toMatchObject({ weighings: 400, priceFindings: 4, inspectionsFailed: 1 });
    const previous = evidenceBetween(items, '2026-06-03', '2026-08-31');
    const result = assessWithTrend(current, previous);
    expect(result.score).toBe(100 - 25 - 25); // 10 ‰ → the price cap
    expect(result.previousScore).toBe(100);
    expect(result.trend).toEqual({ delta: -50, direction: 'down' });
    expect(result.card).toBe('red'); // score 50
    expect(assess(previous).card).toBe('none');
  });
});

describe('worst first', () => {
  it('orders by card, then score (no score last), then id', () => {
    const rows = [
      { id: 1, card: 'none' as const, score: 100 },
      { id: 2, card: 'yellow' as const, score: 85 },
      { id: 3, card: 'red' as const, score: 95 },
      { id: 4, card: 'none' as const, score: null },
      { id: 5, card: 'none' as const, score: 90 },
      { id: 6, card: 'yellow' as const, score: 85 },
    ];
    expect([...rows].sort(compareWorstFirst).map((r) => r.id)).toEqual([3, 2, 6, 5, 1, 4]);
  });
});

describe('price findings', () => {
  it('are weighing findings about the price', () => {
    for (const finding of PRICE_FINDINGS) expect(WEIGHING_FINDINGS).toContain(finding);
    expect(hasPriceFinding(['unstable', 'price_mismatch'])).toBe(true);
    expect(hasPriceFinding(['price_on_invalid_mass'])).toBe(true);
    expect(hasPriceFinding(['below_min', 'unstable'])).toBe(false);
    expect(hasPriceFinding([])).toBe(false);
  });
});
