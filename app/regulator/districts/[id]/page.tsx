import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { getOverview, INSPECTION_WINDOW_DAYS } from '@/lib/db/queries/overview.ts';
import { districtInScope } from '@/lib/db/queries/places.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { rankingSearch } from '@/lib/domain/ranking-query.ts';
import { date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { DailyChart } from '../../_components/daily-chart.tsx';
import { FigureCards } from '../../_components/figure-cards.tsx';
import { InspectionCard } from '../../_components/inspection-card.tsx';
import { MarketTable } from '../../_components/market-table.tsx';
import { localName, today } from '../../_components/view.ts';

type Props = { params: Promise<{ id: string }> };

/** The district as far as the user may see it (its figures from its visible markets), or 404. */
const loadDistrict = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const found = await districtInScope(db(), user.scope, id);
  if (!found) notFound();
  return { ...found, overview: await getOverview(db(), found.scope, today()) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { district } = await loadDistrict((await params).id);
  return { title: district.name };
}

export default async function DistrictPage({ params }: Props) {
  const { district, overview } = await loadDistrict((await params).id);
  const { locale, t } = await getTranslator();
  const filter = rankingSearch({ district: district.id });
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <p className="text-sm text-stone-500"><Link href="/regulator" className="hover:underline">{t('scores.district.back')}</Link></p>
          <h1 className="text-2xl font-semibold" data-testid="district-name">{localName(locale, district)}</h1>
        </div>
        <p className="flex flex-wrap gap-3 text-sm">
          <Link href={`/regulator/rankings/merchants${filter}`} className="text-sun-700 hover:underline" data-testid="district-merchant-ranking">{t('scores.merchants.title')}</Link>
          <Link href={`/regulator/rankings/scales${filter}`} className="text-sun-700 hover:underline">{t('scores.scales.title')}</Link>
          <span className="text-stone-500">{t('regulator.today', { day: date(today(), locale) })}</span>
        </p>
      </header>
      <FigureCards
        figures={overview.totals}
        markets={overview.totals.markets}
        locale={locale}
        t={t}
        extra={<InspectionCard tally={overview.inspections} days={INSPECTION_WINDOW_DAYS} href={`/regulator/rankings/scales${filter}`} locale={locale} t={t} />}
      />
      <DailyChart daily={overview.daily} label={t('regulator.overview.trend')} locale={locale} t={t} />
      <MarketTable markets={overview.markets} locale={locale} t={t} caption={t('scores.district.markets')} />
    </div>
  );
}
