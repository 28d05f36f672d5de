// The regulator's overview of its scope: totals over the markets it may see, the daily trend from
// the MarketDay rollup, and the markets themselves. Never scans raw weighings.
import type { Db } from '../client.ts';
import type { Scope } from '../scope.ts';
import { lastDays } from '../../domain/day-series.ts';
import { addTallies, combineCoverage } from '../../domain/supervision.ts';
import { listMarketSummaries, marketDailyTrade, type MarketFigures, type MarketSummary } from './markets.ts';
import { CHART_DAYS, type DailyTrade } from './scales.ts';

export interface Overview {
  /** the city, district or market the scope covers */
  scopeName: { name: string; nameEn: string } | null;
  totals: MarketFigures & { markets: number };
  daily: DailyTrade[];
  markets: MarketSummary[];
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

export async function getOverview(db: Db, scope: Scope, today: string): Promise<Overview> {
  const [markets, name] = await Promise.all([listMarketSummaries(db, scope, today), scopeName(db, scope)]);
  const daily = await marketDailyTrade(db, markets.map((market) => market.id), lastDays(today, CHART_DAYS));
  return { scopeName: name, totals: { markets: markets.length, ...sumFigures(markets) }, daily, markets };
}
