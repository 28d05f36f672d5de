// The test points of an inspection, judged as R76-1 judges them. MPEs are written out by hand from
// the table (METROLOGY.md) for a class III scale, e = 5 g: ±0.5 e / ±1 e / ±1.5 e at verification up
// to 500 e / 2 000 e / 10 000 e, twice that in service.
import { describe, expect, it } from 'vitest';
import {
  eccentricityLoadMg, judgeInspection, judgeInspectionPoint, MetrologyError, missingKinds, pointLimitMg, readingsRange,
  type TestPointEntry,
} from '../../lib/domain/metrology/index.ts';

const scale = { accuracyClass: 'III' as const, eMg: 5_000 };
const g = (grams: number) => grams * 1_000;

function throwsCode(run: () => unknown, code: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetrologyError);
    expect((error as MetrologyError).code).toBe(code);
    return;
  }
  throw new Error(`expected MetrologyError ${code}`);
}

describe('a weighing point', () => {
  it('passes at the MPE of its load and stage and fails one mg beyond', () => {
    const at = (indicationMg: number, stage: 'verification' | 'in-service') =>
      judgeInspectionPoint({ kind: 'weighing', referenceMg: g(2_500), indicationsMg: [indicationMg] }, scale, stage);
    // 2.5 kg = 500 e: ±2.5 g at verification, ±5 g in service
    expect(at(g(2_502.5), 'verification')).toMatchObject({ passed: true, limitMg: 2_500, failures: [] });
    expect(at(g(2_502.5) + 1, 'verification')).toMatchObject({ passed: false, failures: ['error_exceeds_limit'] });
    expect(at(g(2_505), 'in-service')).toMatchObject({ passed: true, limitMg: 5_000 });
    expect(at(g(2_495) - 1, 'in-service').passed).toBe(false);
    expect(at(g(2_505), 'in-service').readings).toEqual([{ indicationMg: g(2_505), errorMg: g(5), within: true }]);
  });

  it('takes exactly one indication', () => {
    expect(readingsRange('weighing')).toEqual([1, 1]);
    throwsCode(() => judgeInspectionPoint({ kind: 'weighing', referenceMg: g(100), indicationsMg: [] }, scale, 'verification'), 'invalid_readings');
    throwsCode(() => judgeInspectionPoint({ kind: 'weighing', referenceMg: g(100), indicationsMg: [g(100), g(100)] }, scale, 'verification'), 'invalid_readings');
  });

  it('refuses a load beyond the MPE table and a fractional indication', () => {
    throwsCode(() => judgeInspectionPoint({ kind: 'weighing', referenceMg: 10_000 * 5_000 + 1, indicationsMg: [0] }, scale, 'in-service'), 'load_above_bands');
    throwsCode(() => judgeInspectionPoint({ kind: 'weighing', referenceMg: g(100), indicationsMg: [100_000.5] }, scale, 'in-service'), 'invalid_indication');
  });
});

describe('a tare point', () => {
  it('judges the net indication against the MPE for the net load', () => {
    // net 7.5 kg = 1 500 e: ±5 g at verification, whatever the tare was
    const point = (net: number) => judgeInspectionPoint({ kind: 'tare', referenceMg: g(7_500), indicationsMg: [net] }, scale, 'verification');
    expect(point(g(7_505))).toMatchObject({ passed: true, limitMg: 5_000 });
    expect(point(g(7_510)).passed).toBe(false);
  });
});

describe('a repeatability series', () => {
  // 7.5 kg = 1 500 e: MPE ±5 g at verification, ±10 g in service
  const series = (indicationsMg: number[]): TestPointEntry => ({ kind: 'repeatability', referenceMg: g(7_500), indicationsMg });

  it('fails when the spread exceeds |MPE| even though every reading is within the MPE', () => {
    const verdict = judgeInspectionPoint(series([g(7_495), g(7_505), g(7_500)]), scale, 'verification');
    expect(verdict.readings.every((reading) => reading.within)).toBe(true);
    expect(verdict).toMatchObject({ spreadMg: g(10), limitMg: 5_000, passed: false, failures: ['spread_exceeds_mpe'] });
  });

  it('passes with a spread of exactly |MPE|, and the in-service MPE is wider', () => {
    expect(judgeInspectionPoint(series([g(7_500), g(7_505), g(7_505)]), scale, 'verification')).toMatchObject({ spreadMg: g(5), passed: true });
    expect(judgeInspectionPoint(series([g(7_495), g(7_505), g(7_500)]), scale, 'in-service')).toMatchObject({ spreadMg: g(10), limitMg: 10_000, passed: true });
  });

  it('fails a reading beyond the MPE even when the series is tight', () => {
    const verdict = judgeInspectionPoint(series([g(7_510), g(7_510), g(7_510)]), scale, 'verification');
    expect(verdict).toMatchObject({ spreadMg: 0, passed: false, failures: ['error_exceeds_limit'] });
  });

  it('takes at least 3 and at most 10 readings', () => {
    expect(readingsRange('repeatability')).toEqual([3, 10]);
    throwsCode(() => judgeInspectionPoint(series([g(7_500), g(7_500)]), scale, 'verification'), 'invalid_readings');
    throwsCode(() => judgeInspectionPoint(series(Array.from({ length: 11 }, () => g(7_500))), scale, 'verification'), 'invalid_readings');
    expect(judgeInspectionPoint(series(Array.from({ length: 10 }, () => g(7_500))), scale, 'verification').passed).toBe(true);
  });
});

describe('an eccentricity test', () => {
  // 5 kg = 1 000 e (1/3 of Max 15 kg): ±5 g at verification, ±10 g in service
  const test = (indicationsMg: number[]): TestPointEntry => ({ kind: 'eccentricity', referenceMg: g(5_000), indicationsMg });

  it('passes when every position is within the MPE at that load', () => {
    const verdict = judgeInspectionPoint(test([g(5_000), g(5_005), g(4_995), g(5_005), g(5_000)]), scale, 'verification');
    expect(verdict).toMatchObject({ passed: true, limitMg: 5_000, spreadMg: null });
  });

  it('fails on one position beyond it, naming that position', () => {
    const verdict = judgeInspectionPoint(test([g(5_000), g(5_000), g(5_010), g(5_000), g(5_000)]), scale, 'verification');
    expect(verdict.passed).toBe(false);
    expect(verdict.readings.map((reading) => reading.within)).toEqual([true, true, false, true, true]);
    // the same indications are within the in-service MPE
    expect(judgeInspectionPoint(test([g(5_000), g(5_000), g(5_010), g(5_000), g(5_000)]), scale, 'in-service').passed).toBe(true);
  });

  it('needs the four quarters at least; its load is 1/3 Max on the e grid', () => {
    expect(readingsRange('eccentricity')).toEqual([4, 10]);
    throwsCode(() => judgeInspectionPoint(test([g(5_000), g(5_000), g(5_000)]), scale, 'verification'), 'invalid_readings');
    expect(eccentricityLoadMg(g(15_000), g(5))).toBe(g(5_000));
    expect(eccentricityLoadMg(g(30_000), g(10))).toBe(g(10_000));
    expect(eccentricityLoadMg(g(10_000), g(5))).toBe(g(3_335)); // 3 333.3 g rounded up to a whole e
  });
});

describe('a zero point', () => {
  it('allows ±0.25 e at both stages (zero-setting accuracy)', () => {
    expect(pointLimitMg('zero', scale, 0, 'verification')).toBe(1_250);
    expect(pointLimitMg('zero', scale, 0, 'in-service')).toBe(1_250);
    const zero = (indicationMg: number, stage: 'verification' | 'in-service') =>
      judgeInspectionPoint({ kind: 'zero', referenceMg: 0, indicationsMg: [indicationMg] }, scale, stage).passed;
    expect(zero(0, 'in-service')).toBe(true);
    expect(zero(-1_250, 'verification')).toBe(true);
    // a display showing 1 e with the pan empty: fails even in service, where a weighing point would allow ±1 e
    expect(zero(g(5), 'in-service')).toBe(false);
  });

  it('keeps a quarter of a small e exact', () => {
    expect(pointLimitMg('zero', { accuracyClass: 'II', eMg: 1 }, 0, 'verification')).toBe(0.25);
    expect(judgeInspectionPoint({ kind: 'zero', referenceMg: 0, indicationsMg: [1] }, { accuracyClass: 'II', eMg: 1 }, 'verification').passed).toBe(false);
  });
});

describe('an inspection', () => {
  const good: TestPointEntry = { kind: 'weighing', referenceMg: g(2_500), indicationsMg: [g(2_500)] };
  const bad: TestPointEntry = { kind: 'weighing', referenceMg: g(10_000), indicationsMg: [g(10_100)] };

  it('passes only when every point passes', () => {
    expect(judgeInspection([good, { kind: 'zero', referenceMg: 0, indicationsMg: [0] }], scale, 'in-service').passed).toBe(true);
    const verdict = judgeInspection([good, bad], scale, 'in-service');
    expect(verdict.passed).toBe(false);
    expect(verdict.points.map((point) => point.passed)).toEqual([true, false]);
  });

  it('with no point has proved nothing', () => {
    expect(judgeInspection([], scale, 'in-service')).toEqual({ points: [], passed: false });
  });

  it('as a verification must cover weighing, repeatability, eccentricity and zero', () => {
    expect(missingKinds('verification', ['weighing', 'zero'])).toEqual(['repeatability', 'eccentricity']);
    expect(missingKinds('verification', ['weighing', 'repeatability', 'eccentricity', 'zero', 'tare'])).toEqual([]);
    expect(missingKinds('in-service', ['zero'])).toEqual([]);
  });
});
