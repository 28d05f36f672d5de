// Which findings raise an alert, and how loud. One open alert per scale and rule: a scale that
// keeps rounding wrong gives one alert with a growing count, not one per weighing.

export type AlertSeverity = 'info' | 'warning' | 'critical';

const SEVERITY: Record<string, AlertSeverity> = {
  // the scale's own record contradicts itself or the law
  mass_arithmetic: 'critical',
  price_on_invalid_mass: 'critical',
  scale_suspended: 'critical',
  counter_moved: 'critical',
  seal_open: 'critical',
  self_lock: 'critical',
  // a printed receipt code shared by two purchases: a shopper could be shown another's purchase
  receipt_reused: 'critical',
  sequence_gap: 'warning',
  price_mismatch: 'warning',
  not_multiple_of_d: 'warning',
  above_max: 'warning',
  verification_invalid: 'warning',
  zero_while_negative: 'warning',
  check_failed: 'warning',
  // a shopper's re-weigh on the fair scale found the trade scale out of tolerance
  reweigh_failed: 'warning',
  // worth a look, common in honest trade
  below_min: 'info',
  negative_net: 'info',
  unstable: 'info',
  unknown_plu: 'info',
  // a self-check the MPE cannot judge (a reference beyond the class's bands): kept, and worth a look
  check_unjudged: 'info',
};

/** The severity of the alert a finding raises, or null when it raises none. */
export function alertSeverity(finding: string): AlertSeverity | null {
  return SEVERITY[finding] ?? null;
}
