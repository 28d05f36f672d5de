import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/filter-form.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { marketsInScope } from '@/lib/db/queries/places.ts';
import { listScaleRanking } from '@/lib/db/queries/scale-ranking.ts';
import { DEFAULT_PERIOD, rankingSearch, SCALE_SORTS, scaleRankingQuery, type ScaleRankingQuery } from '@/lib/domain/ranking-query.ts';
import { VERIFICATION_STATUSES } from '@/lib/domain/supervision.ts';
import { count, date, percent } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { placeFields } from '../../_components/ranking-filters.ts';
import { OnlineDot, StatusBadge } from '../../_components/status-badge.tsx';
import { localName, today } from '../../_components/view.ts';
import { RankingTable, RankingWindowBar } from '../../_components/ranking-table.tsx';
import { PagePager } from '../../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('scores.scales.title') };
}

const PATH = '/regulator/rankings/scales';

function search(query: ScaleRankingQuery, page?: number): string {
  return rankingSearch(
    { period: query.period, district: query.district, market: query.market, status: query.status, sort: query.sort, page },
    { page: 1, period: DEFAULT_PERIOD, sort: 'pass_rate' },
  );
}

export default async function ScaleRankingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = scaleRankingQuery.parse(await searchParams);
  const [list, markets] = await Promise.all([listScaleRanking(db(), user.scope, { today: today(), ...query }), marketsInScope(db(), user.scope)]);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t('scores.scales.title')}</h1>
          <p className="text-sm text-stone-600">{t('scores.scales.intro')}</p>
        </div>
        <p className="text-sm text-stone-600" data-testid="ranking-count">{t('scores.scales.count', { count: count(list.total, locale) })}</p>
      </header>
      <FilterForm
        testId="ranking-filter"
        submitLabel={t('scores.filter.apply')}
        fields={[
          ...placeFields(markets, query, locale, t),
          {
            name: 'status',
            label: t('scores.filter.status'),
            value: query.status ?? '',
            options: [
              { value: '', label: t('scores.filter.all') },
              ...VERIFICATION_STATUSES.map((status) => ({ value: status, label: `${t(`regulator.status.${status}`)} ${count(list.tally[status], locale)}` })),
            ],
          },
          { name: 'sort', label: t('scores.filter.sort'), value: query.sort, options: SCALE_SORTS.map((sort) => ({ value: sort, label: t(`scores.sort.${sort}`) })) },
        ]}
      />
      <RankingWindowBar
        window={`${t('scores.period.days', { days: query.period })} · ${date(list.window.from, locale)} – ${date(list.window.to, locale)}`}
        csvHref={`${PATH}/csv${search(query)}`}
        csvLabel={t('scores.csv.download', { count: count(list.total, locale) })}
      />
      <RankingTable
        t={t}
        testId="scale-ranking-table"
        rows={list.rows}
        columns={[
          {
            key: 'serial',
            header: t('scores.col.serial'),
            cell: (row) => <Link href={`/regulator/scales/${row.id}`} className="font-mono text-sun-700 hover:underline" data-testid="scale-link" data-scale-id={row.id}>{row.serial}</Link>,
          },
          { key: 'market', header: t('scores.col.market'), cell: (row) => <Link href={`/regulator/markets/${row.market.id}`} className="hover:underline">{localName(locale, row.market)}</Link> },
          { key: 'stall', header: t('scores.col.stall'), cell: (row) => <span className="tabular-nums">{row.stall?.code ?? ''}</span> },
          {
            key: 'merchant',
            header: t('scores.col.merchant'),
            cell: (row) => (row.merchant ? <Link href={`/regulator/merchants/${row.merchant.id}`} className="hover:underline">{row.merchant.shopName}</Link> : ''),
          },
          { key: 'status', header: t('scores.col.status'), cell: (row) => <StatusBadge status={row.status} t={t} /> },
          {
            key: 'passRate',
            header: t('scores.col.passRate'),
            align: 'right',
            cell: (row) => (
              <span className={row.checks.failed > 0 ? 'font-semibold text-red-700' : ''} data-testid="row-pass-rate">
                {row.checks.ratio === null ? t('scores.scale.noChecks') : percent(row.checks.ratio, locale)}
              </span>
            ),
          },
          { key: 'checks', header: t('scores.col.checkCount'), align: 'right', cell: (row) => `${count(row.checks.checks, locale)} (${count(row.checks.failed, locale)})` },
          { key: 'weighings', header: t('scores.col.weighings'), align: 'right', cell: (row) => count(row.weighings, locale) },
          {
            key: 'findings',
            header: t('scores.col.findingsPerMille'),
            align: 'right',
            cell: (row) => (row.findingsPerMille === null ? '—' : row.findingsPerMille.toFixed(1)),
          },
          {
            key: 'alerts',
            header: t('scores.col.openAlerts'),
            align: 'right',
            cell: (row) => <span className={row.openAlerts > 0 ? 'font-semibold text-amber-700' : ''}>{count(row.openAlerts, locale)}</span>,
          },
          { key: 'online', header: t('regulator.col.online'), cell: (row) => <OnlineDot online={row.online} t={t} /> },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => `${PATH}${search(query, page)}`} t={t} />
    </div>
  );
}
