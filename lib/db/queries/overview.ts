// The regulator's overview of its scope: totals over the markets it may see, the daily trend from
// the MarketDay rollup, the inspection pass rate, the markets themselves and their districts.
// Never scans raw weighings.
import type { Db } from '../client.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { SCORE_SETTINGS } from '../../domain/accuracy-score.ts';
import { addDays, dayStart } from '../../domain/business-day.ts';
import { lastDays, type DayWindow } from '../../domain/day-series.ts';
import { addTallies, combineCoverage } from '../../domain/supervision.ts';
import { listMarketSummaries, marketDailyTrade, type MarketFigures, type MarketSummary } from './markets.ts';
import { CHART_DAYS, type DailyTrade } from './scales.ts';

/** Spot checks (抽检) over a window: the same window as the accuracy score's. */
export const INSPECTION_WINDOW_DAYS = SCORE_SETTINGS.windowDays;

export interface InspectionTally {
  window: DayWindow;
  inspections: number;
  passed: number;
  failed: number;
  /** passed ÷ inspections, null without inspections */
  ratio: number | null;
}

export interface DistrictSummary extends MarketFigures {
  id: number;
  name: string;
  nameEn: string;
  markets: number;
}

export interface Overview {
  /** the city, district or market the scope covers */
  scopeName: { name: string; nameEn: string } | null;
  totals: MarketFigures & { markets: number };
  inspections: InspectionTally;
  daily: DailyTrade[];
  markets: MarketSummary[];
  /** the markets' figures summed per district (the city's drill-down) */
  districts: DistrictSummary[];
}

async function scopeName(db: Db, scope: Scope): Promise<{ name: string; nameEn: string } | null> {
  const select = { name: true, nameEn: true } as const;
  switch (scope.kind) {
    case 'city':
      return db.city.findUnique({ where: { id: scope.cityId }, select });
    case 'district':
      return db.district.findFirst({ where: { id: scope.districtId, cityId: scope.cityId }, select });
    case 'market':
      return db.market.findFirst({ where: { id: scope.marketId, district: { cityId: scope.cityId } }, select });
    case 'merchant':
      return db.merchant
        .findFirst({ where: { id: scope.merchantId, market: { district: { cityId: scope.cityId } } }, select: { shopName: true } })
        .then((merchant) => (merchant ? { name: merchant.shopName, nameEn: merchant.shopName } : null));
  }
}

export function sumFigures(markets: readonly MarketFigures[]): MarketFigures {
  const sum = (pick: (market: MarketFigures) => number) => markets.reduce((total, market) => total + pick(market), 0);
  return {
    stalls: sum((m) => m.stalls),
    occupiedStalls: sum((m) => m.occupiedStalls),
    merchants: sum((m) => m.merchants),
    scales: sum((m) => m.scales),
    online: sum((m) => m.online),
    tally: addTallies(markets.map((m) => m.tally)),
    coverage: combineCoverage(markets.map((m) => m.coverage)),
    weighings: sum((m) => m.weighings),
    turnoverFen: markets.reduce((total, market) => total + market.turnoverFen, 0n),
    openAlerts: sum((m) => m.openAlerts),
    openComplaints: sum((m) => m.openComplaints),
  };
}

/** The figures of each district, summed from its markets' (counts summed, never ratios averaged). */
export function districtSummaries(markets: readonly MarketSummary[]): DistrictSummary[] {
  const byDistrict = new Map<number, MarketSummary[]>();
  for (const market of markets) {
    const group = byDistrict.get(market.district.id);
    if (group) group.push(market);
    else byDistrict.set(market.district.id, [market]);
  }
  return [...byDistrict.values()].map((own) => ({ ...own[0]!.district, markets: own.length, ...sumFigures(own) }));
}

/** Spot checks (抽检, inspections at the in-service stage) of the scope's scales over the window, by result. */
export async function inspectionTally(db: Db, scope: Scope, window: DayWindow): Promise<InspectionTally> {
  const rows = await db.inspection.groupBy({
    by: ['result'],
    where: { scale: scaleWhere(scope), stage: 'in_service', at: { gte: dayStart(window.from), lt: dayStart(addDays(window.to, 1)) } },
    _count: { _all: true },
  });
  const passed = rows.find((row) => row.result === 'passed')?._count._all ?? 0;
  const failed = rows.find((row) => row.result === 'failed')?._count._all ?? 0;
  const inspections = passed + failed;
  return { window, inspections, passed, failed, ratio: inspections === 0 ? null : passed / inspections };
}

export async function getOverview(db: Db, scope: Scope, today: string): Promise<Overview> {
  const [markets, name, inspections] = await Promise.all([
    listMarketSummaries(db, scope, today),
    scopeName(db, scope),
    inspectionTally(db, scope, lastDays(today, INSPECTION_WINDOW_DAYS)),
  ]);
  const daily = await marketDailyTrade(db, markets.map((market) => market.id), lastDays(today, CHART_DAYS));
  return {
    scopeName: name,
    totals: { markets: markets.length, ...sumFigures(markets) },
    inspections,
    daily,
    markets,
    districts: districtSummaries(markets),
  };
}
