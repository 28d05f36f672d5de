import type { Metadata } from 'next';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listMarketSummaries } from '@/lib/db/queries/markets.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { MarketTable } from '../_components/market-table.tsx';
import { today } from '../_components/view.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('regulator.markets.title') };
}

export default async function RegulatorMarketsPage() {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const markets = await listMarketSummaries(db(), user.scope, today());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('regulator.markets.title')}</h1>
      <MarketTable markets={markets} locale={locale} t={t} />
    </div>
  );
}
