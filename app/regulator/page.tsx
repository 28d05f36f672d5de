import type { Metadata } from 'next';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { getOverview, INSPECTION_WINDOW_DAYS } from '@/lib/db/queries/overview.ts';
import { date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { DailyChart } from './_components/daily-chart.tsx';
import { DistrictTable } from './_components/district-table.tsx';
import { ExpiryReminder } from './_components/expiry-reminder.tsx';
import { FigureCards } from './_components/figure-cards.tsx';
import { InspectionCard } from './_components/inspection-card.tsx';
import { MarketTable } from './_components/market-table.tsx';
import { localName, today } from './_components/view.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('regulator.overview.title') };
}

export default async function RegulatorOverviewPage() {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const day = today();
  const overview = await getOverview(db(), user.scope, day);
  const scopeName = overview.scopeName ? localName(locale, overview.scopeName) : '';
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t('regulator.overview.title')}</h1>
          <p className="text-sm text-stone-600" data-testid="scope-name">{t(`regulator.scope.${user.scope.kind}`, { name: scopeName })}</p>
        </div>
        <p className="text-sm text-stone-500">{t('regulator.today', { day: date(day, locale) })}</p>
      </header>
      <ExpiryReminder tally={overview.totals.tally} locale={locale} t={t} />
      <FigureCards
        figures={overview.totals}
        markets={overview.totals.markets}
        locale={locale}
        t={t}
        scalesHref={(status) => (status ? `/regulator/scales?status=${status}` : '/regulator/scales')}
        links={{ online: '/regulator/scales?online=1', coverage: '/regulator/coverage', openAlerts: '/regulator/alerts', openComplaints: '/regulator/complaints' }}
        extra={<InspectionCard tally={overview.inspections} days={INSPECTION_WINDOW_DAYS} href="/regulator/rankings/scales" locale={locale} t={t} />}
      />
      <DailyChart daily={overview.daily} label={t('regulator.overview.trend')} locale={locale} t={t} />
      {user.scope.kind === 'city' && <DistrictTable districts={overview.districts} locale={locale} t={t} caption={t('scores.overview.districts')} />}
      <MarketTable markets={overview.markets} locale={locale} t={t} caption={t('regulator.markets.caption')} />
    </div>
  );
}
