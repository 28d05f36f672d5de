// Markets a user may see, and one market with its stalls. Out-of-scope ids read as "not found".
// Trade figures come from the MarketDay rollup, never from raw weighings.
import type { Db } from '../client.ts';
import { marketWhere, scaleWhere, type Scope } from '../scope.ts';
import { dateAsDay, dayAsDate } from '../../domain/business-day.ts';
import { fillDays, lastDays, type DayWindow } from '../../domain/day-series.ts';
import {
  coverage, coverageOf, isStallCovered, OPEN_COMPLAINT_STATUSES, tallyStatuses, worstStatus,
  type Coverage, type StatusTally,
} from '../../domain/supervision.ts';
import type { VerificationStatus } from '../../domain/verification-status.ts';
import { CHART_DAYS, inUse, scaleFacts, scaleSummarySelect, toScaleSummary, type DailyTrade, type ScaleFact, type ScaleSummary } from './scales.ts';

/** The figures a regulator reads for a market (or, summed, for a whole scope). */
export interface MarketFigures {
  stalls: number;
  /** stalls a merchant rents */
  occupiedStalls: number;
  merchants: number;
  /** scales in use (not retired), trade and fair */
  scales: number;
  online: number;
  /** scales in use by legal state */
  tally: StatusTally;
  coverage: Coverage;
  /** over the last CHART_DAYS business days, today included */
  weighings: number;
  turnoverFen: bigint;
  openAlerts: number;
  openComplaints: number;
}

export interface MarketSummary extends MarketFigures {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  district: { id: number; name: string; nameEn: string };
}

function chartWindow(today: string): DayWindow {
  return lastDays(today, CHART_DAYS);
}

function dayRangeWhere(window: DayWindow) {
  return { gte: dayAsDate(window.from), lte: dayAsDate(window.to) };
}

function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Coverage of some stalls, given the scales in use (any market; scales off these stalls are ignored). */
function stallCoverage(stalls: { id: number; merchantId: number | null }[], scales: ScaleFact[]): Coverage {
  const tradeByStall = groupBy(scales.filter((scale) => scale.purpose === 'trade' && scale.stallId !== null), (scale) => scale.stallId);
  return coverage(stalls.map((stall) => ({
    occupied: stall.merchantId !== null,
    tradeScales: tradeByStall.get(stall.id) ?? [],
  })));
}

/**
 * Every market in the scope with its figures: stalls, scales by legal state, coverage, the last
 * CHART_DAYS days' weighings and turnover (MarketDay), open alerts and complaints.
 */
export async function listMarketSummaries(db: Db, scope: Scope, today: string): Promise<MarketSummary[]> {
  const markets = await db.market.findMany({
    where: marketWhere(scope),
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      district: { select: { id: true, name: true, nameEn: true } },
      _count: { select: { merchants: true } },
    },
  });
  if (markets.length === 0) return [];
  const ids = markets.map((market) => market.id);
  const [stalls, scales, days, alerts, complaints] = await Promise.all([
    db.stall.findMany({ where: { market: marketWhere(scope) }, select: { id: true, marketId: true, merchantId: true } }),
    scaleFacts(db, scope, today),
    // MarketDay has no relation to Market: the ids come from the scoped query above.
    db.marketDay.groupBy({
      by: ['marketId'],
      where: { marketId: { in: ids }, businessDay: dayRangeWhere(chartWindow(today)) },
      _sum: { weighingCount: true, priceFenSum: true },
    }),
    db.alert.groupBy({ by: ['marketId'], where: { market: marketWhere(scope), status: 'open' }, _count: { _all: true } }),
    db.complaint.groupBy({
      by: ['marketId'],
      where: { market: marketWhere(scope), status: { in: [...OPEN_COMPLAINT_STATUSES] } },
      _count: { _all: true },
    }),
  ]);
  const stallsByMarket = groupBy(stalls, (stall) => stall.marketId);
  const scalesByMarket = groupBy(scales, (scale) => scale.marketId);
  const dayByMarket = new Map(days.map((row) => [row.marketId, row._sum]));
  const alertsByMarket = new Map(alerts.map((row) => [row.marketId, row._count._all]));
  const complaintsByMarket = new Map(complaints.map((row) => [row.marketId, row._count._all]));
  return markets.map(({ _count, ...market }) => {
    const marketStalls = stallsByMarket.get(market.id) ?? [];
    const marketScales = scalesByMarket.get(market.id) ?? [];
    const trade = dayByMarket.get(market.id);
    return {
      ...market,
      stalls: marketStalls.length,
      occupiedStalls: marketStalls.filter((stall) => stall.merchantId !== null).length,
      merchants: _count.merchants,
      scales: marketScales.length,
      online: marketScales.filter((scale) => scale.online).length,
      tally: tallyStatuses(marketScales.map((scale) => scale.status)),
      coverage: stallCoverage(marketStalls, marketScales),
      weighings: trade?.weighingCount ?? 0,
      turnoverFen: trade?.priceFenSum ?? 0n,
      openAlerts: alertsByMarket.get(market.id) ?? 0,
      openComplaints: complaintsByMarket.get(market.id) ?? 0,
    };
  });
}

/**
 * Weighings and turnover per day over a window, summed over markets, from the MarketDay rollup.
 * `marketIds` must come from a scoped query: MarketDay has no relation to filter by scope.
 */
export async function marketDailyTrade(db: Db, marketIds: number[], window: DayWindow): Promise<DailyTrade[]> {
  const rows = marketIds.length === 0 ? [] : await db.marketDay.groupBy({
    by: ['businessDay'],
    where: { marketId: { in: marketIds }, businessDay: dayRangeWhere(window) },
    _sum: { weighingCount: true, priceFenSum: true },
  });
  const values = new Map(rows.map((row) => [
    dateAsDay(row.businessDay),
    { weighings: row._sum.weighingCount ?? 0, turnoverFen: row._sum.priceFenSum ?? 0n },
  ]));
  return fillDays(window, values, { weighings: 0, turnoverFen: 0n }).map(({ day, value }) => ({ day, ...value }));
}

export interface StallDetail {
  id: number;
  code: string;
  row: number;
  col: number;
  merchant: { id: number; name: string; shopName: string } | null;
  /** trade scales in use on the stall */
  scales: ScaleSummary[];
  /** the worst legal state of its scales; null when it has none */
  worst: VerificationStatus | null;
  covered: boolean;
}

/** One market with its stalls, their scales and its figures; null when unknown or out of scope. */
export async function getMarketDetail(db: Db, scope: Scope, marketId: number, today: string) {
  const market = await db.market.findFirst({
    where: { AND: [{ id: marketId }, marketWhere(scope)] },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      address: true,
      floorRows: true,
      floorCols: true,
      district: { select: { id: true, name: true, nameEn: true } },
      _count: { select: { merchants: true } },
      stalls: {
        orderBy: { code: 'asc' },
        select: {
          id: true,
          code: true,
          row: true,
          col: true,
          merchant: { select: { id: true, name: true, shopName: true } },
          scales: { where: { AND: [scaleWhere(scope), inUse] }, orderBy: { serial: 'asc' }, select: scaleSummarySelect },
        },
      },
      // the fair scale (公平秤), and any scale not placed on a stall
      scales: { where: { AND: [scaleWhere(scope), inUse, { stallId: null }] }, orderBy: { serial: 'asc' }, select: scaleSummarySelect },
    },
  });
  if (!market) return null;
  const window = chartWindow(today);
  const [daily, openAlerts, openComplaints] = await Promise.all([
    marketDailyTrade(db, [market.id], window),
    db.alert.count({ where: { marketId: market.id, status: 'open' } }),
    db.complaint.count({ where: { marketId: market.id, status: { in: [...OPEN_COMPLAINT_STATUSES] } } }),
  ]);
  const stalls: StallDetail[] = market.stalls.map((stall) => {
    const scales = stall.scales.map((scale) => toScaleSummary(scale, today));
    const tradeScales = scales.filter((scale) => scale.purpose === 'trade');
    return {
      id: stall.id,
      code: stall.code,
      row: stall.row,
      col: stall.col,
      merchant: stall.merchant,
      scales,
      worst: worstStatus(scales.map((scale) => scale.status)),
      covered: stall.merchant !== null && isStallCovered(tradeScales),
    };
  });
  const otherScales = market.scales.map((scale) => toScaleSummary(scale, today));
  const allScales = [...stalls.flatMap((stall) => stall.scales), ...otherScales];
  const figures: MarketFigures = {
    stalls: stalls.length,
    occupiedStalls: stalls.filter((stall) => stall.merchant !== null).length,
    merchants: market._count.merchants,
    scales: allScales.length,
    online: allScales.filter((scale) => scale.online).length,
    tally: tallyStatuses(allScales.map((scale) => scale.status)),
    coverage: coverageOf(stalls.filter((stall) => stall.covered).length, stalls.filter((stall) => stall.merchant !== null).length),
    weighings: daily.reduce((sum, day) => sum + day.weighings, 0),
    turnoverFen: daily.reduce((sum, day) => sum + day.turnoverFen, 0n),
    openAlerts,
    openComplaints,
  };
  const { _count: _ignored, stalls: _stalls, scales: _scales, ...identity } = market;
  return { ...identity, figures, stalls, otherScales, daily };
}

export type MarketDetail = NonNullable<Awaited<ReturnType<typeof getMarketDetail>>>;
