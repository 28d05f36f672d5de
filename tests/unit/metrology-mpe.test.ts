// The MPE of every band edge of every class, at both stages. Expectations are the spec table
// (METROLOGY.md, OIML R76-1 Table 6) worked out by hand for a concrete e and written out in mg;
// none is computed here by the code under test's formula.
import { describe, expect, it } from 'vitest';
import {
  IN_SERVICE_MPE_FACTOR,
  maxPermissibleError,
  MetrologyError,
  type AccuracyClass,
  type MetrologyErrorCode,
  type MpeInput,
} from '../../lib/domain/metrology/index.ts';

// [class, e mg, load mg, MPE at verification mg, MPE in service mg, what the row tests]
type Row = [AccuracyClass, number, number, number, number, string];
const ROWS: Row[] = [
  // class I: ±0.5 e to 50 000 e, ±1 e to 200 000 e, ±1.5 e beyond (no upper edge). e = 1 mg: odd, so x.5
  ['I', 1, 0, 0.5, 1, 'zero load'],
  ['I', 1, 1, 0.5, 1, 'one e'],
  ['I', 1, 50_000, 0.5, 1, 'at the 50 000 e edge'],
  ['I', 1, 50_001, 1, 2, 'one mg above 50 000 e'],
  ['I', 1, 200_000, 1, 2, 'at the 200 000 e edge'],
  ['I', 1, 200_001, 1.5, 3, 'one mg above 200 000 e'],
  ['I', 1, 1_000_000_000_000, 1.5, 3, 'a large load (10^12 e)'],
  ['I', 1, Number.MAX_SAFE_INTEGER, 1.5, 3, 'the largest safe integer load'],
  ['I', 10, 0, 5, 10, 'zero load'],
  ['I', 10, 500_000, 5, 10, 'at the 50 000 e edge'],
  ['I', 10, 500_001, 10, 20, 'one mg above 50 000 e'],
  ['I', 10, 2_000_000, 10, 20, 'at the 200 000 e edge'],
  ['I', 10, 2_000_001, 15, 30, 'one mg above 200 000 e'],
  ['I', 10, 5_000_000_000_000, 15, 30, 'a large load (5 × 10^11 e)'],
  // class II: ±0.5 e to 5 000 e, ±1 e to 20 000 e, ±1.5 e to 100 000 e. e = 5 mg (odd), 100 mg
  ['II', 5, 0, 2.5, 5, 'zero load'],
  ['II', 5, 25_000, 2.5, 5, 'at the 5 000 e edge'],
  ['II', 5, 25_001, 5, 10, 'one mg above 5 000 e'],
  ['II', 5, 100_000, 5, 10, 'at the 20 000 e edge'],
  ['II', 5, 100_001, 7.5, 15, 'one mg above 20 000 e'],
  ['II', 5, 500_000, 7.5, 15, 'at the last edge, 100 000 e'],
  ['II', 100, 0, 50, 100, 'zero load'],
  ['II', 100, 500_000, 50, 100, 'at the 5 000 e edge'],
  ['II', 100, 500_001, 100, 200, 'one mg above 5 000 e'],
  ['II', 100, 2_000_000, 100, 200, 'at the 20 000 e edge'],
  ['II', 100, 2_000_001, 150, 300, 'one mg above 20 000 e'],
  ['II', 100, 10_000_000, 150, 300, 'at the last edge, 100 000 e'],
  // class III: ±0.5 e to 500 e, ±1 e to 2 000 e, ±1.5 e to 10 000 e
  ['III', 100, 0, 50, 100, 'zero load (e = 0.1 g)'],
  ['III', 100, 50_000, 50, 100, 'at the 500 e edge'],
  ['III', 100, 50_001, 100, 200, 'one mg above 500 e'],
  ['III', 100, 200_000, 100, 200, 'at the 2 000 e edge'],
  ['III', 100, 200_001, 150, 300, 'one mg above 2 000 e'],
  ['III', 100, 1_000_000, 150, 300, 'at the last edge, 10 000 e'],
  ['III', 5_000, 0, 2_500, 5_000, 'zero load (market scale, e = 5 g)'],
  ['III', 5_000, 2_500_000, 2_500, 5_000, 'at the 500 e edge, 2.5 kg'],
  ['III', 5_000, 2_500_001, 5_000, 10_000, 'one mg above 500 e'],
  ['III', 5_000, 10_000_000, 5_000, 10_000, 'at the 2 000 e edge, 10 kg'],
  ['III', 5_000, 10_000_001, 7_500, 15_000, 'one mg above 2 000 e'],
  ['III', 5_000, 15_000_000, 7_500, 15_000, 'at Max 15 kg'],
  ['III', 5_000, 50_000_000, 7_500, 15_000, 'at the last edge, 10 000 e'],
  // the worked example of METROLOGY.md: Max 30 kg, e = 10 g
  ['III', 10_000, 0, 5_000, 10_000, 'zero load (e = 10 g)'],
  ['III', 10_000, 5_000_000, 5_000, 10_000, 'at the 500 e edge, 5 kg'],
  ['III', 10_000, 5_000_001, 10_000, 20_000, 'one mg above 500 e'],
  ['III', 10_000, 20_000_000, 10_000, 20_000, 'at the 2 000 e edge, 20 kg'],
  ['III', 10_000, 20_000_001, 15_000, 30_000, 'one mg above 2 000 e'],
  ['III', 10_000, 30_000_000, 15_000, 30_000, 'at Max 30 kg'],
  ['III', 10_000, 100_000_000, 15_000, 30_000, 'at the last edge, 10 000 e'],
  // class IIII: ±0.5 e to 50 e, ±1 e to 200 e, ±1.5 e to 1 000 e
  ['IIII', 5_000, 0, 2_500, 5_000, 'zero load'],
  ['IIII', 5_000, 250_000, 2_500, 5_000, 'at the 50 e edge'],
  ['IIII', 5_000, 250_001, 5_000, 10_000, 'one mg above 50 e'],
  ['IIII', 5_000, 1_000_000, 5_000, 10_000, 'at the 200 e edge'],
  ['IIII', 5_000, 1_000_001, 7_500, 15_000, 'one mg above 200 e'],
  ['IIII', 5_000, 5_000_000, 7_500, 15_000, 'at the last edge, 1 000 e'],
  ['IIII', 50_000, 2_500_000, 25_000, 50_000, 'at the 50 e edge (e = 50 g)'],
  ['IIII', 50_000, 2_500_001, 50_000, 100_000, 'one mg above 50 e'],
  ['IIII', 50_000, 10_000_000, 50_000, 100_000, 'at the 200 e edge'],
  ['IIII', 50_000, 10_000_001, 75_000, 150_000, 'one mg above 200 e'],
  ['IIII', 50_000, 50_000_000, 75_000, 150_000, 'at the last edge, 1 000 e'],
];

// [class, e mg, the first load above the last band (last edge + 1 mg), the edge in mg]
const ABOVE_LAST_BAND: [AccuracyClass, number, number, number][] = [
  ['II', 5, 500_001, 500_000],
  ['II', 100, 10_000_001, 10_000_000],
  ['III', 100, 1_000_001, 1_000_000],
  ['III', 5_000, 50_000_001, 50_000_000],
  ['III', 10_000, 100_000_001, 100_000_000],
  ['IIII', 5_000, 5_000_001, 5_000_000],
  ['IIII', 50_000, 50_000_001, 50_000_000],
];

function codeOf(run: () => unknown): MetrologyErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof MetrologyError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('maxPermissibleError: every band edge of every class, at both stages', () => {
  it.each(ROWS)('class %s, e = %i mg, load %i mg → ±%s mg at verification, ±%s mg in service (%s)', (accuracyClass, eMg, loadMg, atVerification, inService) => {
    expect(maxPermissibleError({ accuracyClass, eMg, loadMg, stage: 'verification' })).toBe(atVerification);
    expect(maxPermissibleError({ accuracyClass, eMg, loadMg, stage: 'in-service' })).toBe(inService);
  });

  it.each(ABOVE_LAST_BAND)('class %s, e = %i mg: %i mg is above the last band and throws at both stages', (accuracyClass, eMg, loadMg, limitMg) => {
    for (const stage of ['verification', 'in-service'] as const) {
      const run = () => maxPermissibleError({ accuracyClass, eMg, loadMg, stage });
      expect(run).toThrow(MetrologyError);
      expect(codeOf(run)).toBe('load_above_bands');
      try {
        run();
      } catch (error) {
        expect((error as MetrologyError).details).toMatchObject({ loadMg, limitMg });
      }
    }
  });

  it('has no upper edge for class I', () => {
    expect(codeOf(() => maxPermissibleError({ accuracyClass: 'I', eMg: 1, loadMg: 10 ** 15, stage: 'in-service' }))).toBe('no error');
  });

  it('gives 0.5 e of an odd e exactly, as a half mg', () => {
    const mpe = maxPermissibleError({ accuracyClass: 'II', eMg: 1, loadMg: 1_000, stage: 'verification' });
    expect(mpe).toBe(0.5);
    expect(mpe * 2).toBe(1);
    expect(maxPermissibleError({ accuracyClass: 'I', eMg: 5, loadMg: 2_000_000, stage: 'verification' })).toBe(7.5);
  });

  it('defaults the in-service factor to 2 and takes another as a setting', () => {
    expect(IN_SERVICE_MPE_FACTOR).toBe(2);
    const input: MpeInput = { accuracyClass: 'III', eMg: 5_000, loadMg: 10_000_001, stage: 'in-service' };
    expect(maxPermissibleError(input, { inServiceFactor: 1 })).toBe(7_500);
    expect(maxPermissibleError(input, { inServiceFactor: 3 })).toBe(22_500);
    // the setting does not touch the verification MPE
    expect(maxPermissibleError({ ...input, stage: 'verification' }, { inServiceFactor: 3 })).toBe(7_500);
    // an odd factor on an odd e still gives an exact half mg
    expect(maxPermissibleError({ accuracyClass: 'II', eMg: 1, loadMg: 0, stage: 'in-service' }, { inServiceFactor: 1 })).toBe(0.5);
  });
});

describe('maxPermissibleError refuses what it cannot judge', () => {
  const ok: MpeInput = { accuracyClass: 'III', eMg: 5_000, loadMg: 1_000_000, stage: 'in-service' };
  // [what, input change, code]
  const CASES: [string, Partial<Record<keyof MpeInput, unknown>>, MetrologyErrorCode][] = [
    ['e = 0', { eMg: 0 }, 'invalid_e'],
    ['a negative e', { eMg: -5_000 }, 'invalid_e'],
    ['a fractional e', { eMg: 0.5 }, 'invalid_e'],
    ['e = NaN', { eMg: Number.NaN }, 'invalid_e'],
    ['e = Infinity', { eMg: Number.POSITIVE_INFINITY }, 'invalid_e'],
    ['e beyond the safe integers', { eMg: 2 ** 60 }, 'invalid_e'],
    ['an e so large that the MPE is not exact', { eMg: Number.MAX_SAFE_INTEGER, loadMg: 0 }, 'invalid_e'],
    ['a negative load', { loadMg: -1 }, 'negative_load'],
    ['a fractional load', { loadMg: 1.5 }, 'invalid_load'],
    ['load = NaN', { loadMg: Number.NaN }, 'invalid_load'],
    ['load = Infinity', { loadMg: Number.POSITIVE_INFINITY }, 'invalid_load'],
    ['an unknown class', { accuracyClass: 'V' }, 'unknown_accuracy_class'],
    ['a class name from the prototype', { accuracyClass: 'toString' }, 'unknown_accuracy_class'],
    ['the database spelling of the stage', { stage: 'in_service' }, 'unknown_stage'],
    ['an unknown stage', { stage: 'initial' }, 'unknown_stage'],
  ];

  it.each(CASES)('%s → %s', (_what, change, code) => {
    const run = () => maxPermissibleError({ ...ok, ...change } as MpeInput);
    expect(run).toThrow(MetrologyError);
    expect(codeOf(run)).toBe(code);
  });

  it.each([0, -2, 1.5, Number.NaN])('an in-service factor of %s → invalid_setting', (inServiceFactor) => {
    expect(codeOf(() => maxPermissibleError(ok, { inServiceFactor }))).toBe('invalid_setting');
  });

  it('throws a typed error: an Error with a code, a name and the numbers involved', () => {
    try {
      maxPermissibleError({ ...ok, eMg: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(MetrologyError);
      expect(error).toMatchObject({ name: 'MetrologyError', code: 'invalid_e', details: { eMg: -1 } });
    }
  });
});
