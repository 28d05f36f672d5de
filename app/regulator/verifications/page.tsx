// The verification lifecycle: every scale in scope that needs someone to act — expiring within 30
// days, expired, failed, suspended, unverified — most urgent first, with the days left. Market
// managers land here from the reminder on their overview; inspectors plan their visits from it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect } from '@/lib/db/inspections.ts';
import { listLifecycle } from '@/lib/db/queries/verification-lifecycle.ts';
import { scaleListQuery } from '@/lib/domain/list-query.ts';
import { ATTENTION_STATUSES } from '@/lib/domain/verification-lifecycle.ts';
import type { VerificationStatus } from '@/lib/domain/verification-status.ts';
import { count, date } from '@/lib/i18n/format.ts';
import type { Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { searchOf } from '@/lib/domain/search-param.ts';
import { StatusBadge } from '../_components/status-badge.tsx';
import { localName, today } from '../_components/view.ts';
import { PagePager } from '../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('lifecycle.title') };
}

function href(status: VerificationStatus | undefined, page = 1): string {
  return `/regulator/verifications${searchOf({ status, page }, { page: 1 })}`;
}

function daysLeftText(t: Translate, days: number | null): string {
  if (days === null) return t('lifecycle.never');
  if (days < 0) return t('lifecycle.overdue', { days: -days });
  if (days === 0) return t('lifecycle.lastDay');
  return t('lifecycle.daysLeft', { days });
}

export default async function VerificationLifecyclePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = scaleListQuery.parse(await searchParams);
  // "valid" needs no one: the filter offers the statuses this list holds
  const status = query.status && query.status !== 'valid' ? query.status : undefined;
  const list = await listLifecycle(db(), user.scope, { today: today(), page: query.page, status });
  const attention = ATTENTION_STATUSES.reduce((sum, s) => sum + list.tally[s], 0);
  const inspects = canInspect(user.role);
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm ${active ? 'border-sun-600 bg-sun-600 text-white' : 'border-stone-300 bg-white hover:border-sun-400'}`;
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('lifecycle.title')}</h1>
        <p className="text-sm text-stone-600">{t('lifecycle.intro')}</p>
        <p className="text-sm text-stone-600" data-testid="lifecycle-count">{t('regulator.scales.count', { count: count(list.total, locale) })}</p>
      </header>
      <nav aria-label={t('regulator.scales.filter')} className="flex flex-wrap gap-2" data-testid="lifecycle-filter">
        <Link href={href(undefined)} className={chip(!status)} aria-current={!status ? 'page' : undefined} data-testid="lifecycle-filter-all">
          {t('lifecycle.filter.all')} {count(attention, locale)}
        </Link>
        {ATTENTION_STATUSES.map((s) => (
          <Link key={s} href={href(s)} className={chip(status === s)} aria-current={status === s ? 'page' : undefined} data-testid={`lifecycle-filter-${s}`}>
            {t(`regulator.status.${s}`)} {count(list.tally[s], locale)}
          </Link>
        ))}
      </nav>
      <DataTable
        testId="lifecycle-table"
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={t('lifecycle.empty')}
        columns={[
          {
            key: 'serial',
            header: t('regulator.col.serial'),
            cell: (row) => <Link href={`/regulator/scales/${row.id}`} className="font-mono text-sun-700 hover:underline" data-testid="lifecycle-scale">{row.serial}</Link>,
          },
          { key: 'status', header: t('regulator.col.status'), cell: (row) => <StatusBadge status={row.status} t={t} testId="lifecycle-status" /> },
          {
            key: 'days',
            header: t('lifecycle.col.daysLeft'),
            align: 'right',
            cell: (row) => (
              <span className={`tabular-nums ${row.daysLeft !== null && row.daysLeft < 0 ? 'font-semibold text-red-700' : ''}`} data-testid="lifecycle-days" data-days={row.daysLeft ?? ''}>
                {daysLeftText(t, row.daysLeft)}
              </span>
            ),
          },
          { key: 'expires', header: t('regulator.col.expiresOn'), cell: (row) => <span className="tabular-nums">{row.expiresOn ? date(row.expiresOn, locale) : '—'}</span> },
          { key: 'certificate', header: t('regulator.col.certificateNo'), cell: (row) => <span className="font-mono text-xs">{row.certificateNo ?? '—'}</span> },
          { key: 'market', header: t('regulator.col.market'), cell: (row) => localName(locale, row.market) },
          {
            key: 'stall',
            header: t('regulator.col.stall'),
            cell: (row) => (row.stall ? <span className="tabular-nums">{row.stall} {row.shopName ?? ''}</span> : <span className="text-stone-500">{t(`regulator.purpose.${row.purpose}`)}</span>),
          },
          ...(inspects ? [{
            key: 'act',
            header: '',
            cell: (row: (typeof list.rows)[number]) => (
              <Link href={`/regulator/inspect/${row.id}`} className="whitespace-nowrap text-sun-700 hover:underline">{t('lifecycle.inspect')}</Link>
            ),
          }] : []),
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => href(status, page)} t={t} />
    </div>
  );
}
