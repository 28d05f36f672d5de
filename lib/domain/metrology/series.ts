// Checks on the form of a scale interval, kept apart because both e and d use them.

/** 1, 2 or 5 × 10^k of the unit (OIML R76-1 §3.1.2; JJG 539), for a positive integer in mg. Every
 * legal interval of at least 1 mg is such an integer, so no fractional k needs handling. */
export function isOneTwoFiveSeries(mg: number): boolean {
  if (!Number.isSafeInteger(mg) || mg <= 0) return false;
  let rest = mg;
  while (rest % 10 === 0) rest /= 10;
  return rest === 1 || rest === 2 || rest === 5;
}

/** 10^k for k ≥ 0 (1, 10, 100, …). */
export function isPowerOfTen(value: number): boolean {
  if (!Number.isSafeInteger(value) || value <= 0) return false;
  let rest = value;
  while (rest % 10 === 0) rest /= 10;
  return rest === 1;
}
