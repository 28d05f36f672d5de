// The metrology core: accuracy classes, maximum permissible errors, scale configuration, test
// points (single checks, and an inspection's repeatability, eccentricity, zero and tare points) and
// price to pay. Pure functions, integer mg and fen; other tools import from here.
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
export {
  DEFAULT_INSPECTION_SETTINGS, KINDS_REQUIRED_AT_VERIFICATION, TEST_POINT_KINDS, ZERO_SETTING_ACCURACY_QUARTER_E,
  eccentricityLoadMg, judgeInspection, judgeInspectionPoint, missingKinds, pointLimitMg, readingsRange,
  type InspectionSettings, type InspectionVerdict, type PointFailure, type PointScale, type PointVerdict, type ReadingVerdict,
  type TestPointEntry, type TestPointKind,
} from './inspection-points.ts';
export { priceToPay, PriceToPayError, type PriceToPayInput } from './price-to-pay.ts';
