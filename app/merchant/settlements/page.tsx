// 我的结算: the merchant's settlements month by month (?month=YYYY-MM), each day with what the bank
// received, its fee, the payout, what the scales weighed, the difference, and when and under which
// reference the payout was made; the month's CSV.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SettlementMonth } from '@/components/settlement-month.tsx';
import { db } from '@/lib/db/client.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { monthQuery, monthRange } from '@/lib/domain/settlement-month.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { requireMerchant } from '../current-merchant.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('merchant.nav.settlements') };
}

export default async function MerchantSettlementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { scope, merchantId } = await requireMerchant();
  const { t } = await getTranslator();
  const range = monthRange(monthQuery.parse(await searchParams).month, businessDay(new Date()));
  const settled = await merchantSettlements(db(), scope, merchantId, range);
  if (!settled) notFound();
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{t('merchant.nav.settlements')}</h1>
        <p className="text-sm text-stone-600">{settled.merchant.shopName}</p>
      </header>
      <SettlementMonth detailPath="/merchant/settlements" rows={settled.settlements} range={range} basePath="/merchant/settlements" csvPath="/merchant/settlements/csv" />
    </div>
  );
}
