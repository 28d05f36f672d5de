// In-service maximum permissible error of a class III scale (OIML R76-1 Table 6 / JJG 539, in
// service = twice the verification MPE), the rule the seed's check weighings are judged by.
// Kept here because lib/domain has no MPE module yet; use that one once it exists.

export function inServiceMpeClassIII(loadMg: number, eMg: number): number {
  if (loadMg <= 500 * eMg) return eMg;
  if (loadMg <= 2_000 * eMg) return 2 * eMg;
  return 3 * eMg;
}
