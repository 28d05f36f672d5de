// The bank's merchant search: the programme's merchants (merchantWhere gives the bank no other),
// found by shop, operator or licence number and narrowed to a market, with what the bank settled for
// each over the last 30 closed business days.
import type { Db } from '../client.ts';
import { marketWhere, merchantWhere, type Scope } from '../scope.ts';
import { closedDaysWindow } from '../../domain/settlement.ts';
import { literalLike, MERCHANT_PAGE_SIZE, type MerchantSearchQuery } from '../../domain/merchant-search.ts';
import { pageWindow, type ListPage } from '../../domain/paging.ts';

export interface ProgrammeMerchantRow {
  id: number;
  shopName: string;
  name: string;
  licenseNo: string;
  enrolledOn: Date | null;
  market: { id: number; name: string; nameEn: string };
  /** over the 30 closed business days before today */
  grossFen: bigint;
  paymentCount: bigint;
}

export async function searchProgrammeMerchants(db: Db, scope: Scope, query: MerchantSearchQuery, today: string): Promise<ListPage<ProgrammeMerchantRow>> {
  const words = query.q ? literalLike(query.q) : undefined;
  const where = {
    AND: [
      merchantWhere(scope),
      query.market ? { marketId: query.market } : {},
      words
        ? { OR: [{ shopName: { contains: words, mode: 'insensitive' as const } }, { name: { contains: words, mode: 'insensitive' as const } }, { licenseNo: { contains: words.toUpperCase() } }] }
        : {},
    ],
  };
  const total = await db.merchant.count({ where });
  const window = pageWindow(total, query.page, MERCHANT_PAGE_SIZE);
  const merchants = await db.merchant.findMany({
    where,
    orderBy: [{ shopName: 'asc' }, { id: 'asc' }],
    skip: window.skip,
    take: window.take,
    select: { id: true, shopName: true, name: true, licenseNo: true, enrolledOn: true, market: { select: { id: true, name: true, nameEn: true } } },
  });
  const ids = merchants.map((m) => m.id);
  const days = closedDaysWindow(today);
  const sums = ids.length
    ? await db.$queryRaw<{ merchantId: number; gross: bigint; payments: bigint }[]>`
        SELECT "merchantId", SUM("grossFen")::bigint AS gross, SUM("paymentCount")::bigint AS payments
        FROM "Settlement"
        WHERE "merchantId" = ANY(${ids}::int[]) AND "businessDay" BETWEEN ${days.from}::date AND ${days.to}::date
        GROUP BY "merchantId"`
    : [];
  const byMerchant = new Map(sums.map((row) => [row.merchantId, row]));
  return {
    rows: merchants.map((m) => ({ ...m, grossFen: byMerchant.get(m.id)?.gross ?? 0n, paymentCount: byMerchant.get(m.id)?.payments ?? 0n })),
    total,
    page: window.page,
    pages: window.pages,
    pageSize: MERCHANT_PAGE_SIZE,
  };
}

/** The markets to narrow the search to: those of the city with a merchant of the programme. */
export async function programmeMarkets(db: Db, scope: Scope) {
  return db.market.findMany({
    where: { AND: [marketWhere(scope), { merchants: { some: merchantWhere(scope) } }] },
    orderBy: { code: 'asc' },
    select: { id: true, name: true, nameEn: true },
  });
}

/** One merchant of the programme, as the bank's merchant page shows it; null outside the programme. */
export async function programmeMerchant(db: Db, scope: Scope, merchantId: number) {
  return db.merchant.findFirst({
    where: { AND: [{ id: merchantId }, merchantWhere(scope)] },
    select: { id: true, shopName: true, name: true, licenseNo: true, enrolledOn: true, market: { select: { id: true, name: true, nameEn: true } } },
  });
}
