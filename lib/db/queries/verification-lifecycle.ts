// Scales whose verification needs someone to act — expiring within 30 days, expired, failed,
// suspended, unverified — most urgent first, with the days left; and the reminders a market's
// managers get about them. Statuses come from lib/domain/verification-status.ts, as everywhere.
import type { Db } from '../client.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { dateAsDay } from '../../domain/business-day.ts';
import { pageWindow, type ListPage } from '../../domain/paging.ts';
import { emptyTally, type StatusTally } from '../../domain/supervision.ts';
import { compareUrgency, daysLeft, needsAttention } from '../../domain/verification-lifecycle.ts';
import type { VerificationStatus } from '../../domain/verification-status.ts';
import { inUse, latestVerification, SCALE_PAGE_SIZE, statusOf } from './scales.ts';

interface LifecycleFact {
  id: number;
  marketId: number;
  status: VerificationStatus;
  expiresOn: string | null;
}

/** Every scale in use in the scope with its status and latest expiry (a few columns each). */
async function lifecycleFacts(db: Db, scope: Scope, today: string): Promise<LifecycleFact[]> {
  const rows = await db.scale.findMany({
    where: { AND: [scaleWhere(scope), inUse] },
    orderBy: { id: 'asc' },
    select: { id: true, marketId: true, status: true, verifications: latestVerification },
  });
  return rows.map((row) => {
    const latest = row.verifications[0];
    return { id: row.id, marketId: row.marketId, status: statusOf(row, today), expiresOn: latest ? dateAsDay(latest.expiresOn) : null };
  });
}

function urgent(facts: LifecycleFact[]): LifecycleFact[] {
  return facts.filter((fact) => needsAttention(fact.status)).sort((a, b) => compareUrgency(a, b) || a.id - b.id);
}

export interface LifecycleRow {
  id: number;
  serial: string;
  model: string;
  purpose: 'trade' | 'fair';
  status: VerificationStatus;
  expiresOn: string | null;
  /** negative once expired; null when never verified */
  daysLeft: number | null;
  certificateNo: string | null;
  market: { id: number; name: string; nameEn: string };
  stall: string | null;
  shopName: string | null;
}

export interface LifecycleList extends ListPage<LifecycleRow> {
  /** scales in use in the scope by status (valid included, for the filter's context) */
  tally: StatusTally;
}

/** The scope's scales needing attention, most urgent first, `SCALE_PAGE_SIZE` a page; `status` keeps one status. */
export async function listLifecycle(
  db: Db,
  scope: Scope,
  options: { today: string; page: number; status?: VerificationStatus | undefined },
): Promise<LifecycleList> {
  const facts = await lifecycleFacts(db, scope, options.today);
  const tally = emptyTally();
  for (const fact of facts) tally[fact.status] += 1;
  const matching = urgent(facts).filter((fact) => !options.status || fact.status === options.status);
  const window = pageWindow(matching.length, options.page, SCALE_PAGE_SIZE);
  const page = matching.slice(window.skip, window.skip + window.take);
  const rows = page.length === 0 ? [] : await db.scale.findMany({
    where: { AND: [{ id: { in: page.map((fact) => fact.id) } }, scaleWhere(scope)] },
    select: {
      id: true, serial: true, model: true, purpose: true,
      market: { select: { id: true, name: true, nameEn: true } },
      stall: { select: { code: true, merchant: { select: { shopName: true } } } },
      verifications: { ...latestVerification, select: { certificateNo: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    rows: page.flatMap((fact) => {
      const row = byId.get(fact.id);
      if (!row) return [];
      return [{
        id: row.id, serial: row.serial, model: row.model, purpose: row.purpose, status: fact.status, expiresOn: fact.expiresOn,
        daysLeft: daysLeft(fact, options.today), certificateNo: row.verifications[0]?.certificateNo ?? null,
        market: row.market, stall: row.stall?.code ?? null, shopName: row.stall?.merchant?.shopName ?? null,
      }];
    }),
    total: matching.length,
    tally,
    page: window.page,
    pages: window.pages,
    pageSize: SCALE_PAGE_SIZE,
  };
}

/** At most this many scales are named in one market's reminder; the count covers the rest. */
const REMINDER_SCALES = 50;

export interface MarketReminder {
  market: { id: number; code: string; name: string; nameEn: string };
  /** whom the reminder is for: the market's managers (the platform would text them) */
  recipients: { userId: number; username: string; displayName: string }[];
  counts: Record<Exclude<VerificationStatus, 'valid'>, number>;
  /** the scales, most urgent first */
  scales: { id: number; serial: string; stall: string | null; status: VerificationStatus; expiresOn: string | null; daysLeft: number | null }[];
}

/**
 * One reminder per market in scope that has a scale needing attention: counts by status, the
 * scales, and the market managers it is addressed to. Nothing is sent from here: a notifier
 * (SMS, WeChat) reads this and sends.
 */
export async function verificationReminders(db: Db, scope: Scope, today: string): Promise<MarketReminder[]> {
  const facts = urgent(await lifecycleFacts(db, scope, today));
  if (facts.length === 0) return [];
  const marketIds = [...new Set(facts.map((fact) => fact.marketId))];
  const [markets, scales, managers] = await Promise.all([
    db.market.findMany({ where: { id: { in: marketIds } }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, nameEn: true } }),
    db.scale.findMany({ where: { id: { in: facts.map((fact) => fact.id) } }, select: { id: true, serial: true, stall: { select: { code: true } } } }),
    db.user.findMany({
      where: { role: 'market_manager', marketId: { in: marketIds }, disabledAt: null },
      orderBy: { id: 'asc' },
      select: { id: true, username: true, displayName: true, marketId: true },
    }),
  ]);
  const scaleById = new Map(scales.map((scale) => [scale.id, scale]));
  return markets.map((market) => {
    const own = facts.filter((fact) => fact.marketId === market.id);
    const counts = { expiring: 0, expired: 0, failed: 0, suspended: 0, unverified: 0 };
    for (const fact of own) if (fact.status !== 'valid') counts[fact.status] += 1;
    return {
      market,
      recipients: managers.filter((user) => user.marketId === market.id).map((user) => ({ userId: user.id, username: user.username, displayName: user.displayName })),
      counts,
      scales: own.slice(0, REMINDER_SCALES).map((fact) => {
        const scale = scaleById.get(fact.id);
        return {
          id: fact.id, serial: scale?.serial ?? '', stall: scale?.stall?.code ?? null, status: fact.status,
          expiresOn: fact.expiresOn, daysLeft: daysLeft(fact, today),
        };
      }),
    };
  });
}
