// The class table (METROLOGY.md, OIML R76-1 Table 3) and the configuration check. Expected numbers
// are written out from the table by hand.
import { describe, expect, it } from 'vitest';
import {
  checkScaleConfiguration,
  isOneTwoFiveSeries,
  MetrologyError,
  minimumCapacityMg,
  type AccuracyClass,
  type ConfigurationProblem,
  type ConfigurationProblemCode,
  type ScaleConfiguration,
} from '../../lib/domain/metrology/index.ts';

describe('minimumCapacityMg: the class Min, by the row of e', () => {
  // [class, e mg, Min mg]
  const MINIMA: [AccuracyClass, number, number][] = [
    ['I', 1, 100], // 100 e
    ['I', 100, 10_000],
    ['II', 1, 20], // 0.001 g ≤ e ≤ 0.05 g: 20 e
    ['II', 50, 1_000],
    ['II', 100, 5_000], // e ≥ 0.1 g: 50 e
    ['II', 500, 25_000],
    ['III', 100, 2_000], // 0.1 g ≤ e ≤ 2 g: 20 e
    ['III', 2_000, 40_000],
    ['III', 5_000, 100_000], // e ≥ 5 g: 20 e
    ['III', 10_000, 200_000], // the worked example: Min = 200 g
    ['IIII', 5_000, 50_000], // 10 e
    ['IIII', 100_000, 1_000_000],
  ];
  it.each(MINIMA)('class %s, e = %i mg → Min %i mg', (accuracyClass, eMg, minMg) => {
    expect(minimumCapacityMg(accuracyClass, eMg)).toBe(minMg);
  });

  it.each([
    ['III', 50, 'e_out_of_class_range'],
    ['III', 3_000, 'e_out_of_class_range'],
    ['IIII', 2_000, 'e_out_of_class_range'],
    ['II', 60, 'e_out_of_class_range'],
    ['III', 0, 'invalid_e'],
    ['III', 0.5, 'invalid_e'],
    ['V', 5_000, 'unknown_accuracy_class'],
  ] as const)('class %s, e = %s mg → throws %s', (accuracyClass, eMg, code) => {
    expect(() => minimumCapacityMg(accuracyClass as AccuracyClass, eMg)).toThrow(expect.objectContaining({ code }));
    expect(() => minimumCapacityMg(accuracyClass as AccuracyClass, eMg)).toThrow(MetrologyError);
  });
});

describe('isOneTwoFiveSeries (R76-1 §3.1.2)', () => {
  it.each([1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 5_000, 10_000, 2_000_000])('%i mg is in the series', (mg) => {
    expect(isOneTwoFiveSeries(mg)).toBe(true);
  });
  it.each([0, -5, 3, 4, 6, 15, 25, 250, 3_000, 1.5, Number.NaN])('%s mg is not', (mg) => {
    expect(isOneTwoFiveSeries(mg)).toBe(false);
  });
});

describe('checkScaleConfiguration: valid typical configurations', () => {
  const VALID: [string, ScaleConfiguration][] = [
    ['class III market scale 15 kg, e = d = 5 g, Min 100 g', { accuracyClass: 'III', maxMg: 15_000_000, minMg: 100_000, eMg: 5_000, dMg: 5_000 }],
    ['class III market scale 30 kg, e = d = 10 g, Min 200 g', { accuracyClass: 'III', maxMg: 30_000_000, minMg: 200_000, eMg: 10_000, dMg: 10_000 }],
    ['class III 6 kg, e = d = 2 g, Min 40 g', { accuracyClass: 'III', maxMg: 6_000_000, minMg: 40_000, eMg: 2_000, dMg: 2_000 }],
    ['class III 3 kg, e = 1 g, d = 0.1 g, Min 20 g', { accuracyClass: 'III', maxMg: 3_000_000, minMg: 20_000, eMg: 1_000, dMg: 100 }],
    ['class III 1 kg, e = 0.1 g (n = 10 000, the most), Min 2 g', { accuracyClass: 'III', maxMg: 1_000_000, minMg: 2_000, eMg: 100, dMg: 100 }],
    ['class III 2.5 kg, e = 5 g (n = 500, the least of the row)', { accuracyClass: 'III', maxMg: 2_500_000, minMg: 100_000, eMg: 5_000, dMg: 5_000 }],
    ['class III 10 g, e = 0.1 g (n = 100, the least of the row)', { accuracyClass: 'III', maxMg: 10_000, minMg: 2_000, eMg: 100, dMg: 100 }],
    ['class III with a Min above the class minimum', { accuracyClass: 'III', maxMg: 15_000_000, minMg: 250_000, eMg: 5_000, dMg: 5_000 }],
    ['class I 220 g, e = d = 1 mg, Min 100 mg', { accuracyClass: 'I', maxMg: 220_000, minMg: 100, eMg: 1, dMg: 1 }],
    ['class I with no most n (10^7 e)', { accuracyClass: 'I', maxMg: 10_000_000, minMg: 100, eMg: 1, dMg: 1 }],
    ['class II 3 kg, e = 50 mg, d = 5 mg, Min 1 g', { accuracyClass: 'II', maxMg: 3_000_000, minMg: 1_000, eMg: 50, dMg: 5 }],
    ['class II 3 kg, e = 0.5 g, d = 0.05 g, Min 30.5 g', { accuracyClass: 'II', maxMg: 3_000_000, minMg: 30_500, eMg: 500, dMg: 50 }],
    ['class II 100 kg, e = 1 g (n = 100 000, the most), Min 50 g', { accuracyClass: 'II', maxMg: 100_000_000, minMg: 50_000, eMg: 1_000, dMg: 1_000 }],
    ['class IIII 500 kg, e = 500 g (n = 1 000), Min 5 kg', { accuracyClass: 'IIII', maxMg: 500_000_000, minMg: 5_000_000, eMg: 500_000, dMg: 500_000 }],
    ['class IIII 10 kg, e = 100 g (n = 100), Min 1 kg', { accuracyClass: 'IIII', maxMg: 10_000_000, minMg: 1_000_000, eMg: 100_000, dMg: 100_000 }],
  ];
  it.each(VALID)('%s', (_name, config) => {
    expect(checkScaleConfiguration(config)).toEqual([]);
  });
});

describe('checkScaleConfiguration: each problem with its numbers', () => {
  const market: ScaleConfiguration = { accuracyClass: 'III', maxMg: 15_000_000, minMg: 100_000, eMg: 5_000, dMg: 5_000 };
  const CASES: [string, Partial<ScaleConfiguration>, ConfigurationProblem[]][] = [
    ['Max 0', { maxMg: 0 }, [{ code: 'not_positive_integer', field: 'maxMg', value: 0 }]],
    ['a negative Min', { minMg: -1 }, [{ code: 'not_positive_integer', field: 'minMg', value: -1 }]],
    ['a fractional e (n and Min not judged)', { eMg: 1.5 }, [{ code: 'not_positive_integer', field: 'eMg', value: 1.5 }]],
    ['d = NaN', { dMg: Number.NaN }, [{ code: 'not_positive_integer', field: 'dMg', value: Number.NaN }]],
    ['an unknown class', { accuracyClass: 'V' as AccuracyClass }, [{ code: 'unknown_accuracy_class', accuracyClass: 'V' }]],
    ['e = 4 g (not 1-2-5; fits no class III row)', { eMg: 4_000, dMg: 4_000, maxMg: 12_000_000, minMg: 80_000 }, [
      { code: 'e_not_in_1_2_5_series', eMg: 4_000 },
      { code: 'd_not_in_1_2_5_series', dMg: 4_000 },
      { code: 'e_out_of_class_range', accuracyClass: 'III', eMg: 4_000, ranges: [{ fromMg: 100, toMg: 2_000 }, { fromMg: 5_000, toMg: null }] },
    ]],
    ['d = 2.5 g (e = 2 × d)', { dMg: 2_500 }, [
      { code: 'd_not_in_1_2_5_series', dMg: 2_500 },
      { code: 'e_not_power_of_ten_times_d', eMg: 5_000, dMg: 2_500 },
    ]],
    ['d greater than e', { dMg: 10_000 }, [{ code: 'd_greater_than_e', dMg: 10_000, eMg: 5_000 }]],
    ['e = 5 × d', { dMg: 1_000 }, [{ code: 'e_not_power_of_ten_times_d', eMg: 5_000, dMg: 1_000 }]],
    ['e = 0.05 g in class III (below 0.1 g)', { eMg: 50, dMg: 50, maxMg: 500_000, minMg: 1_000 }, [
      { code: 'e_out_of_class_range', accuracyClass: 'III', eMg: 50, ranges: [{ fromMg: 100, toMg: 2_000 }, { fromMg: 5_000, toMg: null }] },
    ]],
    ['Max off the e grid', { maxMg: 15_002_000 }, [{ code: 'max_not_multiple_of_e', maxMg: 15_002_000, eMg: 5_000 }]],
    ['n = 80 with e = 1 g (least 100)', { eMg: 1_000, dMg: 1_000, maxMg: 80_000, minMg: 20_000 }, [{ code: 'n_too_small', n: 80, least: 100 }]],
    ['n = 400 with e = 5 g (least 500 in this row)', { maxMg: 2_000_000 }, [{ code: 'n_too_small', n: 400, least: 500 }]],
    ['n = 15 000 with e = 1 g (most 10 000)', { eMg: 1_000, dMg: 1_000, maxMg: 15_000_000, minMg: 20_000 }, [{ code: 'n_too_large', n: 15_000, most: 10_000 }]],
    ['n = 10 001 with e = 5 g', { maxMg: 50_005_000 }, [{ code: 'n_too_large', n: 10_001, most: 10_000 }]],
    ['Min 50 g with e = 5 g (class minimum 100 g)', { minMg: 50_000 }, [{ code: 'min_below_class_minimum', minMg: 50_000, classMinimumMg: 100_000, minInE: 20 }]],
    ['Min one mg below the class minimum', { minMg: 99_999 }, [{ code: 'min_below_class_minimum', minMg: 99_999, classMinimumMg: 100_000, minInE: 20 }]],
    ['Min equal to Max', { maxMg: 2_500_000, minMg: 2_500_000 }, [{ code: 'min_not_below_max', minMg: 2_500_000, maxMg: 2_500_000 }]],
    ['Min above Max', { maxMg: 2_500_000, minMg: 3_000_000 }, [{ code: 'min_not_below_max', minMg: 3_000_000, maxMg: 2_500_000 }]],
    ['everything wrong at once', { maxMg: 0, minMg: 0, eMg: 0, dMg: 0 }, [
      { code: 'not_positive_integer', field: 'maxMg', value: 0 },
      { code: 'not_positive_integer', field: 'minMg', value: 0 },
      { code: 'not_positive_integer', field: 'eMg', value: 0 },
      { code: 'not_positive_integer', field: 'dMg', value: 0 },
    ]],
  ];
  it.each(CASES)('%s', (_name, change, problems) => {
    expect(checkScaleConfiguration({ ...market, ...change })).toEqual(problems);
  });

  // [what, configuration, problems]: the rows of Table 3 and the edges of their limits
  const CLASS_CASES: [string, ScaleConfiguration, ConfigurationProblem[]][] = [
    ['class I, n = 49 999', { accuracyClass: 'I', maxMg: 49_999, minMg: 100, eMg: 1, dMg: 1 }, [{ code: 'n_too_small', n: 49_999, least: 50_000 }]],
    ['class I, n = 50 000', { accuracyClass: 'I', maxMg: 50_000, minMg: 100, eMg: 1, dMg: 1 }, []],
    ['class I, Min 99 e', { accuracyClass: 'I', maxMg: 100_000, minMg: 99, eMg: 1, dMg: 1 }, [{ code: 'min_below_class_minimum', minMg: 99, classMinimumMg: 100, minInE: 100 }]],
    ['class II e = 50 mg: n = 99', { accuracyClass: 'II', maxMg: 4_950, minMg: 1_000, eMg: 50, dMg: 50 }, [{ code: 'n_too_small', n: 99, least: 100 }]],
    ['class II e = 50 mg: Min 19 e', { accuracyClass: 'II', maxMg: 5_000, minMg: 950, eMg: 50, dMg: 50 }, [{ code: 'min_below_class_minimum', minMg: 950, classMinimumMg: 1_000, minInE: 20 }]],
    ['class II e = 100 mg: n = 4 000 (least 5 000 in this row)', { accuracyClass: 'II', maxMg: 400_000, minMg: 5_000, eMg: 100, dMg: 100 }, [{ code: 'n_too_small', n: 4_000, least: 5_000 }]],
    ['class II e = 100 mg: Min 20 e (50 e in this row)', { accuracyClass: 'II', maxMg: 500_000, minMg: 2_000, eMg: 100, dMg: 100 }, [{ code: 'min_below_class_minimum', minMg: 2_000, classMinimumMg: 5_000, minInE: 50 }]],
    ['class II: n = 100 001', { accuracyClass: 'II', maxMg: 100_001_000, minMg: 50_000, eMg: 1_000, dMg: 1_000 }, [{ code: 'n_too_large', n: 100_001, most: 100_000 }]],
    ['class III e = 2 g: n = 100 (least 100 in this row)', { accuracyClass: 'III', maxMg: 200_000, minMg: 40_000, eMg: 2_000, dMg: 2_000 }, []],
    ['class III e = 5 g: n = 499', { accuracyClass: 'III', maxMg: 2_495_000, minMg: 100_000, eMg: 5_000, dMg: 5_000 }, [{ code: 'n_too_small', n: 499, least: 500 }]],
    ['class IIII e = 5 g: n = 99', { accuracyClass: 'IIII', maxMg: 495_000, minMg: 50_000, eMg: 5_000, dMg: 5_000 }, [{ code: 'n_too_small', n: 99, least: 100 }]],
    ['class IIII e = 5 g: n = 1 001', { accuracyClass: 'IIII', maxMg: 5_005_000, minMg: 50_000, eMg: 5_000, dMg: 5_000 }, [{ code: 'n_too_large', n: 1_001, most: 1_000 }]],
    ['class IIII e = 5 g: Min 9 e', { accuracyClass: 'IIII', maxMg: 5_000_000, minMg: 45_000, eMg: 5_000, dMg: 5_000 }, [{ code: 'min_below_class_minimum', minMg: 45_000, classMinimumMg: 50_000, minInE: 10 }]],
    ['class IIII e = 2 g', { accuracyClass: 'IIII', maxMg: 1_000_000, minMg: 20_000, eMg: 2_000, dMg: 2_000 }, [
      { code: 'e_out_of_class_range', accuracyClass: 'IIII', eMg: 2_000, ranges: [{ fromMg: 5_000, toMg: null }] },
    ]],
    ['class II, Max off the grid and n too small', { accuracyClass: 'II', maxMg: 4_025, minMg: 1_000, eMg: 50, dMg: 50 }, [
      { code: 'max_not_multiple_of_e', maxMg: 4_025, eMg: 50 },
      { code: 'n_too_small', n: 80.5, least: 100 },
    ]],
  ];
  it.each(CLASS_CASES)('%s', (_name, config, problems) => {
    expect(checkScaleConfiguration(config)).toEqual(problems);
  });

  it('reports each problem code somewhere above', () => {
    const seen = new Set<ConfigurationProblemCode>([...CASES, ...CLASS_CASES].flatMap(([, , problems]) => problems.map((p) => p.code)));
    // a Record, so that a new problem code fails to compile here until a case reports it
    const every: Record<ConfigurationProblemCode, true> = {
      unknown_accuracy_class: true, not_positive_integer: true, e_not_in_1_2_5_series: true, d_not_in_1_2_5_series: true,
      d_greater_than_e: true, e_not_power_of_ten_times_d: true, e_out_of_class_range: true, max_not_multiple_of_e: true,
      n_too_small: true, n_too_large: true, min_below_class_minimum: true, min_not_below_max: true,
    };
    const all = Object.keys(every);
    expect([...seen].sort()).toEqual([...all].sort());
  });
});
