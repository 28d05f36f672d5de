// The accuracy classes (OIML R76-1 Table 3; the same values in JJG 539), written out as the table
// reads, in mg. Classes II and III have two rows each: which row applies depends on e.
import { MetrologyError } from './errors.ts';

export const ACCURACY_CLASSES = ['I', 'II', 'III', 'IIII'] as const;
export type AccuracyClass = (typeof ACCURACY_CLASSES)[number];

export interface ClassRow {
  /** the smallest e of this row, in mg (inclusive) */
  eFromMg: number;
  /** the largest e of this row, in mg (inclusive); null: no upper limit */
  eToMg: number | null;
  /** the least number of verification intervals n = Max/e */
  nLeast: number;
  /** the most n; null: no upper limit (class I) */
  nMost: number | null;
  /** the minimum capacity Min, in multiples of e */
  minInE: number;
}

/** R76-1 Table 3. The gaps between rows (class II 50 mg < e < 100 mg, class III 2 g < e < 5 g) hold
 * no e of the 1-2-5 series, so the table leaves them out and so do we: such an e fits no row. */
export const CLASS_ROWS: Readonly<Record<AccuracyClass, readonly ClassRow[]>> = {
  I: [{ eFromMg: 1, eToMg: null, nLeast: 50_000, nMost: null, minInE: 100 }],
  II: [
    { eFromMg: 1, eToMg: 50, nLeast: 100, nMost: 100_000, minInE: 20 },
    { eFromMg: 100, eToMg: null, nLeast: 5_000, nMost: 100_000, minInE: 50 },
  ],
  III: [
    { eFromMg: 100, eToMg: 2_000, nLeast: 100, nMost: 10_000, minInE: 20 },
    { eFromMg: 5_000, eToMg: null, nLeast: 500, nMost: 10_000, minInE: 20 },
  ],
  IIII: [{ eFromMg: 5_000, eToMg: null, nLeast: 100, nMost: 1_000, minInE: 10 }],
};

/** Whether a value (say, from the database or a form) is one of the four classes. `Object.hasOwn`
 * rather than `in`: 'toString' is not an accuracy class. */
export function isAccuracyClass(value: unknown): value is AccuracyClass {
  return typeof value === 'string' && Object.hasOwn(CLASS_ROWS, value);
}

/** The row of the class's table that covers e, or null when none does. `e` must be a positive integer. */
export function classRow(accuracyClass: AccuracyClass, eMg: number): ClassRow | null {
  return CLASS_ROWS[accuracyClass].find((row) => eMg >= row.eFromMg && (row.eToMg === null || eMg <= row.eToMg)) ?? null;
}

/** The class's minimum capacity Min in mg (R76-1 Table 3: 100 e, 20 e or 50 e, 20 e, 10 e). A weighing
 * below it is not a legal trade weighing. Throws MetrologyError (`unknown_accuracy_class`,
 * `invalid_e`, `e_out_of_class_range`). */
export function minimumCapacityMg(accuracyClass: AccuracyClass, eMg: number): number {
  if (!isAccuracyClass(accuracyClass)) throw new MetrologyError('unknown_accuracy_class', `unknown accuracy class ${String(accuracyClass)}`, { accuracyClass: String(accuracyClass) });
  if (!Number.isSafeInteger(eMg) || eMg <= 0) throw new MetrologyError('invalid_e', `e must be a positive integer in mg, got ${eMg}`, { eMg });
  const row = classRow(accuracyClass, eMg);
  if (!row) throw new MetrologyError('e_out_of_class_range', `e = ${eMg} mg fits no row of class ${accuracyClass}`, { accuracyClass, eMg });
  return row.minInE * eMg;
}
