// The metrology core: accuracy classes, maximum permissible errors, scale configuration, test
// points and price to pay. Pure functions, integer mg and fen; other tools import from here.
export { MetrologyError, METROLOGY_ERROR_CODES, type MetrologyErrorCode } from './errors.ts';
export { ACCURACY_CLASSES, CLASS_ROWS, classRow, isAccuracyClass, minimumCapacityMg, type AccuracyClass, type ClassRow } from './classes.ts';
export {
  DEFAULT_MPE_SETTINGS, IN_SERVICE_MPE_FACTOR, METROLOGY_STAGES, MPE_BANDS, maxPermissibleError,
  type MetrologyStage, type MpeBand, type MpeInput, type MpeSettings,
} from './mpe.ts';
export {
  checkScaleConfiguration,
  type ConfigurationField, type ConfigurationProblem, type ConfigurationProblemCode, type ScaleConfiguration,
} from './configuration.ts';
export { isOneTwoFiveSeries, isPowerOfTen } from './series.ts';
export { judgeTestPoint, wholeMgMpe, type TestPointInput, type TestPointVerdict } from './test-point.ts';
export { priceToPay, PriceToPayError, type PriceToPayInput } from './price-to-pay.ts';
