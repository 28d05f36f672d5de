// The bank's view of its programme: what it financed, who enrolled, and what was settled.
// Sums come from Settlement (one row per merchant per day), as bigint.
import type { Db } from '../client.ts';
import { marketWhere, scaleWhere, type Scope } from '../scope.ts';
import { dateAsDay } from '../../domain/business-day.ts';
import { dayRange } from '../../domain/day-input.ts';
import { closedDaysWindow } from '../../domain/settlement.ts';

export interface SettlementTotals {
  settlements: bigint;
  paymentCount: bigint;
  grossFen: bigint;
  feeFen: bigint;
  netFen: bigint;
}

export interface MarketProgrammeRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  district: { name: string; nameEn: string };
  merchantsTotal: number;
  merchantsEnrolled: number;
  grossFen: bigint;
  paymentCount: bigint;
}

export async function getProgramme(db: Db, scope: Scope) {
  return db.programme.findFirst({
    where: { cityId: scope.cityId },
    orderBy: { startedOn: 'asc' },
    select: { id: true, name: true, nameEn: true, bankName: true, bankNameEn: true, startedOn: true, feeBasisPoints: true },
  });
}

/** Everything on the bank's overview page, for the 30 closed business days before `today`. */
export async function programmeOverview(db: Db, scope: Scope, today: string) {
  const window = closedDaysWindow(today);
  const [programme, merchants, markets] = await Promise.all([
    getProgramme(db, scope),
    // enrolment counts every merchant of the markets (a count, never their data): the markets' own
    // rows, not merchantWhere, which gives the bank the programme's merchants only
    db.merchant.findMany({ where: { market: marketWhere(scope) }, select: { id: true, marketId: true, programmeId: true } }),
    db.market.findMany({
      where: marketWhere(scope),
      orderBy: { code: 'asc' },
      select: { id: true, code: true, name: true, nameEn: true, district: { select: { name: true, nameEn: true } } },
    }),
  ]);
  const enrolled = (merchant: { programmeId: number | null }) => (programme ? merchant.programmeId === programme.id : false);
  const ids = merchants.filter(enrolled).map((merchant) => merchant.id);

  const [scalesDeployed, scalesOnline, totalsRows, dailyRows, marketRows, statusRows] = await Promise.all([
    programme ? db.scale.count({ where: { AND: [{ programmeId: programme.id }, scaleWhere(scope)] } }) : 0,
    programme ? db.scale.count({ where: { AND: [{ programmeId: programme.id, online: true }, scaleWhere(scope)] } }) : 0,
    db.$queryRaw<{ settlements: bigint; payments: bigint | null; gross: bigint | null; fee: bigint | null; net: bigint | null }[]>`
      SELECT COUNT(*)::bigint AS settlements, SUM("paymentCount")::bigint AS payments, SUM("grossFen")::bigint AS gross,
             SUM("feeFen")::bigint AS fee, SUM("netFen")::bigint AS net
      FROM "Settlement"
      WHERE "merchantId" = ANY(${ids}::int[]) AND "businessDay" BETWEEN ${window.from}::date AND ${window.to}::date`,
    db.$queryRaw<{ day: Date; gross: bigint; payments: bigint }[]>`
      SELECT "businessDay" AS day, SUM("grossFen")::bigint AS gross, SUM("paymentCount")::bigint AS payments
      FROM "Settlement"
      WHERE "merchantId" = ANY(${ids}::int[]) AND "businessDay" BETWEEN ${window.from}::date AND ${window.to}::date
      GROUP BY "businessDay"`,
    db.$queryRaw<{ marketId: number; gross: bigint; payments: bigint }[]>`
      SELECT m."marketId" AS "marketId", SUM(s."grossFen")::bigint AS gross, SUM(s."paymentCount")::bigint AS payments
      FROM "Settlement" s JOIN "Merchant" m ON m.id = s."merchantId"
      WHERE s."merchantId" = ANY(${ids}::int[]) AND s."businessDay" BETWEEN ${window.from}::date AND ${window.to}::date
      GROUP BY m."marketId"`,
    db.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT status::text AS status, COUNT(*)::bigint AS n
      FROM "Settlement"
      WHERE "merchantId" = ANY(${ids}::int[]) AND status IN ('pending', 'mismatch')
      GROUP BY status`,
  ]);

  const totalsRow = totalsRows[0];
  const totals: SettlementTotals = {
    settlements: totalsRow?.settlements ?? 0n,
    paymentCount: totalsRow?.payments ?? 0n,
    grossFen: totalsRow?.gross ?? 0n,
    feeFen: totalsRow?.fee ?? 0n,
    netFen: totalsRow?.net ?? 0n,
  };

  const byDay = new Map(dailyRows.map((row) => [dateAsDay(row.day), row]));
  const daily = dayRange(window.from, window.to).map((day) => ({ day, grossFen: byDay.get(day)?.gross ?? 0n, paymentCount: byDay.get(day)?.payments ?? 0n }));

  const byMarket = new Map(marketRows.map((row) => [row.marketId, row]));
  const marketsView: MarketProgrammeRow[] = markets.map((market) => {
    const own = merchants.filter((merchant) => merchant.marketId === market.id);
    return {
      ...market,
      merchantsTotal: own.length,
      merchantsEnrolled: own.filter(enrolled).length,
      grossFen: byMarket.get(market.id)?.gross ?? 0n,
      paymentCount: byMarket.get(market.id)?.payments ?? 0n,
    };
  });

  const statusCount = (status: string) => statusRows.find((row) => row.status === status)?.n ?? 0n;
  return {
    programme,
    window,
    scalesDeployed,
    scalesOnline,
    merchantsTotal: merchants.length,
    merchantsEnrolled: merchants.filter(enrolled).length,
    totals,
    pendingCount: statusCount('pending'),
    mismatchCount: statusCount('mismatch'),
    daily,
    markets: marketsView,
  };
}

export type ProgrammeOverview = Awaited<ReturnType<typeof programmeOverview>>;
