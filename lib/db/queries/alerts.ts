// Alerts a regulator may see, newest first, a page at a time. Scoped by the alert's market (its
// (marketId, status) index serves the default filter: open alerts).
import type { Db } from '../client.ts';
import type { Prisma } from '../generated/client.ts';
import { marketWhere, type Scope } from '../scope.ts';
import { pageWindow, type ListPage } from '../../domain/paging.ts';
import type { AlertListQuery } from '../../domain/list-query.ts';

export const ALERT_PAGE_SIZE = 50;

export interface AlertRow {
  id: number;
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  status: 'open' | 'acknowledged' | 'closed';
  raisedAt: Date;
  closedAt: Date | null;
  /** how many times the rule fired on this open alert (the ingest counts repeats on one alert) */
  count: number;
  market: { id: number; name: string; nameEn: string };
  scale: { id: number; serial: string } | null;
  merchant: { id: number; shopName: string } | null;
}

export type AlertList = ListPage<AlertRow>;

function countOf(detail: Prisma.JsonValue | null): number {
  const count = detail && typeof detail === 'object' && !Array.isArray(detail) ? detail['count'] : undefined;
  return typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 1;
}

export async function listAlerts(db: Db, scope: Scope, query: AlertListQuery): Promise<AlertList> {
  const where: Prisma.AlertWhereInput = {
    market: marketWhere(scope),
    ...(query.status !== 'all' ? { status: query.status } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
  };
  const total = await db.alert.count({ where });
  const window = pageWindow(total, query.page, ALERT_PAGE_SIZE);
  const rows = await db.alert.findMany({
    where,
    orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      rule: true,
      severity: true,
      status: true,
      raisedAt: true,
      closedAt: true,
      detail: true,
      market: { select: { id: true, name: true, nameEn: true } },
      scale: { select: { id: true, serial: true } },
      merchant: { select: { id: true, shopName: true } },
    },
  });
  return {
    rows: rows.map(({ detail, ...row }) => ({ ...row, count: countOf(detail) })),
    total,
    page: window.page,
    pages: window.pages,
    pageSize: ALERT_PAGE_SIZE,
  };
}
