// The metrology rules applied to a GENUINE message (decoded, from a known scale, signature good).
// A finding does not refuse the message: the weighing happened and is stored with its findings,
// which the dashboards, receipts and anomaly rules read. Refusals are RejectReasons (decode.ts).
import { priceToPay } from '../metrology/price-to-pay.ts';
import type { VerificationStatus } from '../verification-status.ts';
import type { EventMessage, ProtocolMessage, WeighingMessage } from './messages.ts';

export const WEIGHING_FINDINGS = [
  'below_min', // 0 < net < Min: not a legal trade weighing, the relative error is too large
  'above_max', // net > Max: over capacity
  'negative_net', // net < 0: e.g. the pan lifted, or a tare taken with the pan off
  'not_multiple_of_d', // gross, tare or net is not a multiple of the scale interval d
  'mass_arithmetic', // gross − tare ≠ net
  'price_mismatch', // price ≠ unit price × net rounded to the price interval (net ≥ 0 only)
  'price_on_invalid_mass', // a price > 0 shown for a negative or over-capacity mass (R76-1)
  'unstable', // price taken while the scale was not at rest (impact cheating)
  'scale_suspended', // the scale is suspended (or retired): it may not trade
  'verification_invalid', // no valid verification: expired, failed or never verified
  // its printed receipt token was already another weighing's: set by the ingest, which knows the
  // stored receipts (lib/domain/receipt-reuse.ts), never by judgeWeighing
  'receipt_reused',
] as const;
export type WeighingFinding = (typeof WEIGHING_FINDINGS)[number];

export const EVENT_FINDINGS = [
  'counter_moved', // a calibration or configuration counter differs from the one on record
  'seal_open', // the case was opened
  'self_lock', // the scale locked itself (case opened illegally, JJF 2184-2025)
  'zero_while_negative', // zero or tare taken while the gross was negative (a stored offset)
] as const;
export type EventFinding = (typeof EVENT_FINDINGS)[number];

export const FINDINGS = [...WEIGHING_FINDINGS, ...EVENT_FINDINGS] as const;
export type Finding = WeighingFinding | EventFinding;

export interface ScaleFacts {
  maxMg: number;
  minMg: number;
  /** the actual scale interval d */
  dMg: number;
  /** the price-to-pay interval, normally 1 fen */
  priceIntervalFen: number;
  status: 'in_service' | 'suspended' | 'retired';
  /** the scale's verification status on the weighing's business day */
  verification: VerificationStatus;
}

const INVALID_VERIFICATION: ReadonlySet<VerificationStatus> = new Set(['expired', 'failed', 'unverified']);

/** Findings of a genuine weighing on a scale, in WEIGHING_FINDINGS order. `scale` must hold positive
 * integers for Max, d and the price interval (they come from the register). */
export function judgeWeighing(message: WeighingMessage, scale: ScaleFacts): WeighingFinding[] {
  const { grossMg, tareMg, netMg, priceFen } = message;
  const found = new Set<WeighingFinding>();
  if (netMg > 0 && netMg < scale.minMg) found.add('below_min');
  if (netMg > scale.maxMg) found.add('above_max');
  if (netMg < 0) found.add('negative_net');
  if (grossMg % scale.dMg !== 0 || tareMg % scale.dMg !== 0 || netMg % scale.dMg !== 0) found.add('not_multiple_of_d');
  if (grossMg - tareMg !== netMg) found.add('mass_arithmetic');
  if (netMg >= 0 && priceFen !== priceToPay({ unitPriceFenPerKg: message.unitPriceFenPerKg, netMg, intervalFen: scale.priceIntervalFen })) {
    found.add('price_mismatch');
  }
  if (priceFen > 0 && (netMg < 0 || netMg > scale.maxMg)) found.add('price_on_invalid_mass');
  if (!message.stable) found.add('unstable');
  if (scale.status !== 'in_service' || scale.verification === 'suspended') found.add('scale_suspended');
  if (INVALID_VERIFICATION.has(scale.verification)) found.add('verification_invalid');
  return WEIGHING_FINDINGS.filter((finding) => found.has(finding));
}

/** Findings of a genuine event, given the counters on record for the scale. */
export function judgeEvent(message: EventMessage, stored: { calibrationCounter: number; configurationCounter: number }): EventFinding[] {
  const found: EventFinding[] = [];
  if (message.counters.calibration !== stored.calibrationCounter || message.counters.configuration !== stored.configurationCounter) {
    found.push('counter_moved');
  }
  if (message.kind === 'seal_open') found.push('seal_open');
  if (message.kind === 'self_lock') found.push('self_lock');
  if ((message.kind === 'zero' || message.kind === 'tare') && message.grossMg !== undefined && message.grossMg < 0) found.push('zero_while_negative');
  return found;
}

// ───────────────────────── the scale's clock ─────────────────────────

/** Setting: how far ahead of the platform's clock a scale's `at` may be (a message cannot be
 * received before it was made; beyond this the scale's clock is wrong). */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/** Setting (default chosen here, not from a regulation): how old a message may be when it arrives.
 * Store and forward legitimately delivers old messages after a network cut, so the past side is
 * bounded by this and not by MAX_CLOCK_SKEW_MS; an older `at` means a clock that lost its time. */
export const MAX_MESSAGE_AGE_MS = 7 * 24 * 3_600_000;

/** The scale's clock relative to ours: `at` − receivedAt in ms (positive: the scale is ahead, or
 * the message is from the future). +Infinity when `at` is not a date. */
export function clockSkewMs(messageAt: string, receivedAt: Date): number {
  const at = Date.parse(messageAt);
  return Number.isFinite(at) ? at - receivedAt.getTime() : Number.POSITIVE_INFINITY;
}

/** Whether the ingest refuses the message as `clock_skew`: `at` more than MAX_CLOCK_SKEW_MS in the
 * future, or older than MAX_MESSAGE_AGE_MS. An offline status is exempt: it is usually the last
 * will, whose `at` is the connect time (the ingest takes the time of receipt for it). */
export function isClockSkewed(
  message: ProtocolMessage,
  receivedAt: Date,
  limits: { maxSkewMs: number; maxAgeMs: number } = { maxSkewMs: MAX_CLOCK_SKEW_MS, maxAgeMs: MAX_MESSAGE_AGE_MS },
): boolean {
  if ('state' in message && message.state === 'offline') return false;
  const skew = clockSkewMs(message.at, receivedAt);
  return !(skew <= limits.maxSkewMs && skew >= -limits.maxAgeMs);
}

// Check weighings: see check.ts (the in-service MPE of lib/domain/metrology, every class).
export { judgeCheck, type CheckVerdict, type CheckScaleFacts } from './check.ts';
