// Settlements (one row per merchant per business day) and their reconciliation, always inside the
// caller's scope: a merchant reads only its own, and an out-of-scope merchant reads as null (→ 404).
import type { Db } from '../client.ts';
import type { SettlementStatus as DbSettlementStatus } from '../generated/enums.ts';
import { merchantWhere, type Scope } from '../scope.ts';
import { dateAsDay, dayAsDate } from '../../domain/business-day.ts';
import type { ListPage } from '../../domain/paging.ts';
import {
  pageCount,
  reconcile,
  SETTLEMENT_PAGE_SIZE,
  type ReconciliationVerdict,
  type SettlementFilter,
  type SettlementStatus,
} from '../../domain/settlement.ts';

/** The merchant if the scope may see it, else null. */
export async function merchantInScope(db: Db, scope: Scope, merchantId: number) {
  if (!Number.isSafeInteger(merchantId) || merchantId < 1) return null;
  return db.merchant.findFirst({
    where: { AND: [{ id: merchantId }, merchantWhere(scope)] },
    select: {
      id: true,
      shopName: true,
      programmeId: true,
      enrolledOn: true,
      market: { select: { id: true, code: true, name: true, nameEn: true } },
    },
  });
}

/** Ids of every merchant the scope may see (for rollup and raw-SQL filters). */
export async function merchantIdsInScope(db: Db, scope: Scope): Promise<number[]> {
  const rows = await db.merchant.findMany({ where: merchantWhere(scope), select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}

export interface SettlementView {
  id: number;
  merchantId: number;
  day: string;
  paymentCount: number;
  grossFen: number;
  feeFen: number;
  netFen: number;
  weighedFen: number;
  /** gross − weighed */
  differenceFen: number;
  verdict: ReconciliationVerdict;
  netConsistent: boolean;
  status: SettlementStatus;
  paidAt: Date | null;
  bankRef: string | null;
}

const settlementSelect = {
  id: true,
  merchantId: true,
  businessDay: true,
  paymentCount: true,
  grossFen: true,
  feeFen: true,
  netFen: true,
  weighedFen: true,
  refundedFen: true,
  adjustmentFen: true,
  status: true,
  paidAt: true,
  bankRef: true,
} as const;

type SettlementRecord = {
  id: number;
  merchantId: number;
  businessDay: Date;
  paymentCount: number;
  grossFen: number;
  feeFen: number;
  netFen: number;
  weighedFen: number;
  refundedFen: number;
  adjustmentFen: number;
  status: DbSettlementStatus;
  paidAt: Date | null;
  bankRef: string | null;
};

function view(row: SettlementRecord): SettlementView {
  const check = reconcile(row);
  return {
    id: row.id,
    merchantId: row.merchantId,
    day: dateAsDay(row.businessDay),
    paymentCount: row.paymentCount,
    grossFen: row.grossFen,
    feeFen: row.feeFen,
    netFen: row.netFen,
    weighedFen: row.weighedFen,
    differenceFen: check.differenceFen,
    verdict: check.verdict,
    netConsistent: check.netConsistent,
    status: row.status,
    paidAt: row.paidAt,
    bankRef: row.bankRef,
  };
}

export interface ReconciliationRow extends SettlementView {
  shopName: string;
  market: { id: number; name: string; nameEn: string };
}

export type ReconciliationPage = ListPage<ReconciliationRow>;

/** The reconciliation list: newest day first, filtered by status and/or day, 50 a page. */
export async function listSettlements(db: Db, scope: Scope, filter: SettlementFilter, pageSize = SETTLEMENT_PAGE_SIZE): Promise<ReconciliationPage> {
  const where = {
    merchant: merchantWhere(scope),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.day ? { businessDay: dayAsDate(filter.day) } : {}),
  };
  const [total, rows] = await Promise.all([
    db.settlement.count({ where }),
    db.settlement.findMany({
      where,
      orderBy: [{ businessDay: 'desc' }, { merchantId: 'asc' }],
      skip: (filter.page - 1) * pageSize,
      take: pageSize,
      select: { ...settlementSelect, merchant: { select: { shopName: true, market: { select: { id: true, name: true, nameEn: true } } } } },
    }),
  ]);
  return {
    rows: rows.map((row) => ({ ...view(row), shopName: row.merchant.shopName, market: row.merchant.market })),
    total,
    page: filter.page,
    pages: pageCount(total, pageSize),
    pageSize,
  };
}

/** One merchant's settlements over [from, to], newest first; null when the merchant is out of scope. */
export async function merchantSettlements(db: Db, scope: Scope, merchantId: number, range: { from: string; to: string }) {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const rows = await db.settlement.findMany({
    where: { merchantId: merchant.id, businessDay: { gte: dayAsDate(range.from), lte: dayAsDate(range.to) } },
    orderBy: { businessDay: 'desc' },
    select: settlementSelect,
  });
  return { merchant, from: range.from, to: range.to, settlements: rows.map(view) };
}

/** A merchant's latest settlements, newest first; null when the merchant is out of scope. */
export async function recentSettlements(db: Db, scope: Scope, merchantId: number, limit = 10): Promise<SettlementView[] | null> {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const rows = await db.settlement.findMany({
    where: { merchantId: merchant.id },
    orderBy: { businessDay: 'desc' },
    take: limit,
    select: settlementSelect,
  });
  return rows.map(view);
}
