// A shopper's re-weigh on the market's fair scale (公平秤): the fair scale's indication is the
// reference, the trade weighing's net mass the indication, judged against the in-service MPE of the
// trade scale (it is a check of that scale in service). Pure: finding the weighing is lib/db's.
import { z } from 'zod';
import type { MessageKey } from '../i18n/index.ts';
import { dayStart } from './business-day.ts';
import { parseMassMg, MASS_UNITS } from './mass-input.ts';
import { judgeTestPoint, type AccuracyClass, type TestPointVerdict } from './metrology/index.ts';
import { isReceiptToken } from './receipt.ts';
import { SERIAL_PATTERN } from './protocol/topics.ts';

/** The alert a failed re-weigh raises on the trade scale (one open alert per scale and rule, counting). */
export const REWEIGH_FAILED_RULE = 'reweigh_failed';

/** The token of a receipt, typed or scanned: the bare token, or the URL its QR code holds (…/v/<token>). */
export function receiptTokenOf(input: string): string | null {
  const value = input.trim();
  if (isReceiptToken(value)) return value;
  const match = /\/v\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(value);
  return match?.[1] && isReceiptToken(match[1]) ? match[1] : null;
}

/** A local (Asia/Shanghai) minute as a datetime-local field gives it ("2026-11-28T09:41") → the
 * instants [from, to) it covers; null when it is not one. A scale's clock prints minutes. */
export function localMinute(value: string): { from: Date; to: Date } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, day = '', hours = '', minutes = ''] = match;
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) return null;
  let start: Date;
  try {
    start = dayStart(day);
  } catch {
    return null;
  }
  if (Number.isNaN(start.getTime()) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return null;
  const from = new Date(start.getTime() + (h * 60 + m) * 60_000);
  return { from, to: new Date(from.getTime() + 60_000) };
}

export interface ReweighScale {
  accuracyClass: AccuracyClass;
  eMg: number;
}

/** error = the trade scale's net − the fair scale's mass; passes within the in-service MPE at that load. */
export function judgeReweigh(scale: ReweighScale, fairMg: number, netMg: number): TestPointVerdict {
  return judgeTestPoint({ accuracyClass: scale.accuracyClass, eMg: scale.eMg, referenceMg: fairMg, indicationMg: netMg, stage: 'in-service' });
}

const message = (key: MessageKey) => ({ message: key });

export type ReweighLookup =
  | { kind: 'receipt'; token: string }
  | { kind: 'minute'; serial: string; from: Date; to: Date };

/**
 * What the clerk asked to find: a receipt (its token, or the URL its QR code holds), or the scale's
 * serial and the minute printed on the receipt. Null when nothing was asked yet; a catalogue key
 * when what was typed cannot be one of them.
 */
export function parseReweighLookup(params: { receipt?: string; serial?: string; at?: string }): ReweighLookup | { error: MessageKey } | null {
  const receipt = params.receipt?.trim() ?? '';
  const serial = params.serial?.trim() ?? '';
  const at = params.at?.trim() ?? '';
  if (receipt) {
    const token = receiptTokenOf(receipt);
    return token ? { kind: 'receipt', token } : { error: 'reweigh.error.receipt' };
  }
  if (!serial && !at) return null;
  if (!SERIAL_PATTERN.test(serial)) return { error: 'reweigh.error.serial' };
  const minute = localMinute(at);
  if (!minute) return { error: 'reweigh.error.minute' };
  return { kind: 'minute', serial, ...minute };
}

/** Recording it: the weighing found (id and its scale time, the partition key), the fair scale used
 * and the mass it showed, typed in g or kg. */
export const reweighRecordSchema = z.object({
  weighingId: z.string().regex(/^[1-9]\d{0,18}$/, message('reweigh.error.weighing')).transform(BigInt),
  scaleTime: z.iso.datetime({ offset: true, message: 'reweigh.error.weighing' satisfies MessageKey }).transform((value) => new Date(value)),
  fairScaleId: z.string().regex(/^[1-9]\d{0,9}$/, message('reweigh.error.fairScale')).transform(Number),
  unit: z.enum(MASS_UNITS, message('reweigh.error.unit')),
  fairMass: z.string().trim().min(1, message('reweigh.error.required')),
}).transform((value, ctx) => {
  const fairMg = parseMassMg(value.fairMass, value.unit);
  if (fairMg === null || fairMg <= 0) {
    ctx.addIssue({ code: 'custom', path: ['fairMass'], message: (value.unit === 'g' ? 'reweigh.error.massG' : 'reweigh.error.massKg') satisfies MessageKey });
    return z.NEVER;
  }
  return { weighingId: value.weighingId, scaleTime: value.scaleTime, fairScaleId: value.fairScaleId, fairMg };
});

export type ReweighRecord = z.output<typeof reweighRecordSchema>;
