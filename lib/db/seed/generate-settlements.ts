// A settlement per enrolled merchant per business day with bank trade: what the bank collected,
// its fee, the payout, and the day's bank-QR weighings recomputed for reconciliation. The status is
// derived from the data, so a `mismatch` row really disagrees with its payments.
import { dayStart } from '../../domain/business-day.ts';
import { reconcile, settlementFee } from '../../domain/settlement.ts';
import { localTime, compactDay } from './dates.ts';
import type { Rng } from './prng.ts';
import type { Day, PaymentRow, SettlementRow, WeighingRow } from './types.ts';

const OFFSET_MS = 8 * 3_600_000; // China Standard Time, no daylight saving
const DAY_MS = 86_400_000;

interface Totals {
  merchantId: number;
  day: Day;
  paymentCount: number;
  grossFen: number;
  weighedFen: number;
}

export function generateSettlements(
  rng: Rng,
  input: { weighings: WeighingRow[]; payments: PaymentRow[]; days: Day[]; feeBasisPoints: number },
): SettlementRow[] {
  // keyed by day index and merchant id packed in one number: string keys cost seconds here
  const dayIndex = new Map(input.days.map((day, index) => [day, index]));
  const firstMidnight = Math.floor((dayStart(input.days[0] ?? '1970-01-01').getTime() + OFFSET_MS) / DAY_MS);
  const totals = new Map<number, Totals>();
  const totalsOf = (merchantId: number, index: number): Totals => {
    const key = index * 1_000_000 + merchantId;
    let entry = totals.get(key);
    if (!entry) {
      const day = input.days[index];
      if (day === undefined) throw new RangeError(`trade outside the history (day ${index})`);
      entry = { merchantId, day, paymentCount: 0, grossFen: 0, weighedFen: 0 };
      totals.set(key, entry);
    }
    return entry;
  };
  for (const payment of input.payments) {
    if (payment.status !== 'captured') continue;
    const entry = totalsOf(payment.merchantId, dayIndex.get(payment.businessDay) ?? -1);
    entry.paymentCount += 1;
    entry.grossFen += payment.amountFen;
  }
  for (const weighing of input.weighings) {
    if (weighing.paymentMethod !== 'bank_qr' || weighing.merchantId === null) continue;
    const index = Math.floor((weighing.scaleTime + OFFSET_MS) / DAY_MS) - firstMidnight; // the business day, without a Date per row
    totalsOf(weighing.merchantId, index).weighedFen += weighing.priceFen;
  }

  const lastDay = input.days[input.days.length - 1];
  const nextDay = new Map(input.days.map((day, index) => [day, input.days[index + 1]]));
  return [...totals.values()]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.merchantId - b.merchantId))
    .map((entry, index) => {
      const feeFen = settlementFee(entry.grossFen, input.feeBasisPoints);
      const netFen = entry.grossFen - feeFen;
      const mismatch = reconcile({ grossFen: entry.grossFen, feeFen, netFen, weighedFen: entry.weighedFen }).verdict !== 'balanced';
      // yesterday's payout goes out this morning: still pending when the seed runs
      const paid = !mismatch && entry.day !== lastDay;
      const payoutDay = nextDay.get(entry.day);
      return {
        id: index + 1, merchantId: entry.merchantId, businessDay: entry.day, paymentCount: entry.paymentCount,
        grossFen: entry.grossFen, feeFen, netFen, weighedFen: entry.weighedFen,
        status: mismatch ? 'mismatch' : paid ? 'paid' : 'pending',
        paidAt: paid && payoutDay ? localTime(payoutDay, 8, rng.int(0, 90)) : null,
        bankRef: paid ? `CCBSTL${compactDay(entry.day)}${String(entry.merchantId).padStart(6, '0')}` : null,
      };
    });
}
