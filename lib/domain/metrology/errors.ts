// The one error type of the metrology rules. Callers branch on `code` (the ingest turns a check it
// cannot judge into a stored, unjudged reading); `details` carries the numbers involved.

export const METROLOGY_ERROR_CODES = [
  'unknown_accuracy_class', // not one of I, II, III, IIII
  'unknown_stage', // not 'verification' or 'in-service'
  'invalid_e', // e is not a positive safe integer (mg), or too large for an exact result
  'e_out_of_class_range', // no row of the class's table (R76-1 Table 3) covers this e
  'invalid_load', // the load is not a safe integer (mg)
  'negative_load', // a load below zero has no MPE
  'load_above_bands', // above the class's last MPE band (R76-1 Table 6); class I has no upper edge
  'invalid_indication', // the indication is not a safe integer (mg)
  'invalid_readings', // a test point with a count of readings its kind does not take
  'invalid_setting', // the in-service factor is not a positive integer
] as const;
export type MetrologyErrorCode = (typeof METROLOGY_ERROR_CODES)[number];

export class MetrologyError extends Error {
  readonly code: MetrologyErrorCode;
  readonly details: Readonly<Record<string, number | string>>;
  constructor(code: MetrologyErrorCode, message: string, details: Record<string, number | string> = {}) {
    super(message);
    this.name = 'MetrologyError';
    this.code = code;
    this.details = details;
  }
}
