// Trade scales ranked worst first by the pass rate of their checks, their findings or their open
// alerts, within the user's scope and filters. Reads the ScaleDay rollup and the small check and
// alert tables, grouped in the database; never the raw weighings. The page and the CSV read the
// same list.
import type { Db } from '../client.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { addDays, dateAsDay, dayAsDate, dayStart } from '../../domain/business-day.ts';
import { lastDays, type DayWindow } from '../../domain/day-series.ts';
import { pageOf, type ListPage } from '../../domain/paging.ts';
import type { RankingPeriod, ScaleSort } from '../../domain/ranking-query.ts';
import { combinePassRates, type PassRate } from '../../domain/scale-accuracy.ts';
import { compareScales, perMille } from '../../domain/scale-ranking.ts';
import { tallyStatuses, type StatusTally } from '../../domain/supervision.ts';
import type { VerificationStatus } from '../../domain/verification-status.ts';
import { marketOptionSelect, type Named, narrowScope } from './places.ts';
import { RANKING_PAGE_SIZE } from './merchant-ranking.ts';
import { inUse, latestVerification, statusOf } from './scales.ts';

export interface ScaleRankingRow {
  rank: number;
  id: number;
  serial: string;
  model: string;
  market: Named & { code: string };
  district: Named;
  stall: { id: number; code: string } | null;
  merchant: { id: number; name: string; shopName: string } | null;
  status: VerificationStatus;
  /** the latest verification's expiry, "YYYY-MM-DD" */
  expiresOn: string | null;
  online: boolean;
  /** inspections, self-checks and fair-scale re-weighs over the window */
  checks: PassRate;
  weighings: number;
  netMg: bigint;
  turnoverFen: bigint;
  /** weighings with any finding */
  findings: number;
  priceFindings: number;
  findingsPerMille: number | null;
  openAlerts: number;
}

export interface ScaleRankingFilter {
  today: string;
  period: RankingPeriod;
  sort: ScaleSort;
  district?: number | undefined;
  market?: number | undefined;
  status?: VerificationStatus | undefined;
}

export interface ScaleRanking {
  rows: ScaleRankingRow[];
  /** the scales by legal state before the status filter (for the filter's counts) */
  tally: StatusTally;
  window: DayWindow;
}

/** Pass rates per scale from grouped counts of passed and failed checks. */
async function checkCounts(db: Db, ids: number[], window: DayWindow): Promise<Map<number, PassRate>> {
  const at = { gte: dayStart(window.from), lt: dayStart(addDays(window.to, 1)) };
  const [inspections, checks] = await Promise.all([
    db.inspection.groupBy({ by: ['scaleId', 'result'], where: { scaleId: { in: ids }, at }, _count: { _all: true } }),
    // an inspection's test points are judged as the inspection; its own check rows are left out
    db.checkWeighing.groupBy({ by: ['scaleId', 'passed'], where: { scaleId: { in: ids }, at, source: { in: ['self_check', 'fair_scale'] } }, _count: { _all: true } }),
  ]);
  const parts = new Map<number, PassRate[]>();
  const add = (scaleId: number, passed: boolean, n: number) => {
    const rate: PassRate = { checks: n, passed: passed ? n : 0, failed: passed ? 0 : n, ratio: null };
    const list = parts.get(scaleId);
    if (list) list.push(rate);
    else parts.set(scaleId, [rate]);
  };
  for (const row of inspections) add(row.scaleId, row.result === 'passed', row._count._all);
  for (const row of checks) add(row.scaleId, row.passed, row._count._all);
  return new Map([...parts].map(([scaleId, list]) => [scaleId, combinePassRates(list)]));
}

/** Every trade scale in use in the scope and filters, with its figures, worst first by `sort`. */
export async function rankScales(db: Db, scope: Scope, filter: ScaleRankingFilter): Promise<ScaleRanking> {
  const window = lastDays(filter.today, filter.period);
  const narrowed = await narrowScope(db, scope, { districtId: filter.district, marketId: filter.market });
  if (!narrowed) return { rows: [], tally: tallyStatuses([]), window };
  const scales = await db.scale.findMany({
    where: { AND: [scaleWhere(narrowed), inUse, { purpose: 'trade' }] },
    select: {
      id: true,
      serial: true,
      model: true,
      status: true,
      online: true,
      verifications: latestVerification,
      market: { select: marketOptionSelect },
      stall: { select: { id: true, code: true, merchant: { select: { id: true, name: true, shopName: true } } } },
    },
  });
  const ids = scales.map((scale) => scale.id);
  const [days, checks, alerts] = ids.length === 0 ? [[], new Map<number, PassRate>(), []] : await Promise.all([
    db.scaleDay.groupBy({
      by: ['scaleId'],
      where: { scaleId: { in: ids }, businessDay: { gte: dayAsDate(window.from), lte: dayAsDate(window.to) } },
      _sum: { weighingCount: true, findingCount: true, priceFindingCount: true, netMgSum: true, priceFenSum: true },
    }),
    checkCounts(db, ids, window),
    db.alert.groupBy({ by: ['scaleId'], where: { scaleId: { in: ids }, status: 'open' }, _count: { _all: true } }),
  ]);
  const trade = new Map(days.map((row) => [row.scaleId, row._sum]));
  const openAlerts = new Map(alerts.map((row) => [row.scaleId, row._count._all]));
  const all: ScaleRankingRow[] = scales.map((scale) => {
    const sums = trade.get(scale.id);
    const weighings = sums?.weighingCount ?? 0;
    const findings = sums?.findingCount ?? 0;
    const latest = scale.verifications[0];
    const { district, ...market } = scale.market;
    return {
      rank: 0,
      id: scale.id,
      serial: scale.serial,
      model: scale.model,
      market,
      district,
      stall: scale.stall ? { id: scale.stall.id, code: scale.stall.code } : null,
      merchant: scale.stall?.merchant ?? null,
      status: statusOf(scale, filter.today),
      expiresOn: latest ? dateAsDay(latest.expiresOn) : null,
      online: scale.online,
      checks: checks.get(scale.id) ?? combinePassRates([]),
      weighings,
      netMg: sums?.netMgSum ?? 0n,
      turnoverFen: sums?.priceFenSum ?? 0n,
      findings,
      priceFindings: sums?.priceFindingCount ?? 0,
      findingsPerMille: perMille(findings, weighings),
      openAlerts: openAlerts.get(scale.id) ?? 0,
    };
  });
  const compare = compareScales(filter.sort);
  const figures = (row: ScaleRankingRow) => ({ ...row, passRatio: row.checks.ratio, failedChecks: row.checks.failed });
  const rows = all
    .filter((row) => filter.status === undefined || row.status === filter.status)
    .sort((a, b) => compare(figures(a), figures(b)));
  rows.forEach((row, index) => {
    row.rank = index + 1;
  });
  return { rows, tally: tallyStatuses(all.map((row) => row.status)), window };
}

export type ScaleRankingPage = Omit<ScaleRanking, 'rows'> & ListPage<ScaleRankingRow>;

export async function listScaleRanking(db: Db, scope: Scope, filter: ScaleRankingFilter & { page: number }): Promise<ScaleRankingPage> {
  const ranking = await rankScales(db, scope, filter);
  return { ...ranking, ...pageOf(ranking.rows, filter.page, RANKING_PAGE_SIZE) };
}
