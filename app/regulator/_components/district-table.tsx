import Link from 'next/link';
import { DataTable } from '@/components/data-table.tsx';
import type { DistrictSummary } from '@/lib/db/queries/overview.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { count, percent } from '@/lib/i18n/format.ts';
import { localName } from './view.ts';

/** The city's districts with their figures; each district opens its own view (the drill-down's first step). */
export function DistrictTable({ districts, locale, t, caption }: { districts: DistrictSummary[]; locale: Locale; t: Translate; caption?: string }) {
  const n = (value: number) => count(value, locale);
  return (
    <DataTable
      testId="district-table"
      caption={caption}
      rows={districts}
      rowKey={(district) => district.id}
      empty={t('common.none')}
      columns={[
        {
          key: 'district',
          header: t('scores.col.district'),
          cell: (district) => (
            <Link href={`/regulator/districts/${district.id}`} className="font-medium text-sun-700 hover:underline" data-testid="district-link">
              {localName(locale, district)}
            </Link>
          ),
        },
        { key: 'markets', header: t('scores.col.markets'), align: 'right', cell: (district) => n(district.markets) },
        { key: 'stalls', header: t('regulator.col.stalls'), align: 'right', cell: (district) => n(district.stalls) },
        { key: 'scales', header: t('regulator.col.scales'), align: 'right', cell: (district) => n(district.scales) },
        { key: 'online', header: t('regulator.col.online'), align: 'right', cell: (district) => n(district.online) },
        {
          key: 'coverage',
          header: t('regulator.col.coverage'),
          align: 'right',
          cell: (district) => (district.coverage.ratio === null ? t('regulator.stat.notApplicable') : percent(district.coverage.ratio, locale)),
        },
        { key: 'expired', header: t('regulator.stat.expired'), align: 'right', cell: (district) => n(district.tally.expired) },
        {
          key: 'alerts',
          header: t('regulator.col.openAlerts'),
          align: 'right',
          cell: (district) => <span className={district.openAlerts > 0 ? 'font-semibold text-amber-700' : ''}>{n(district.openAlerts)}</span>,
        },
        { key: 'complaints', header: t('regulator.stat.openComplaints'), align: 'right', cell: (district) => n(district.openComplaints) },
      ]}
    />
  );
}
