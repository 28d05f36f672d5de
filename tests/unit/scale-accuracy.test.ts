import { describe, expect, it } from 'vitest';
import { combinePassRates, counterHistory, errorInE, passRate } from '../../lib/domain/scale-accuracy.ts';

describe('pass rate of checks', () => {
  it('is passed ÷ checks, null without checks', () => {
    expect(passRate([])).toEqual({ checks: 0, passed: 0, failed: 0, ratio: null });
    expect(passRate([{ passed: true }, { passed: false }, { passed: true }, { passed: true }])).toEqual({ checks: 4, passed: 3, failed: 1, ratio: 0.75 });
  });

  it('combines by counts', () => {
    const combined = combinePassRates([passRate([{ passed: true }]), passRate([{ passed: false }, { passed: false }, { passed: true }])]);
    expect(combined).toEqual({ checks: 4, passed: 2, failed: 2, ratio: 0.5 });
  });
});

describe('error in e', () => {
  it('divides the error by the verification interval', () => {
    expect(errorInE({ referenceMg: 5_000_000, indicationMg: 5_010_000 }, 5_000)).toBe(2);
    expect(errorInE({ referenceMg: 5_000_000, indicationMg: 4_997_500 }, 5_000)).toBe(-0.5);
    expect(errorInE({ referenceMg: 1_000, indicationMg: 1_000 }, 10_000)).toBe(0);
  });

  it('refuses an e that is not a positive integer', () => {
    expect(() => errorInE({ referenceMg: 1, indicationMg: 2 }, 0)).toThrow(RangeError);
    expect(() => errorInE({ referenceMg: 1, indicationMg: 2 }, 2.5)).toThrow(RangeError);
  });
});

describe('counter history', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2));
  it('lists events newest first with the counter that moved and whether the ingest flagged it', () => {
    const history = counterHistory([
      { at: at(3), kind: 'configuration', detail: { counters: { calibration: 4, configuration: 2 }, change: { param: 'unit_factor', old: '1', new: '1.1' }, findings: ['counter_moved'] } },
      { at: at(1), kind: 'calibration', detail: { counters: { calibration: 4, configuration: 1 }, change: null, findings: [] } },
      { at: at(2), kind: 'seal_open', detail: { counters: { calibration: 4, configuration: 1 }, findings: ['seal_open'] } },
    ]);
    expect(history.map((entry) => entry.kind)).toEqual(['configuration', 'seal_open', 'calibration']);
    expect(history[0]).toMatchObject({ calibration: 4, configuration: 2, moved: ['configuration'], unauthorised: true, change: { param: 'unit_factor', old: '1', new: '1.1' } });
    expect(history[1]).toMatchObject({ moved: [], unauthorised: false, change: null });
    expect(history[2]).toMatchObject({ moved: [], calibration: 4 });
  });

  it('reads a detail it does not understand as no counters, rather than failing', () => {
    const history = counterHistory([
      { at: at(1), kind: 'calibration', detail: { counters: { calibration: 'x' } } },
      { at: at(2), kind: 'calibration', detail: null },
    ]);
    expect(history.map((entry) => [entry.calibration, entry.moved])).toEqual([[null, []], [null, []]]);
  });
});
