import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listComplaints } from '@/lib/db/queries/complaints.ts';
import { COMPLAINT_STATUS_FILTERS, complaintListQuery, type ComplaintListQuery } from '@/lib/domain/list-query.ts';
import { count, dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { searchOf } from '@/lib/domain/search-param.ts';
import { Chips } from '../_components/chips.tsx';
import { localName } from '../_components/view.ts';
import { PagePager } from '../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('scores.complaints.title') };
}

function href(query: Partial<ComplaintListQuery>): string {
  return `/regulator/complaints${searchOf({ status: query.status, page: query.page }, { status: 'open', page: 1 })}`;
}

export default async function ComplaintsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = complaintListQuery.parse(await searchParams);
  const list = await listComplaints(db(), user.scope, query);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('scores.complaints.title')}</h1>
        <p className="text-sm text-stone-600" data-testid="complaint-count">{t('scores.complaints.count', { count: count(list.total, locale) })}</p>
      </header>
      <Chips
        label={t('scores.col.complaintStatus')}
        testId="complaint-status-filter"
        items={COMPLAINT_STATUS_FILTERS.map((status) => ({ href: href({ status }), text: t(`scores.complaintStatus.${status}`), active: query.status === status }))}
      />
      <DataTable
        testId="complaint-table"
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={t('common.none')}
        columns={[
          { key: 'reference', header: t('scores.col.reference'), cell: (row) => <span className="font-mono">{row.reference}</span> },
          { key: 'filedAt', header: t('scores.col.filedAt'), cell: (row) => <span className="whitespace-nowrap tabular-nums">{dateTime(row.filedAt, locale)}</span> },
          { key: 'kind', header: t('scores.col.complaintKind'), cell: (row) => t(`scores.complaintKind.${row.kind}`) },
          {
            key: 'status',
            header: t('scores.col.complaintStatus'),
            cell: (row) => (
              <span className="flex flex-wrap gap-1">
                <span>{t(`scores.complaintStatus.${row.status}`)}</span>
                {row.overdue && <Badge tone="red">{t('scores.complaints.overdue')}</Badge>}
              </span>
            ),
          },
          { key: 'dueAt', header: t('scores.col.dueAt'), cell: (row) => <span className="whitespace-nowrap tabular-nums">{dateTime(row.dueAt, locale)}</span> },
          { key: 'market', header: t('scores.col.market'), cell: (row) => <Link href={`/regulator/markets/${row.market.id}`} className="hover:underline">{localName(locale, row.market)}</Link> },
          {
            key: 'merchant',
            header: t('scores.col.merchant'),
            cell: (row) => (row.merchant ? <Link href={`/regulator/merchants/${row.merchant.id}`} className="hover:underline">{row.merchant.shopName}</Link> : ''),
          },
          {
            key: 'outcome',
            header: t('scores.col.outcome'),
            align: 'right',
            cell: (row) => (row.refundFen === null ? '' : `${money(row.refundFen)} + ${money(row.compensationFen ?? 0)}`),
          },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => href({ ...query, page })} t={t} />
    </div>
  );
}
