import type { Metadata } from 'next';
import Link from 'next/link';
import { CardBadge } from '@/components/card-badge.tsx';
import { FilterForm } from '@/components/filter-form.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listMerchantRanking } from '@/lib/db/queries/merchant-ranking.ts';
import { marketsInScope } from '@/lib/db/queries/places.ts';
import { priceFindingsPerMille } from '@/lib/domain/accuracy-score.ts';
import { CARD_FILTERS, merchantRankingQuery, rankingSearch, type MerchantRankingQuery } from '@/lib/domain/ranking-query.ts';
import { count, date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { cardLabel, reasonText, trendText } from '@/lib/i18n/score-labels.ts';
import { placeFields } from '../../_components/ranking-filters.ts';
import { localName, today } from '../../_components/view.ts';
import { RankingTable, RankingWindowBar } from '../../_components/ranking-table.tsx';
import { PagePager } from '../../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('scores.merchants.title') };
}

const PATH = '/regulator/rankings/merchants';

function search(query: MerchantRankingQuery, page?: number): string {
  return rankingSearch({ period: query.period, district: query.district, market: query.market, card: query.card, page });
}

export default async function MerchantRankingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = merchantRankingQuery.parse(await searchParams);
  const [list, markets] = await Promise.all([listMerchantRanking(db(), user.scope, { today: today(), ...query }), marketsInScope(db(), user.scope)]);
  const { current, previous } = list.windows;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t('scores.merchants.title')}</h1>
          <p className="text-sm text-stone-600">{t('scores.merchants.intro')}</p>
        </div>
        <p className="text-sm text-stone-600" data-testid="ranking-count">
          {t('scores.merchants.count', { count: count(list.total, locale), red: count(list.cards.red, locale), yellow: count(list.cards.yellow, locale) })}
        </p>
      </header>
      <FilterForm
        testId="ranking-filter"
        submitLabel={t('scores.filter.apply')}
        fields={[
          ...placeFields(markets, query, locale, t),
          {
            name: 'card',
            label: t('scores.filter.card'),
            value: query.card ?? '',
            options: [{ value: '', label: t('scores.filter.all') }, ...CARD_FILTERS.map((card) => ({ value: card, label: t(`scores.card.${card}`) }))],
          },
        ]}
      />
      <RankingWindowBar
        window={t('scores.window', { from: date(current.from, locale), to: date(current.to, locale), previousFrom: date(previous.from, locale), previousTo: date(previous.to, locale) })}
        csvHref={`${PATH}/csv${search(query)}`}
        csvLabel={t('scores.csv.download', { count: count(list.total, locale) })}
      />
      <RankingTable
        t={t}
        testId="merchant-ranking-table"
        rows={list.rows}
        columns={[
          {
            key: 'merchant',
            header: t('scores.col.merchant'),
            cell: (row) => (
              <Link href={`/regulator/merchants/${row.id}${rankingSearch({ period: query.period })}`} className="font-medium text-sun-700 hover:underline" data-testid="merchant-link" data-merchant-id={row.id}>
                {row.shopName}
              </Link>
            ),
          },
          { key: 'market', header: t('scores.col.market'), cell: (row) => <Link href={`/regulator/markets/${row.market.id}`} className="hover:underline">{localName(locale, row.market)}</Link> },
          { key: 'district', header: t('scores.col.district'), cell: (row) => localName(locale, row.district) },
          {
            key: 'score',
            header: t('scores.col.score'),
            align: 'right',
            cell: (row) => <span className="font-semibold" data-testid="row-score">{row.score === null ? t('scores.score.none') : row.score}</span>,
          },
          { key: 'trend', header: t('scores.col.trend'), cell: (row) => <span className="whitespace-nowrap text-stone-600">{trendText(t, row.trend)}</span> },
          { key: 'card', header: t('scores.col.card'), cell: (row) => <CardBadge card={row.card} label={cardLabel(t, row.card)} testId="row-card" /> },
          {
            key: 'reasons',
            header: t('scores.col.reasons'),
            cell: (row) => <span className="text-xs text-stone-600">{row.reasons.map((reason) => reasonText(t, reason)).join('；')}</span>,
          },
          { key: 'weighings', header: t('scores.col.weighings'), align: 'right', cell: (row) => count(row.trade.weighings, locale) },
          {
            key: 'price',
            header: t('scores.col.priceFindings'),
            align: 'right',
            cell: (row) => {
              const perMille = priceFindingsPerMille(row.evidence);
              return row.evidence.priceFindings === 0 ? '0' : `${count(row.evidence.priceFindings, locale)} (${perMille === null ? '—' : perMille.toFixed(1)}‰)`;
            },
          },
          { key: 'checks', header: t('scores.col.checks'), align: 'right', cell: (row) => `${row.evidence.inspectionsFailed} / ${row.evidence.reweighsFailed}` },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => `${PATH}${search(query, page)}`} t={t} />
    </div>
  );
}
