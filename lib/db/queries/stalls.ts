// One stall of a market, as the floor map opens it: its merchant, the scales in use on it with
// their state, today's figures from the ScaleDay rollup, and the open alerts about it. A stall is
// reached through its market: an unknown stall, a stall of another market, or a market outside
// the scope all read as "not found".
import type { Db } from '../client.ts';
import { scaleWhere, stallWhere, type Scope } from '../scope.ts';
import { dayAsDate } from '../../domain/business-day.ts';
import { scaleFloorState, stallFloorState, type FloorState } from '../../domain/floor-state.ts';
import { inUse, scaleSummarySelect, toScaleSummary, type ScaleSummary } from './scales.ts';
import { marketOptionSelect } from './places.ts';

export interface StallScale extends ScaleSummary {
  state: FloorState;
  openAlerts: number;
  today: { weighings: number; turnoverFen: bigint; findings: number };
}

export interface StallAlert {
  id: number;
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  raisedAt: Date;
  /** the scale it names, if any */
  scale: { id: number; serial: string } | null;
  detail: unknown;
}

export async function getStallView(db: Db, scope: Scope, marketId: number, stallId: number, today: string) {
  const stall = await db.stall.findFirst({
    where: { AND: [{ id: stallId, marketId }, stallWhere(scope)] },
    select: {
      id: true,
      code: true,
      row: true,
      col: true,
      market: { select: marketOptionSelect },
      merchant: { select: { id: true, name: true, shopName: true, licenseNo: true, phone: true, category: true } },
      scales: { where: { AND: [scaleWhere(scope), inUse] }, orderBy: { serial: 'asc' }, select: scaleSummarySelect },
    },
  });
  if (!stall) return null;
  const scaleIds = stall.scales.map((scale) => scale.id);
  const merchantId = stall.merchant?.id ?? null;
  const [days, alerts] = await Promise.all([
    scaleIds.length === 0 ? [] : db.scaleDay.findMany({
      where: { scaleId: { in: scaleIds }, businessDay: dayAsDate(today) },
      select: { scaleId: true, weighingCount: true, priceFenSum: true, findingCount: true },
    }),
    db.alert.findMany({
      where: {
        marketId: stall.market.id,
        status: 'open',
        OR: [{ scaleId: { in: scaleIds } }, ...(merchantId === null ? [] : [{ scaleId: null, merchantId }])],
      },
      orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, rule: true, severity: true, raisedAt: true, detail: true, scaleId: true },
    }),
  ]);
  const dayByScale = new Map(days.map((day) => [day.scaleId, day]));
  const alertsByScale = new Map<number, number>();
  for (const alert of alerts) if (alert.scaleId !== null) alertsByScale.set(alert.scaleId, (alertsByScale.get(alert.scaleId) ?? 0) + 1);
  const serialById = new Map(stall.scales.map((scale) => [scale.id, scale.serial]));

  const scales: StallScale[] = stall.scales.map((row) => {
    const summary = toScaleSummary(row, today);
    const openAlerts = alertsByScale.get(row.id) ?? 0;
    const day = dayByScale.get(row.id);
    return {
      ...summary,
      state: scaleFloorState({ status: summary.status, online: summary.online, openAlerts }),
      openAlerts,
      today: { weighings: day?.weighingCount ?? 0, turnoverFen: day?.priceFenSum ?? 0n, findings: day?.findingCount ?? 0 },
    };
  });
  const merchantAlerts = alerts.filter((alert) => alert.scaleId === null).length;
  return {
    id: stall.id,
    code: stall.code,
    row: stall.row,
    col: stall.col,
    market: stall.market,
    merchant: stall.merchant,
    state: stallFloorState({ occupied: stall.merchant !== null, scales, merchantAlerts }),
    scales,
    today: {
      weighings: scales.reduce((sum, scale) => sum + scale.today.weighings, 0),
      turnoverFen: scales.reduce((sum, scale) => sum + scale.today.turnoverFen, 0n),
      findings: scales.reduce((sum, scale) => sum + scale.today.findings, 0),
    },
    alerts: alerts.map(({ scaleId, ...alert }): StallAlert => ({
      ...alert,
      scale: scaleId === null ? null : { id: scaleId, serial: serialById.get(scaleId) ?? '' },
    })),
  };
}

export type StallView = NonNullable<Awaited<ReturnType<typeof getStallView>>>;
