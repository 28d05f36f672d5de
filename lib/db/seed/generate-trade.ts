// The history of trade: weighings on every trade scale for each business day, and the bank's
// payment for each weighing paid by QR code. A few merchant-days are broken on purpose (a manual
// payment with no weighing, a weighing whose payment never arrived) so reconciliation has work.
import { priceToPay } from '../../domain/metrology/price-to-pay.ts';
import { compactDay, localTime, weekday } from './dates.ts';
import { TARE_BY_CATEGORY } from './hengyang.ts';
import type { Places } from './generate-places.ts';
import type { ScaleProfile, Scales } from './generate-scales.ts';
import type { Rng } from './prng.ts';
import { OPENS_AT_MINUTES, tradingOffsetMs } from './time-of-day.ts';
import type { Day, Finding, PaymentMethod, PaymentRow, WeighingRow } from './types.ts';

export interface Trade {
  weighings: WeighingRow[];
  payments: PaymentRow[];
}

const WEEKEND_FACTOR = 1.12;
const DAY_OFF_SHARE = 0.03;
const BROKEN_DAY_SHARE = 0.005;
const FINDING_RATE: Record<Finding, number> = { price_mismatch: 0.2, unstable: 0.12, below_min: 0.04 };
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Unit prices stay within ±20 % of the guide price, in whole jiao (10 fen) per kg as stalls post them. */
function postedPrice(usual: number, drift: number, guide: number): number {
  const lowest = Math.ceil((guide * 8) / 100) * 10;
  const highest = Math.floor((guide * 12) / 100) * 10;
  return Math.min(highest, Math.max(lowest, roundTo(usual * drift, 10)));
}

function paymentMethod(rng: Rng, bankShare: number, enrolled: boolean): PaymentMethod {
  const draw = rng.next();
  if (enrolled) {
    if (draw < bankShare) return 'bank_qr';
    return (draw - bankShare) / (1 - bankShare) < 0.8 ? 'cash' : 'card';
  }
  return draw < 0.85 ? 'cash' : 'card';
}

function weighingsOfDay(rng: Rng, day: Day, places: Places, traders: ScaleProfile[], drift: Map<number, number>): WeighingRow[] {
  const opensAt = localTime(day, OPENS_AT_MINUTES / 60);
  const weekend = weekday(day) === 0 || weekday(day) === 6 ? WEEKEND_FACTOR : 1;
  const marketFactor = new Map(places.markets.map((market) => [market.id, 0.92 + 0.16 * rng.next()]));
  const dayOff = new Set(places.profiles.filter(() => rng.chance(DAY_OFF_SHARE)).map((profile) => profile.merchant.id));
  const prices = new Map(places.profiles.map((profile) => [
    profile.merchant.id,
    profile.goods.map((good) => postedPrice(good.priceFenPerKg, drift.get(good.commodity.id) ?? 1, good.spec.guidePriceFenPerKg)),
  ]));

  const rows: WeighingRow[] = [];
  for (const trader of traders) {
    const merchant = trader.merchant;
    if (!merchant || dayOff.has(merchant.merchant.id)) continue;
    const { scale, behaviour } = trader;
    const enrolled = merchant.merchant.enrolledOn !== null && merchant.merchant.enrolledOn <= day;
    const merchantPrices = prices.get(merchant.merchant.id) ?? [];
    const count = Math.round(trader.activity * weekend * (marketFactor.get(scale.marketId) ?? 1) * (0.85 + 0.3 * rng.next()));
    for (let i = 0; i < count; i++) {
      const scaleTime = opensAt + tradingOffsetMs(rng);
      if (trader.tradeUntil !== null && scaleTime >= trader.tradeUntil) continue;
      const goodIndex = merchant.pickGood(rng);
      const good = merchant.goods[goodIndex];
      const unitPriceFenPerKg = merchantPrices[goodIndex];
      if (!good || unitPriceFenPerKg === undefined) throw new Error(`merchant ${merchant.merchant.id}: no good ${goodIndex}`);

      const d = scale.dMg;
      const tare = TARE_BY_CATEGORY[good.commodity.category];
      const tareMg = rng.chance(tare.probability)
        ? Math.max(d, roundTo((tare.rangeG[0] + rng.next() * (tare.rangeG[1] - tare.rangeG[0])) * 1000, d))
        : 0;
      const [lowG, highG] = good.spec.typicalG;
      const grams = lowG * Math.pow(highG / lowG, rng.next()); // log-uniform: many small buys, a few big ones
      let netMg = Math.min(scale.maxMg - tareMg, Math.max(scale.minMg, roundTo(grams * 1000, d)));
      let findings = NO_FINDINGS;
      let stable = true;
      if (behaviour === 'below_min' && rng.chance(FINDING_RATE.below_min)) {
        netMg = d * rng.int(1, scale.minMg / d - 1);
        findings = ['below_min'];
      }
      let priceFen = priceToPay({ unitPriceFenPerKg, netMg, intervalFen: scale.priceIntervalFen });
      if (behaviour === 'price_mismatch' && rng.chance(FINDING_RATE.price_mismatch)) {
        priceFen += rng.int(1, 3); // always in the merchant's favour
        findings = ['price_mismatch'];
      } else if (behaviour === 'unstable' && rng.chance(FINDING_RATE.unstable)) {
        stable = false;
        findings = ['unstable'];
      }
      rows.push({
        id: 0, scaleId: scale.id, seq: 0, scaleTime, receivedAt: scaleTime + rng.int(300, 2_500),
        merchantId: merchant.merchant.id, marketId: scale.marketId, stallId: scale.stallId, commodityId: good.commodity.id, unitPriceFenPerKg,
        grossMg: netMg + tareMg, tareMg, netMg, priceFen, stable,
        paymentMethod: paymentMethod(rng, merchant.bankShare, enrolled), findings,
      });
    }
  }
  return byTime(rows, opensAt);
}

/** Rows in scaleTime order (ties in generation order), sorted on packed numeric keys: far faster than a comparator. */
function byTime(rows: WeighingRow[], opensAt: number): WeighingRow[] {
  if (rows.length >= 1_048_576) throw new RangeError('too many weighings in one day to sort by packed keys');
  const keys = new Float64Array(rows.length);
  rows.forEach((row, index) => {
    keys[index] = (row.scaleTime - opensAt) * 1_048_576 + index; // offsets < 2^26 ms, indexes < 2^20: exact in a double
  });
  keys.sort();
  return Array.from(keys, (key) => rows[key % 1_048_576] as WeighingRow);
}

export function generateTrade(rng: Rng, places: Places, scales: Scales, days: Day[]): Trade {
  const traders = scales.profiles.filter((profile) => profile.scale.purpose === 'trade');
  const nextSeq = new Map(traders.map((profile) => [profile.scale.id, profile.firstSeq]));
  const lastSeen = new Map<number, number>();
  const drift = new Map(places.commodities.map((commodity) => [commodity.id, 0.96 + 0.08 * rng.next()]));
  const weighings: WeighingRow[] = [];
  const payments: PaymentRow[] = [];
  let bankCounter = rng.int(100_000, 900_000);

  for (const day of days) {
    // wholesale prices wander a little from day to day, the same way in every market
    for (const [id, factor] of drift) drift.set(id, Math.min(1.1, Math.max(0.9, factor * (1 + rng.normal(0, 0.015)))));
    const rows = weighingsOfDay(rng, day, places, traders, drift);
    for (const row of rows) {
      row.id = weighings.length + 1;
      const seq = nextSeq.get(row.scaleId) ?? 1;
      row.seq = seq;
      nextSeq.set(row.scaleId, seq + 1);
      lastSeen.set(row.scaleId, row.receivedAt);
      weighings.push(row);
    }

    const broken = new Map<number, 'extra_payment' | 'missing_payment'>();
    const bankMerchants = new Set<number>();
    for (const row of rows) if (row.paymentMethod === 'bank_qr' && row.merchantId !== null) bankMerchants.add(row.merchantId);
    for (const merchantId of bankMerchants) {
      if (rng.chance(BROKEN_DAY_SHARE)) broken.set(merchantId, rng.chance(0.5) ? 'extra_payment' : 'missing_payment');
    }
    const dayPayments: PaymentRow[] = []; // ids and bank references follow payment time, once sorted
    for (const row of rows) {
      if (row.paymentMethod !== 'bank_qr' || row.merchantId === null) continue;
      if (broken.get(row.merchantId) === 'missing_payment') {
        broken.delete(row.merchantId); // one lost payment is enough
        continue;
      }
      dayPayments.push({
        id: 0, bankRef: '', merchantId: row.merchantId, weighingId: row.id, amountFen: row.priceFen,
        paidAt: row.scaleTime + rng.int(3_000, 20_000), businessDay: day, status: 'captured',
      });
    }
    for (const [merchantId, kind] of broken) {
      if (kind !== 'extra_payment') continue;
      dayPayments.push({
        id: 0, bankRef: '', merchantId, weighingId: null, amountFen: rng.int(800, 6_000),
        paidAt: localTime(day, OPENS_AT_MINUTES / 60) + tradingOffsetMs(rng), businessDay: day, status: 'captured',
      });
    }
    dayPayments.sort((a, b) => a.paidAt - b.paidAt);
    const refPrefix = `CCB${compactDay(day)}`;
    for (const payment of dayPayments) {
      bankCounter += 1;
      payment.id = payments.length + 1;
      payment.bankRef = refPrefix + String(bankCounter).padStart(10, '0');
      payments.push(payment);
    }
  }

  const lastDay = days[days.length - 1];
  for (const profile of scales.profiles) {
    // the highest seq written: where the ingest carries on (and gap detection starts)
    const next = nextSeq.get(profile.scale.id);
    profile.scale.lastSeq = next !== undefined && next > profile.firstSeq ? next - 1 : null;
    const last = lastSeen.get(profile.scale.id);
    if (last !== undefined) profile.scale.lastSeenAt = last + rng.int(2, 30) * 60_000;
    else if (profile.tradeUntil !== null) profile.scale.lastSeenAt = profile.tradeUntil;
    else if (lastDay !== undefined) profile.scale.lastSeenAt = localTime(lastDay, 18, rng.int(30, 59));
  }
  return { weighings, payments };
}
