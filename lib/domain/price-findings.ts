// Which weighing findings are about the price the shopper paid. The daily rollups count weighings
// with any of them (ScaleDay/MerchantDay.priceFindingCount), because the accuracy score reads a
// rate per 1 000 weighings and dashboards never scan the raw weighings.
import type { WeighingFinding } from './protocol/judge.ts';

export const PRICE_FINDINGS = [
  'price_mismatch', // price ≠ unit price × net, rounded to the price interval
  'price_on_invalid_mass', // a price shown for a negative or over-capacity mass
] as const satisfies readonly WeighingFinding[];

export type PriceFinding = (typeof PRICE_FINDINGS)[number];

/** Whether a weighing with these findings counts as a weighing with a price finding (once, however many). */
export function hasPriceFinding(findings: readonly string[]): boolean {
  return findings.some((finding) => (PRICE_FINDINGS as readonly string[]).includes(finding));
}

