// Shoppers' complaints a regulator may see, newest first, a page at a time. Scoped by the
// complaint's market; `open` means still waiting for a decision, as the overview counts them.
import type { Db } from '../client.ts';
import type { Prisma } from '../generated/client.ts';
import { marketWhere, type Scope } from '../scope.ts';
import type { ComplaintListQuery } from '../../domain/list-query.ts';
import { pageWindow, type ListPage } from '../../domain/paging.ts';
import { OPEN_COMPLAINT_STATUSES } from '../../domain/supervision.ts';

export const COMPLAINT_PAGE_SIZE = 50;

export interface ComplaintRow {
  id: number;
  reference: string;
  kind: 'short_weight' | 'overcharge' | 'quality' | 'other';
  status: 'submitted' | 'accepted' | 'investigating' | 'upheld' | 'dismissed' | 'closed';
  filedAt: Date;
  dueAt: Date;
  decidedAt: Date | null;
  refundFen: number | null;
  compensationFen: number | null;
  /** still open past its deadline */
  overdue: boolean;
  market: { id: number; name: string; nameEn: string };
  merchant: { id: number; shopName: string } | null;
}

export type ComplaintList = ListPage<ComplaintRow>;

const OPEN: readonly string[] = OPEN_COMPLAINT_STATUSES;

export async function listComplaints(db: Db, scope: Scope, query: ComplaintListQuery, now: Date = new Date()): Promise<ComplaintList> {
  const status: Prisma.ComplaintWhereInput =
    query.status === 'all' ? {} : query.status === 'open' ? { status: { in: [...OPEN_COMPLAINT_STATUSES] } } : { status: query.status };
  const where: Prisma.ComplaintWhereInput = { market: marketWhere(scope), ...status };
  const total = await db.complaint.count({ where });
  const window = pageWindow(total, query.page, COMPLAINT_PAGE_SIZE);
  const rows = await db.complaint.findMany({
    where,
    orderBy: [{ filedAt: 'desc' }, { id: 'desc' }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      reference: true,
      kind: true,
      status: true,
      filedAt: true,
      dueAt: true,
      decidedAt: true,
      refundFen: true,
      compensationFen: true,
      market: { select: { id: true, name: true, nameEn: true } },
      merchant: { select: { id: true, shopName: true } },
    },
  });
  return {
    rows: rows.map((row) => ({ ...row, overdue: OPEN.includes(row.status) && row.dueAt < now })),
    total,
    page: window.page,
    pages: window.pages,
    pageSize: COMPLAINT_PAGE_SIZE,
  };
}
