// A merchant's trade: its weighings (keyset-paged, newest first), its daily rollup, and the scales
// on its stalls. Every function checks the merchant against the scope first: out of scope → null.
import type { Db } from '../client.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { dateAsDay, dayAsDate } from '../../domain/business-day.ts';
import { dayRange } from '../../domain/day-input.ts';
import { decodeCursor, encodeCursor, trimPage, type KeysetQuery } from '../../domain/keyset.ts';
import { merchantInScope } from './settlements.ts';

export const WEIGHING_PAGE_SIZE = 50;

export interface MerchantDayView {
  day: string;
  weighingCount: number;
  netMgSum: bigint;
  priceFenSum: bigint;
  findingCount: number;
}

/** The merchant's daily rollup for every day in [from, to] (days without trade are zero). */
export async function merchantDays(db: Db, scope: Scope, merchantId: number, from: string, to: string): Promise<MerchantDayView[] | null> {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const rows = await db.merchantDay.findMany({
    where: { merchantId: merchant.id, businessDay: { gte: dayAsDate(from), lte: dayAsDate(to) } },
    select: { businessDay: true, weighingCount: true, netMgSum: true, priceFenSum: true, findingCount: true },
  });
  const byDay = new Map(rows.map((row) => [dateAsDay(row.businessDay), row]));
  return dayRange(from, to).map((day) => {
    const row = byDay.get(day);
    return {
      day,
      weighingCount: row?.weighingCount ?? 0,
      netMgSum: row?.netMgSum ?? 0n,
      priceFenSum: row?.priceFenSum ?? 0n,
      findingCount: row?.findingCount ?? 0,
    };
  });
}

export interface WeighingView {
  id: string;
  scaleTime: Date;
  commodity: { plu: string; name: string; nameEn: string };
  unitPriceFenPerKg: number;
  netMg: number;
  tareMg: number;
  priceFen: number;
  paymentMethod: 'bank_qr' | 'cash' | 'card';
  findings: string[];
  scaleSerial: string;
  receiptToken: string | null;
}

export interface WeighingPage {
  rows: WeighingView[];
  /** cursor for `?after=` (newer rows), null on the newest page */
  newer: string | null;
  /** cursor for `?before=` (older rows), null on the oldest page */
  older: string | null;
}

/** The merchant's weighings, newest first, 50 a page, keyset-paged on (scaleTime, id). */
export async function listMerchantWeighings(db: Db, scope: Scope, merchantId: number, query: KeysetQuery, pageSize = WEIGHING_PAGE_SIZE): Promise<WeighingPage | null> {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const before = query.before ? decodeCursor(query.before) : null;
  const after = query.after ? decodeCursor(query.after) : null;
  const edge = after
    ? { OR: [{ scaleTime: { gt: new Date(after.atMs) } }, { scaleTime: new Date(after.atMs), id: { gt: after.id } }] }
    : before
      ? { OR: [{ scaleTime: { lt: new Date(before.atMs) } }, { scaleTime: new Date(before.atMs), id: { lt: before.id } }] }
      : {};
  const direction = after ? 'asc' : 'desc';
  const fetched = await db.weighing.findMany({
    where: { merchantId: merchant.id, ...edge },
    orderBy: [{ scaleTime: direction }, { id: direction }],
    take: pageSize + 1,
    select: {
      id: true,
      scaleTime: true,
      unitPriceFenPerKg: true,
      netMg: true,
      tareMg: true,
      priceFen: true,
      paymentMethod: true,
      findings: true,
      commodityId: true,
      scaleId: true,
    },
  });
  const { rows, more } = trimPage(fetched, pageSize);
  // Weighing has no relations (it is partitioned, see schema.prisma): the page's few names are
  // fetched by key, three indexed lookups for fifty rows.
  const [commodities, scales, receipts] = await Promise.all([
    db.commodity.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.commodityId))] } }, select: { id: true, plu: true, name: true, nameEn: true } }),
    db.scale.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.scaleId))] } }, select: { id: true, serial: true } }),
    db.receipt.findMany({ where: { weighingId: { in: rows.map((row) => row.id) } }, select: { weighingId: true, token: true } }),
  ]);
  const commodityById = new Map(commodities.map(({ id, ...commodity }) => [id, commodity]));
  const serialById = new Map(scales.map((scale) => [scale.id, scale.serial]));
  const tokenByWeighing = new Map(receipts.map((receipt) => [receipt.weighingId, receipt.token]));
  if (after) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Going newer: "more" means more newer rows; the older side exists because we came from there.
  const hasNewer = after ? more : Boolean(before);
  const hasOlder = after ? true : more;
  return {
    rows: rows.map((row) => ({
      id: row.id.toString(),
      scaleTime: row.scaleTime,
      commodity: commodityById.get(row.commodityId) ?? { plu: '', name: '', nameEn: '' },
      unitPriceFenPerKg: row.unitPriceFenPerKg,
      netMg: row.netMg,
      tareMg: row.tareMg,
      priceFen: row.priceFen,
      paymentMethod: row.paymentMethod,
      findings: row.findings,
      scaleSerial: serialById.get(row.scaleId) ?? '',
      receiptToken: tokenByWeighing.get(row.id) ?? null,
    })),
    newer: hasNewer && first ? encodeCursor(first.scaleTime, first.id) : null,
    older: hasOlder && last ? encodeCursor(last.scaleTime, last.id) : null,
  };
}

/** The scales on the merchant's stalls, with their latest verification and today's weighings. */
export async function listMerchantScales(db: Db, scope: Scope, merchantId: number, today: string) {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const scales = await db.scale.findMany({
    where: { AND: [scaleWhere(scope), { stall: { merchantId: merchant.id } }] },
    orderBy: { serial: 'asc' },
    select: {
      id: true,
      serial: true,
      model: true,
      maker: true,
      accuracyClass: true,
      maxMg: true,
      minMg: true,
      eMg: true,
      status: true,
      online: true,
      lastSeenAt: true,
      calibrationCounter: true,
      configurationCounter: true,
      installedOn: true,
      stall: { select: { code: true } },
      verifications: { orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }], take: 1, select: { certificateNo: true, verifiedOn: true, expiresOn: true, result: true } },
    },
  });
  const days = await db.scaleDay.findMany({
    where: { scaleId: { in: scales.map((scale) => scale.id) }, businessDay: dayAsDate(today) },
    select: { scaleId: true, weighingCount: true, findingCount: true },
  });
  const byScale = new Map(days.map((day) => [day.scaleId, day]));
  return scales.map((scale) => ({
    ...scale,
    latestVerification: scale.verifications[0] ?? null,
    todayWeighings: byScale.get(scale.id)?.weighingCount ?? 0,
    todayFindings: byScale.get(scale.id)?.findingCount ?? 0,
  }));
}
