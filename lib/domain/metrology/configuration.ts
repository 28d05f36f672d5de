// Whether a scale's Max, Min, e and d fit its accuracy class (OIML R76-1 §3.1.2 and Table 3). Pure:
// registration, an import or a report maps each problem to its own message; an empty list is valid.
import { CLASS_ROWS, classRow, isAccuracyClass, type AccuracyClass } from './classes.ts';
import { isOneTwoFiveSeries, isPowerOfTen } from './series.ts';

export interface ScaleConfiguration {
  accuracyClass: AccuracyClass;
  /** maximum capacity Max, mg */
  maxMg: number;
  /** minimum capacity Min, mg */
  minMg: number;
  /** verification scale interval e, mg */
  eMg: number;
  /** actual scale interval d, mg */
  dMg: number;
}

export type ConfigurationField = 'maxMg' | 'minMg' | 'eMg' | 'dMg';

export type ConfigurationProblem =
  | { code: 'unknown_accuracy_class'; accuracyClass: string }
  /** masses are whole mg and all four are sizes, so each must be an integer > 0 */
  | { code: 'not_positive_integer'; field: ConfigurationField; value: number }
  | { code: 'e_not_in_1_2_5_series'; eMg: number }
  | { code: 'd_not_in_1_2_5_series'; dMg: number }
  | { code: 'd_greater_than_e'; dMg: number; eMg: number }
  | { code: 'e_not_power_of_ten_times_d'; eMg: number; dMg: number }
  /** `ranges`: the class's e ranges in mg (toMg null: no upper limit) */
  | { code: 'e_out_of_class_range'; accuracyClass: AccuracyClass; eMg: number; ranges: { fromMg: number; toMg: number | null }[] }
  | { code: 'max_not_multiple_of_e'; maxMg: number; eMg: number }
  /** n = Max / e (not a whole number when Max is off the e grid) */
  | { code: 'n_too_small'; n: number; least: number }
  | { code: 'n_too_large'; n: number; most: number }
  /** Min must be at least `minInE` × e (`classMinimumMg`) for the class row of this e */
  | { code: 'min_below_class_minimum'; minMg: number; classMinimumMg: number; minInE: number }
  | { code: 'min_not_below_max'; minMg: number; maxMg: number };

export type ConfigurationProblemCode = ConfigurationProblem['code'];

/**
 * Every problem of a configuration, in a fixed order; [] when it is valid. Checks that need a value
 * which is itself invalid are skipped (its `not_positive_integer` says enough), and so are the n and
 * Min checks of an e that fits no row of the class (no row, no limits to compare with).
 */
export function checkScaleConfiguration(config: ScaleConfiguration): ConfigurationProblem[] {
  const { accuracyClass, maxMg, minMg, eMg, dMg } = config;
  const problems: ConfigurationProblem[] = [];
  const valid: Record<ConfigurationField, boolean> = { maxMg: false, minMg: false, eMg: false, dMg: false };
  for (const field of ['maxMg', 'minMg', 'eMg', 'dMg'] as const) {
    const value = config[field];
    valid[field] = Number.isSafeInteger(value) && value > 0;
    if (!valid[field]) problems.push({ code: 'not_positive_integer', field, value });
  }
  const knownClass = isAccuracyClass(accuracyClass);
  if (!knownClass) problems.push({ code: 'unknown_accuracy_class', accuracyClass: String(accuracyClass) });

  // the form of the intervals (R76-1 §3.1.2: 1, 2 or 5 × 10^k)
  if (valid.eMg && !isOneTwoFiveSeries(eMg)) problems.push({ code: 'e_not_in_1_2_5_series', eMg });
  if (valid.dMg && !isOneTwoFiveSeries(dMg)) problems.push({ code: 'd_not_in_1_2_5_series', dMg });
  if (valid.eMg && valid.dMg) {
    if (dMg > eMg) problems.push({ code: 'd_greater_than_e', dMg, eMg });
    // e = 10^k × d: the registration form has always required it (R76-1's rule for a d finer than e;
    // the exact clause is unconfirmed)
    else if (eMg % dMg !== 0 || !isPowerOfTen(eMg / dMg)) problems.push({ code: 'e_not_power_of_ten_times_d', eMg, dMg });
  }

  // Judgement call: n = Max / e is a count of verification intervals, and the registration form has
  // always required a whole one; a Max off the e grid is not a load the scale can indicate in e steps.
  if (valid.maxMg && valid.eMg && maxMg % eMg !== 0) problems.push({ code: 'max_not_multiple_of_e', maxMg, eMg });

  // the class table (R76-1 Table 3)
  if (knownClass && valid.eMg) {
    const row = classRow(accuracyClass, eMg);
    if (!row) {
      const ranges = CLASS_ROWS[accuracyClass].map((r) => ({ fromMg: r.eFromMg, toMg: r.eToMg }));
      problems.push({ code: 'e_out_of_class_range', accuracyClass, eMg, ranges });
    } else {
      // compare Max and Min with n × e and k × e in BigInt (exact for any safe e); report n as the quotient
      const e = BigInt(eMg);
      if (valid.maxMg) {
        const max = BigInt(maxMg);
        if (max < BigInt(row.nLeast) * e) problems.push({ code: 'n_too_small', n: maxMg / eMg, least: row.nLeast });
        if (row.nMost !== null && max > BigInt(row.nMost) * e) problems.push({ code: 'n_too_large', n: maxMg / eMg, most: row.nMost });
      }
      if (valid.minMg && BigInt(minMg) < BigInt(row.minInE) * e) {
        problems.push({ code: 'min_below_class_minimum', minMg, classMinimumMg: row.minInE * eMg, minInE: row.minInE });
      }
    }
  }
  if (valid.minMg && valid.maxMg && minMg >= maxMg) problems.push({ code: 'min_not_below_max', minMg, maxMg });
  return problems;
}
