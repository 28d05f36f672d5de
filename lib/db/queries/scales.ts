// Scales a user may see: their legal status (from the latest verification), a paged register, and
// one scale in full. Out-of-scope ids read as "not found". Retired scales are left out of lists and
// counts; a retired scale's own page still opens.
import type { Db } from '../client.ts';
import type { Prisma } from '../generated/client.ts';
import type { ScaleStatus, VerificationResult } from '../generated/enums.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { dateAsDay, dayAsDate } from '../../domain/business-day.ts';
import { fillDays, lastDays, type DayWindow } from '../../domain/day-series.ts';
import { pageWindow, type ListPage } from '../../domain/paging.ts';
import { checkError, isConnected, tallyStatuses, type StatusTally } from '../../domain/supervision.ts';
import { verificationStatus, type VerificationStatus } from '../../domain/verification-status.ts';
import { marketOptionSelect } from './places.ts';

export const SCALE_PAGE_SIZE = 50;
export const CHART_DAYS = 30;
const RECENT_CHECKS = 20;
const RECENT_INSPECTIONS = 10;

/** The latest verification decides a scale's legal state ("latest" = by verification date). */
export const latestVerification = {
  select: { result: true, expiresOn: true },
  orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
  take: 1,
} satisfies Prisma.Scale$verificationsArgs;

export const inUse = { status: { not: 'retired' } } satisfies Prisma.ScaleWhereInput;

export function statusOf(
  scale: { status: ScaleStatus; verifications: { result: VerificationResult; expiresOn: Date }[] },
  today: string,
): VerificationStatus {
  const latest = scale.verifications[0];
  return verificationStatus(
    { scaleStatus: scale.status, latest: latest ? { result: latest.result, expiresOn: dateAsDay(latest.expiresOn) } : null },
    today,
  );
}

export interface ScaleFact {
  id: number;
  marketId: number;
  stallId: number | null;
  purpose: 'trade' | 'fair';
  online: boolean;
  /** online now or heard from lately (lib/domain/supervision.ts isConnected) */
  connected: boolean;
  status: VerificationStatus;
}

/** The few facts dashboards count, for every scale in use in the scope (one row per scale). */
export async function scaleFacts(db: Db, scope: Scope, today: string, now: Date = new Date()): Promise<ScaleFact[]> {
  const rows = await db.scale.findMany({
    where: { AND: [scaleWhere(scope), inUse] },
    orderBy: [{ marketId: 'asc' }, { id: 'asc' }],
    select: { id: true, marketId: true, stallId: true, purpose: true, online: true, lastSeenAt: true, status: true, verifications: latestVerification },
  });
  return rows.map((row) => ({
    id: row.id,
    marketId: row.marketId,
    stallId: row.stallId,
    purpose: row.purpose,
    online: row.online,
    connected: isConnected(row, now),
    status: statusOf(row, today),
  }));
}

/** What a row of a scale list shows, wherever the list is. */
export const scaleSummarySelect = {
  id: true,
  serial: true,
  model: true,
  maker: true,
  purpose: true,
  status: true,
  online: true,
  lastSeenAt: true,
  verifications: latestVerification,
} satisfies Prisma.ScaleSelect;

type ScaleSummaryRow = Prisma.ScaleGetPayload<{ select: typeof scaleSummarySelect }>;

export interface ScaleSummary {
  id: number;
  serial: string;
  model: string;
  maker: string;
  purpose: 'trade' | 'fair';
  online: boolean;
  lastSeenAt: Date | null;
  /** online now or heard from lately (lib/domain/supervision.ts isConnected) */
  connected: boolean;
  status: VerificationStatus;
  /** the latest verification's expiry, "YYYY-MM-DD" */
  expiresOn: string | null;
}

export function toScaleSummary(row: ScaleSummaryRow, today: string, now: Date = new Date()): ScaleSummary {
  const latest = row.verifications[0];
  return {
    id: row.id,
    serial: row.serial,
    model: row.model,
    maker: row.maker,
    purpose: row.purpose,
    online: row.online,
    lastSeenAt: row.lastSeenAt,
    connected: isConnected(row, now),
    status: statusOf(row, today),
    expiresOn: latest ? dateAsDay(latest.expiresOn) : null,
  };
}

export interface ScaleListRow extends ScaleSummary {
  market: { id: number; code: string; name: string; nameEn: string };
  stall: { id: number; code: string } | null;
  merchant: { id: number; name: string; shopName: string } | null;
}

export interface ScaleList extends ListPage<ScaleListRow> {
  /** every scale in use in the scope, by status (for the filter's counts) */
  tally: StatusTally;
}

/**
 * The scope's register of scales in use, by market then id, `SCALE_PAGE_SIZE` a page; `status`
 * keeps only scales in that legal state, `online` only scales online (true) or offline (false) now. The state depends on today, so it is worked out here for
 * every scale (a few columns each), then only the page's rows are read in full.
 */
export async function listScales(
  db: Db,
  scope: Scope,
  options: { today: string; page: number; status?: VerificationStatus | undefined; online?: boolean | undefined },
): Promise<ScaleList> {
  const facts = await scaleFacts(db, scope, options.today);
  const matching = facts.filter((fact) =>
    (options.status === undefined || fact.status === options.status) && (options.online === undefined || fact.online === options.online));
  const window = pageWindow(matching.length, options.page, SCALE_PAGE_SIZE);
  const ids = matching.slice(window.skip, window.skip + window.take).map((fact) => fact.id);
  const rows = ids.length === 0 ? [] : await db.scale.findMany({
    where: { AND: [{ id: { in: ids } }, scaleWhere(scope)] },
    select: {
      ...scaleSummarySelect,
      market: { select: { id: true, code: true, name: true, nameEn: true } },
      stall: { select: { id: true, code: true, merchant: { select: { id: true, name: true, shopName: true } } } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    rows: ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [{
        ...toScaleSummary(row, options.today),
        market: row.market,
        stall: row.stall ? { id: row.stall.id, code: row.stall.code } : null,
        merchant: row.stall?.merchant ?? null,
      }];
    }),
    total: matching.length,
    tally: tallyStatuses(facts.map((fact) => fact.status)),
    page: window.page,
    pages: window.pages,
    pageSize: SCALE_PAGE_SIZE,
  };
}

export interface DailyTrade {
  day: string;
  weighings: number;
  turnoverFen: bigint;
}

/** A scale's weighings per day over a window, from the ScaleDay rollup. */
async function scaleDays(db: Db, scaleId: number, window: DayWindow): Promise<DailyTrade[]> {
  const rows = await db.scaleDay.findMany({
    where: { scaleId, businessDay: { gte: dayAsDate(window.from), lte: dayAsDate(window.to) } },
    select: { businessDay: true, weighingCount: true, priceFenSum: true },
  });
  const values = new Map(rows.map((row) => [dateAsDay(row.businessDay), { weighings: row.weighingCount, turnoverFen: row.priceFenSum }]));
  return fillDays(window, values, { weighings: 0, turnoverFen: 0n }).map(({ day, value }) => ({ day, ...value }));
}

/** One scale in full, or null when it does not exist or is outside the scope. */
export async function getScale(db: Db, scope: Scope, scaleId: number, today: string) {
  const scale = await db.scale.findFirst({
    where: { AND: [{ id: scaleId }, scaleWhere(scope)] },
    select: {
      id: true,
      serial: true,
      model: true,
      maker: true,
      accuracyClass: true,
      maxMg: true,
      minMg: true,
      eMg: true,
      dMg: true,
      priceIntervalFen: true,
      softwareId: true,
      calibrationCounter: true,
      configurationCounter: true,
      purpose: true,
      status: true,
      online: true,
      lastSeenAt: true,
      installedOn: true,
      market: { select: marketOptionSelect },
      stall: { select: { id: true, code: true, merchant: { select: { id: true, name: true, shopName: true } } } },
      verifications: {
        orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
        select: { id: true, certificateNo: true, verifiedOn: true, expiresOn: true, result: true, authority: true, sealCode: true },
      },
      inspections: {
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: RECENT_INSPECTIONS,
        select: { id: true, at: true, stage: true, result: true, suspended: true, notes: true, inspector: { select: { displayName: true } } },
      },
      checkWeighings: {
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: RECENT_CHECKS,
        select: { id: true, at: true, source: true, kind: true, referenceMg: true, indicationMg: true, mpeMg: true, passed: true },
      },
    },
  });
  if (!scale) return null;
  const daily = await scaleDays(db, scale.id, lastDays(today, CHART_DAYS));
  const { verifications, inspections, checkWeighings, stall, installedOn, ...identity } = scale;
  return {
    ...identity,
    installedOn: dateAsDay(installedOn),
    verificationStatus: statusOf(scale, today),
    stall: stall ? { id: stall.id, code: stall.code } : null,
    merchant: stall?.merchant ?? null,
    verifications: verifications.map((v) => ({ ...v, verifiedOn: dateAsDay(v.verifiedOn), expiresOn: dateAsDay(v.expiresOn) })),
    inspections: inspections.map(({ inspector, ...inspection }) => ({ ...inspection, inspector: inspector?.displayName ?? null })),
    checks: checkWeighings.map((check) => ({ ...check, errorMg: checkError(check) })),
    daily,
  };
}

export type ScaleDetail = NonNullable<Awaited<ReturnType<typeof getScale>>>;
