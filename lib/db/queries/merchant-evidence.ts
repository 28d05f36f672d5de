// The evidence the accuracy score reads, per merchant, dated by business day. Only the daily rollup
// (MerchantDay) and small tables (Inspection, CheckWeighing, Complaint, Alert) are read, never the
// raw weighings. `merchantIds` must come from a scoped query: these tables are filtered by them.
//
// Attribution: inspections and re-weighs belong to the merchant whose stall the scale stands on
// now (the check tables record the scale, not the merchant); complaints and alerts carry the
// merchant they were raised against; weighings carry the merchant fixed at ingest.
import type { Db } from '../client.ts';
import { addDays, businessDay, dayAsDate, dateAsDay, dayStart } from '../../domain/business-day.ts';
import type { DatedEvidence } from '../../domain/accuracy-score.ts';
import type { DayWindow } from '../../domain/day-series.ts';

function push(map: Map<number, DatedEvidence[]>, merchantId: number | null | undefined, item: DatedEvidence): void {
  if (merchantId === null || merchantId === undefined) return;
  const list = map.get(merchantId);
  if (list) list.push(item);
  else map.set(merchantId, [item]);
}

function instants(window: DayWindow) {
  return { gte: dayStart(window.from), lt: dayStart(addDays(window.to, 1)) };
}

/** Inspections, fair-scale re-weighs, upheld complaints and alerts of the merchants, dated. */
export async function checkEvidence(db: Db, merchantIds: readonly number[], window: DayWindow): Promise<Map<number, DatedEvidence[]>> {
  const map = new Map<number, DatedEvidence[]>();
  if (merchantIds.length === 0) return map;
  const ids = [...merchantIds];
  const at = instants(window);
  const onTheirStalls = { stall: { merchantId: { in: ids } } };
  const [inspections, reweighs, complaints, alerts] = await Promise.all([
    // spot checks only: a verification's verdict is the scale's legal status, not a finding against its user
    db.inspection.findMany({
      where: { at, stage: 'in_service', scale: onTheirStalls },
      select: { at: true, result: true, suspended: true, scale: { select: { stall: { select: { merchantId: true } } } } },
    }),
    db.checkWeighing.findMany({
      where: { at, source: 'fair_scale', scale: onTheirStalls },
      select: { at: true, passed: true, scale: { select: { stall: { select: { merchantId: true } } } } },
    }),
    // upheld once is upheld: a complaint closed after it was upheld still counts
    db.complaint.findMany({
      where: { merchantId: { in: ids }, decidedAt: at, events: { some: { toStatus: 'upheld' } } },
      select: { merchantId: true, kind: true, decidedAt: true },
    }),
    // alerts still open or acknowledged; a closed one was resolved
    db.alert.findMany({
      where: { merchantId: { in: ids }, raisedAt: at, status: { not: 'closed' }, severity: { in: ['critical', 'warning'] } },
      select: { merchantId: true, severity: true, raisedAt: true },
    }),
  ]);
  for (const inspection of inspections) {
    const failed = inspection.result === 'failed';
    push(map, inspection.scale.stall?.merchantId, {
      day: businessDay(inspection.at),
      evidence: failed ? { inspectionsFailed: 1, inspectionsSuspended: inspection.suspended ? 1 : 0 } : { inspectionsPassed: 1 },
    });
  }
  for (const check of reweighs) {
    push(map, check.scale.stall?.merchantId, { day: businessDay(check.at), evidence: { reweighs: 1, reweighsFailed: check.passed ? 0 : 1 } });
  }
  for (const complaint of complaints) {
    if (!complaint.decidedAt) continue;
    push(map, complaint.merchantId, {
      day: businessDay(complaint.decidedAt),
      evidence: { complaintsUpheld: 1, shortWeightUpheld: complaint.kind === 'short_weight' ? 1 : 0 },
    });
  }
  for (const alert of alerts) {
    push(map, alert.merchantId, {
      day: businessDay(alert.raisedAt),
      evidence: alert.severity === 'critical' ? { criticalAlerts: 1 } : { warningAlerts: 1 },
    });
  }
  return map;
}

export interface TradeTotals {
  weighings: number;
  priceFindings: number;
  netMg: bigint;
  turnoverFen: bigint;
}

/** Each merchant's trade over a window, summed from MerchantDay in the database. */
export async function tradeTotals(db: Db, merchantIds: readonly number[], window: DayWindow): Promise<Map<number, TradeTotals>> {
  if (merchantIds.length === 0) return new Map();
  const rows = await db.merchantDay.groupBy({
    by: ['merchantId'],
    where: { merchantId: { in: [...merchantIds] }, businessDay: { gte: dayAsDate(window.from), lte: dayAsDate(window.to) } },
    _sum: { weighingCount: true, priceFindingCount: true, netMgSum: true, priceFenSum: true },
  });
  return new Map(rows.map((row) => [row.merchantId, {
    weighings: row._sum.weighingCount ?? 0,
    priceFindings: row._sum.priceFindingCount ?? 0,
    netMg: row._sum.netMgSum ?? 0n,
    turnoverFen: row._sum.priceFenSum ?? 0n,
  }]));
}

/** One merchant's trade per day (days with trade only), as dated evidence. */
export async function dailyTradeEvidence(db: Db, merchantId: number, window: DayWindow): Promise<DatedEvidence[]> {
  const rows = await db.merchantDay.findMany({
    where: { merchantId, businessDay: { gte: dayAsDate(window.from), lte: dayAsDate(window.to) } },
    orderBy: { businessDay: 'asc' },
    select: { businessDay: true, weighingCount: true, priceFindingCount: true },
  });
  return rows.map((row) => ({ day: dateAsDay(row.businessDay), evidence: { weighings: row.weighingCount, priceFindings: row.priceFindingCount } }));
}
