// A self-check weighing (a known reference mass on the scale) judged against the maximum
// permissible error of the scale's class (lib/domain/metrology). A scale checks itself while in
// service, so the in-service MPE applies.
import { judgeTestPoint, type AccuracyClass } from '../metrology/index.ts';
import type { CheckMessage } from './messages.ts';

export interface CheckScaleFacts {
  /** the verification scale interval e */
  eMg: number;
  accuracyClass: AccuracyClass;
}

export interface CheckVerdict {
  /** indication − reference */
  errorMg: number;
  /** the MPE applied, at the reference load (exact: may end in .5 for an odd e, see wholeMgMpe) */
  mpeMg: number;
  passed: boolean;
}

/** error = indication − reference; passes when |error| ≤ the in-service MPE at the reference load.
 * Throws MetrologyError when the MPE cannot judge it: a reference above the class's last MPE band
 * (`load_above_bands`), or a scale whose e or class on record is not valid. */
export function judgeCheck(message: Pick<CheckMessage, 'referenceMg' | 'indicationMg'>, scale: CheckScaleFacts): CheckVerdict {
  const { errorMg, mpeMg, passed } = judgeTestPoint({
    accuracyClass: scale.accuracyClass, eMg: scale.eMg, referenceMg: message.referenceMg, indicationMg: message.indicationMg, stage: 'in-service',
  });
  return { errorMg, mpeMg, passed };
}
