import Link from 'next/link';
import { DataTable } from '@/components/data-table.tsx';
import type { MarketSummary } from '@/lib/db/queries/markets.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { count, money, percent } from '@/lib/i18n/format.ts';
import { localName } from './view.ts';

export function MarketTable({ markets, locale, t, caption }: { markets: MarketSummary[]; locale: Locale; t: Translate; caption?: string }) {
  const n = (value: number) => count(value, locale);
  return (
    <DataTable
      testId="market-table"
      caption={caption}
      rows={markets}
      rowKey={(market) => market.id}
      empty={t('common.none')}
      columns={[
        {
          key: 'market',
          header: t('regulator.col.market'),
          cell: (market) => (
            <Link href={`/regulator/markets/${market.id}`} className="font-medium text-sun-700 hover:underline" data-testid="market-link">
              {localName(locale, market)}
            </Link>
          ),
        },
        { key: 'code', header: t('regulator.col.code'), cell: (market) => <span className="text-stone-500 tabular-nums">{market.code}</span> },
        { key: 'district', header: t('regulator.col.district'), cell: (market) => localName(locale, market.district) },
        { key: 'stalls', header: t('regulator.col.stalls'), align: 'right', cell: (market) => n(market.stalls) },
        { key: 'scales', header: t('regulator.col.scales'), align: 'right', cell: (market) => n(market.scales) },
        { key: 'online', header: t('regulator.col.online'), align: 'right', cell: (market) => n(market.online) },
        {
          key: 'coverage',
          header: t('regulator.col.coverage'),
          align: 'right',
          cell: (market) => (market.coverage.ratio === null ? t('regulator.stat.notApplicable') : percent(market.coverage.ratio, locale)),
        },
        { key: 'weighings', header: t('regulator.col.weighings30'), align: 'right', cell: (market) => n(market.weighings) },
        { key: 'turnover', header: t('regulator.col.turnover30'), align: 'right', cell: (market) => money(market.turnoverFen) },
        {
          key: 'alerts',
          header: t('regulator.col.openAlerts'),
          align: 'right',
          cell: (market) => <span className={market.openAlerts > 0 ? 'font-semibold text-amber-700' : ''}>{n(market.openAlerts)}</span>,
        },
      ]}
    />
  );
}
