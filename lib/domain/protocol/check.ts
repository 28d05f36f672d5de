// A self-check weighing (a known reference mass on the scale) judged against the maximum
// permissible error. Only the class III in-service table is here for now: market price-computing
// scales are class III. TODO(metrology): this moves to lib/domain/metrology with the full MPE
// function (every class, verification vs in service as a setting) in a later issue.
import type { CheckMessage } from './messages.ts';

export type AccuracyClass = 'I' | 'II' | 'III' | 'IIII';

export class UnsupportedAccuracyClassError extends Error {
  readonly code = 'unsupported_accuracy_class';
}

/** In-service MPE of a class III scale (OIML R76-1 Table 6 / JJG 539; in service = twice the
 * verification MPE, unconfirmed for JJG 539-2016): ±1 e up to 500 e, ±2 e up to 2 000 e, else ±3 e.
 * The lower band includes its upper edge. */
export function inServiceMpeClassIII(loadMg: number, eMg: number): number {
  if (loadMg <= 500 * eMg) return eMg;
  if (loadMg <= 2_000 * eMg) return 2 * eMg;
  return 3 * eMg;
}

export interface CheckScaleFacts {
  /** the verification scale interval e */
  eMg: number;
  accuracyClass: AccuracyClass;
}

export interface CheckVerdict {
  /** indication − reference */
  errorMg: number;
  /** the MPE applied, at the reference load */
  mpeMg: number;
  passed: boolean;
}

/** error = indication − reference; passes when |error| ≤ MPE at the reference load. Throws
 * UnsupportedAccuracyClassError for a class other than III (until the full MPE function exists). */
export function judgeCheck(message: Pick<CheckMessage, 'referenceMg' | 'indicationMg'>, scale: CheckScaleFacts): CheckVerdict {
  if (scale.accuracyClass !== 'III') throw new UnsupportedAccuracyClassError(`MPE of class ${scale.accuracyClass} is not implemented yet`);
  const errorMg = message.indicationMg - message.referenceMg;
  const mpeMg = inServiceMpeClassIII(message.referenceMg, scale.eMg);
  return { errorMg, mpeMg, passed: Math.abs(errorMg) <= mpeMg };
}
