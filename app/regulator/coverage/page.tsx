import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listUncoveredStalls } from '@/lib/db/queries/coverage.ts';
import { pageQuery } from '@/lib/domain/list-query.ts';
import { CONNECTED_WITHIN_HOURS } from '@/lib/domain/supervision.ts';
import { count, percent } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { StatusBadge } from '../_components/status-badge.tsx';
import { localName, today } from '../_components/view.ts';
import { PagePager } from '../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('scores.coverage.title') };
}

const href = (page: number) => (page > 1 ? `/regulator/coverage?page=${page}` : '/regulator/coverage');

export default async function CoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const { page } = pageQuery.parse(await searchParams);
  const list = await listUncoveredStalls(db(), user.scope, { today: today(), page });
  const { coverage } = list;
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('scores.coverage.title')}</h1>
        <p className="text-sm text-stone-700" data-testid="coverage-summary">
          {t('scores.coverage.summary', {
            percent: coverage.ratio === null ? t('regulator.stat.notApplicable') : percent(coverage.ratio, locale),
            covered: count(coverage.covered, locale),
            occupied: count(coverage.occupied, locale),
            count: count(list.total, locale),
          })}
        </p>
        <p className="text-xs text-stone-500">{t('scores.coverage.rule', { hours: CONNECTED_WITHIN_HOURS })}</p>
      </header>
      <DataTable
        testId="uncovered-table"
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={t('common.none')}
        columns={[
          { key: 'market', header: t('scores.col.market'), cell: (row) => <Link href={`/regulator/markets/${row.market.id}`} className="hover:underline">{localName(locale, row.market)}</Link> },
          { key: 'stall', header: t('scores.col.stall'), cell: (row) => <span className="tabular-nums">{row.code}</span> },
          { key: 'merchant', header: t('scores.col.merchant'), cell: (row) => <Link href={`/regulator/merchants/${row.merchant.id}`} className="hover:underline">{row.merchant.shopName}</Link> },
          {
            key: 'reasons',
            header: t('scores.col.uncovered'),
            cell: (row) => (
              <span className="flex flex-wrap gap-1" data-testid="uncovered-reasons">
                {row.reasons.map((reason) => <Badge key={reason} tone={reason === 'not_connected' ? 'amber' : 'red'}>{t(`scores.uncovered.${reason}`)}</Badge>)}
              </span>
            ),
          },
          {
            key: 'scales',
            header: t('scores.col.scales'),
            cell: (row) => (
              <ul className="space-y-1">
                {row.scales.map((scale) => (
                  <li key={scale.id} className="flex flex-wrap items-center gap-2">
                    <Link href={`/regulator/scales/${scale.id}`} className="font-mono text-sun-700 hover:underline">{scale.serial}</Link>
                    <StatusBadge status={scale.status} t={t} />
                    {!scale.connected && <Badge tone="amber">{t('scores.uncovered.not_connected')}</Badge>}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={href} t={t} />
    </div>
  );
}
