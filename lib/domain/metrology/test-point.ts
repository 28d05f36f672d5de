// One test point: a known reference mass on the scale and what it indicated. Inspections (each
// test point of 抽检), scale self-checks and fair-scale re-weighs are all judged this way.
import type { AccuracyClass } from './classes.ts';
import { MetrologyError } from './errors.ts';
import { DEFAULT_MPE_SETTINGS, maxPermissibleError, type MetrologyStage, type MpeSettings } from './mpe.ts';

export interface TestPointInput {
  accuracyClass: AccuracyClass;
  eMg: number;
  /** the conventional true mass of the reference weight (the load), mg */
  referenceMg: number;
  /** what the scale indicated, mg (may be negative, e.g. at a zero test point) */
  indicationMg: number;
  stage: MetrologyStage;
}

export interface TestPointVerdict {
  /** indication − reference, mg */
  errorMg: number;
  /** the MPE at the reference load, mg (exact; x.5 for an odd e at 0.5 e or 1.5 e) */
  mpeMg: number;
  /** |error| ≤ MPE */
  passed: boolean;
  /** the error in multiples of e, for display (a float: not for deciding anything) */
  errorInE: number;
}

/** error = indication − reference; it passes when |error| ≤ MPE at the reference load (R76-1).
 * Throws MetrologyError as maxPermissibleError does, and `invalid_indication`. */
export function judgeTestPoint(input: TestPointInput, settings: Readonly<MpeSettings> = DEFAULT_MPE_SETTINGS): TestPointVerdict {
  const { accuracyClass, eMg, referenceMg, indicationMg, stage } = input;
  if (!Number.isSafeInteger(indicationMg)) throw new MetrologyError('invalid_indication', `the indication must be an integer in mg, got ${indicationMg}`, { indicationMg });
  const mpeMg = maxPermissibleError({ accuracyClass, eMg, loadMg: referenceMg, stage }, settings);
  const errorMg = indicationMg - referenceMg;
  return { errorMg, mpeMg, passed: Math.abs(errorMg) <= mpeMg, errorInE: errorMg / eMg };
}

/** The MPE in whole mg, for an integer column (CheckWeighing.mpeMg). Readings are whole mg, so
 * |error| ≤ MPE exactly when |error| ≤ ⌊MPE⌋: the stored value gives the same verdict. */
export function wholeMgMpe(mpeMg: number): number {
  return Math.floor(mpeMg);
}
