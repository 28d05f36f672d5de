// Older trade history for load tests (`npm run bench:dashboard`): weighings for the business days
// before the stored history, on the same stalls, so the raw table grows the way years of trade
// grow it. Each scale's weighings are resampled from its own stored ones (goods, masses, tare,
// payment, findings keep their mix), priced again at the day's price level, spread over trading
// hours like the seed's, with the seed's weekend and day-off pattern. Pure and deterministic.
//
// Sequence numbers stay true: a scale's older weighings take the seqs below its oldest stored one,
// and it trades no earlier than its installation. Before that (or when its seqs run out) the stall
// traded on a predecessor, an older scale since retired, which gets its own serial and seqs.
// Extending the history again continues where the last extension stopped.
import { addDays, dayStart } from '../../domain/business-day.ts';
import { priceToPay } from '../../domain/metrology/price-to-pay.ts';
import { addYears, daysBetween, weekday } from './dates.ts';
import { deriveRng, type Rng } from './prng.ts';
import { tradingOffsetMs, OPENS_AT_MINUTES } from './time-of-day.ts';
import type { Day, Instant, PaymentMethod } from './types.ts';

/** A stored weighing, the pattern for older ones on the same scale. */
export interface WeighingTemplate {
  commodityId: number;
  unitPriceFenPerKg: number;
  grossMg: number;
  tareMg: number;
  netMg: number;
  priceFen: number;
  stable: boolean;
  paymentMethod: PaymentMethod;
  findings: readonly string[];
}

/** A trade scale of the stored history and how it traded there. */
export interface HistoryScale {
  scaleId: number;
  serial: string;
  marketId: number;
  stallId: number;
  merchantId: number | null;
  installedOn: Day;
  /** the lowest seq stored: older weighings take the seqs below it */
  firstSeq: number;
  /** mean weighings per business day in the stored history */
  perDay: number;
  priceIntervalFen: number;
  templates: readonly WeighingTemplate[];
}

/** Who traded on a stall's scale place: the stored scale, or a predecessor made for the older history. */
export interface HistoryOwner {
  /** index into OlderHistory.owners */
  index: number;
  /** the chain (stored scale) it belongs to */
  chain: number;
  /** 0: the stored scale itself; n: its n-th predecessor */
  generation: number;
  serial: string;
  installedOn: Day;
  /** the highest seq it used; for a predecessor, where its numbering ends */
  lastSeq: number;
  /** the scale's id, once it exists (a predecessor gets one when the loader inserts it) */
  scaleId: number | null;
}

interface Chain {
  scale: HistoryScale;
  /** the owner trading at the front (the oldest day generated so far) */
  front: number;
  /** the next seq down for the front owner */
  nextSeq: number;
}

export interface OlderHistory {
  seed: number;
  /** the oldest business day generated or stored so far; the next extension ends the day before */
  before: Day;
  chains: Chain[];
  owners: HistoryOwner[];
  /** each commodity's price level on `before`, relative to the stored history */
  priceLevel: Map<number, number>;
}

/** One day's trade of one owner: `count` weighings taking seqs seqStart … seqStart + count − 1. */
export interface Allocation {
  chain: number;
  owner: number;
  count: number;
  seqStart: number;
}

export interface HistoryDay {
  day: Day;
  allocations: Allocation[];
  /** price level per commodity on that day */
  priceLevel: Map<number, number>;
}

export interface HistoryPlan {
  /** oldest first */
  days: HistoryDay[];
  rows: number;
  /** predecessors made by this extension: to be inserted before the rows are written */
  newOwners: HistoryOwner[];
}

const WEEKEND_FACTOR = 1.12;
const DAY_OFF_SHARE = 0.03;
/** how long before its successor a predecessor was installed */
const PREDECESSOR_YEARS = 6;
/** a scale's seq numbering over its life, as the seed counts it: 90 % of its mean daily trade per day */
const SEQ_PER_DAY_SHARE = 0.9;
/** never plan more than this far back: a profile that trades nothing would otherwise loop for ever */
const MAX_DAYS = 20 * 366;

export function startOlderHistory(scales: readonly HistoryScale[], options: { before: Day; seed: number }): OlderHistory {
  const owners: HistoryOwner[] = [];
  const chains = scales.map((scale, chain): Chain => {
    owners.push({
      index: owners.length, chain, generation: 0, serial: scale.serial, installedOn: scale.installedOn,
      lastSeq: scale.firstSeq - 1, scaleId: scale.scaleId,
    });
    return { scale, front: owners.length - 1, nextSeq: scale.firstSeq - 1 };
  });
  const priceLevel = new Map<number, number>();
  for (const scale of scales) for (const template of scale.templates) priceLevel.set(template.commodityId, 1);
  return { seed: options.seed, before: options.before, chains, owners, priceLevel };
}

/** A day's weighings on one scale: its mean, more at weekends, ±15 %, none on the merchant's day off. */
function dayCount(rng: Rng, scale: HistoryScale, day: Day, dayOff: boolean): number {
  if (dayOff) return 0;
  const weekend = weekday(day) === 0 || weekday(day) === 6;
  // the mean over a week stays perDay: five plain days and two busier ones
  const factor = (weekend ? WEEKEND_FACTOR : 1) / ((5 + 2 * WEEKEND_FACTOR) / 7);
  return Math.round(scale.perDay * factor * (0.85 + 0.3 * rng.next()));
}

function predecessorOf(history: OlderHistory, chain: Chain, day: Day): HistoryOwner {
  const current = history.owners[chain.front] as HistoryOwner;
  const generation = current.generation + 1;
  const installedOn = addYears(current.installedOn, -PREDECESSOR_YEARS);
  // its counter at the hand-over, counted from its installation like the seed counts a scale's
  const lastSeq = 1 + Math.floor(daysBetween(installedOn, day) * chain.scale.perDay * SEQ_PER_DAY_SHARE);
  const owner: HistoryOwner = {
    index: history.owners.length, chain: current.chain, generation, serial: `${chain.scale.serial}-R${generation}`,
    installedOn, lastSeq, scaleId: null,
  };
  history.owners.push(owner);
  chain.front = owner.index;
  chain.nextSeq = lastSeq;
  return owner;
}

/**
 * Plans the next `rows` weighings, going back day by day from the day before `history.before`, and
 * moves the history's front there. The oldest day is cut to land on `rows` exactly.
 */
export function extendOlderHistory(history: OlderHistory, rows: number): HistoryPlan {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  const days: HistoryDay[] = [];
  const newOwners: HistoryOwner[] = [];
  let planned = 0;
  let day = history.before;
  while (planned < rows) {
    if (days.length >= MAX_DAYS) throw new Error(`older history: ${planned} of ${rows} rows after ${MAX_DAYS} days; the stored history trades too little`);
    day = addDays(day, -1);
    // prices wander back in time the way the seed lets them wander forward
    for (const [commodity, level] of history.priceLevel) {
      const walk = 1 + deriveRng(history.seed, `price:${day}:${commodity}`).normal(0, 0.015);
      history.priceLevel.set(commodity, Math.min(1.1, Math.max(0.9, level * walk)));
    }
    const rng = deriveRng(history.seed, `count:${day}`);
    const dayOff = new Map<number, boolean>();
    const allocations: Allocation[] = [];
    for (const [index, chain] of history.chains.entries()) {
      const merchant = chain.scale.merchantId ?? -chain.scale.stallId;
      if (!dayOff.has(merchant)) dayOff.set(merchant, rng.chance(DAY_OFF_SHARE));
      let count = dayCount(rng, chain.scale, day, dayOff.get(merchant) ?? false);
      count = Math.min(count, rows - planned);
      if (count === 0) continue;
      let owner = history.owners[chain.front] as HistoryOwner;
      if (day < owner.installedOn || count > chain.nextSeq) {
        owner = predecessorOf(history, chain, day);
        newOwners.push(owner);
      }
      chain.nextSeq -= count;
      allocations.push({ chain: index, owner: owner.index, count, seqStart: chain.nextSeq + 1 });
      planned += count;
      if (planned === rows) break;
    }
    days.push({ day, allocations, priceLevel: new Map(history.priceLevel) });
  }
  history.before = day;
  days.reverse();
  return { days, rows: planned, newOwners };
}

/** A generated weighing, as the Weighing table stores it (no signature: bench rows are not signed). */
export interface OlderWeighing extends WeighingTemplate {
  id: number;
  scaleId: number;
  seq: number;
  scaleTime: Instant;
  receivedAt: Instant;
  merchantId: number | null;
  marketId: number;
  stallId: number;
}

/** Posted prices are whole jiao (10 fen) per kg. */
function postedPrice(template: WeighingTemplate, level: number): number {
  return Math.max(10, Math.round((template.unitPriceFenPerKg * level) / 10) * 10);
}

/**
 * The rows of a plan, oldest day first and in time order within a day, ids from `firstId` up.
 * Every owner must have its scale id by now (the loader inserts predecessors first).
 */
export function* olderWeighings(history: OlderHistory, plan: HistoryPlan, firstId: number): Generator<OlderWeighing> {
  let id = firstId;
  for (const { day, allocations, priceLevel } of plan.days) {
    const rng = deriveRng(history.seed, `rows:${day}`);
    const opensAt = dayStart(day).getTime() + OPENS_AT_MINUTES * 60_000;
    const rows: OlderWeighing[] = [];
    for (const allocation of allocations) {
      const chain = history.chains[allocation.chain] as Chain;
      const owner = history.owners[allocation.owner] as HistoryOwner;
      if (owner.scaleId === null) throw new Error(`older history: ${owner.serial} has no scale id yet`);
      const { scale } = chain;
      const start = rows.length;
      for (let i = 0; i < allocation.count; i++) {
        const template = rng.pick(scale.templates);
        const unitPriceFenPerKg = postedPrice(template, priceLevel.get(template.commodityId) ?? 1);
        const intervalFen = scale.priceIntervalFen;
        // a template that overcharged keeps overcharging by as much (its price_mismatch finding stays true)
        const overcharge = template.priceFen - priceToPay({ unitPriceFenPerKg: template.unitPriceFenPerKg, netMg: template.netMg, intervalFen });
        const scaleTime = opensAt + tradingOffsetMs(rng);
        rows.push({
          id: 0, scaleId: owner.scaleId, seq: 0, scaleTime, receivedAt: scaleTime + rng.int(300, 2_500),
          merchantId: scale.merchantId, marketId: scale.marketId, stallId: scale.stallId, commodityId: template.commodityId,
          unitPriceFenPerKg, grossMg: template.grossMg, tareMg: template.tareMg, netMg: template.netMg,
          priceFen: priceToPay({ unitPriceFenPerKg, netMg: template.netMg, intervalFen }) + overcharge,
          stable: template.stable, paymentMethod: template.paymentMethod, findings: template.findings,
        });
      }
      // a scale numbers its messages in the order it sends them
      const mine = rows.slice(start).sort((a, b) => a.scaleTime - b.scaleTime);
      mine.forEach((row, index) => {
        row.seq = allocation.seqStart + index;
      });
    }
    rows.sort((a, b) => a.scaleTime - b.scaleTime || a.scaleId - b.scaleId || a.seq - b.seq);
    for (const row of rows) {
      row.id = id++;
      yield row;
    }
  }
}
