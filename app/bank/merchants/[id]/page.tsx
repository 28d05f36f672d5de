// One merchant of the programme for the bank: who it is, and its settlements month by month
// (?month=YYYY-MM, this month by default) with payout status, reference and date. A merchant
// outside the programme is not found (the bank's scope).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FactList } from '@/components/fact-list.tsx';
import { SettlementMonth } from '@/components/settlement-month.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { programmeMerchant } from '@/lib/db/queries/bank-merchants.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { monthQuery, monthRange } from '@/lib/domain/settlement-month.ts';
import { date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankMerchants.title') };
}

export default async function BankMerchantPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const parsed = recordId.safeParse((await params).id);
  if (!parsed.success) notFound();
  const id = parsed.data;
  const range = monthRange(monthQuery.parse(await searchParams).month, businessDay(new Date()));
  const [merchant, settled] = await Promise.all([programmeMerchant(db(), user.scope, id), merchantSettlements(db(), user.scope, id, range)]);
  if (!merchant || !settled) notFound();
  const zh = locale === 'zh-CN';

  return (
    <div className="space-y-5">
      <Link href="/bank/merchants" className="text-sm text-sun-700 underline">{t('bankMerchants.detail.back')}</Link>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold" data-testid="merchant-shop">{merchant.shopName}</h1>
        <FactList
          facts={[
            { label: t('bankMerchants.col.name'), value: merchant.name },
            { label: t('bankMerchants.col.license'), value: <span className="break-all font-mono text-xs">{merchant.licenseNo}</span> },
            { label: t('bankMerchants.col.market'), value: zh ? merchant.market.name : merchant.market.nameEn },
            { label: t('bankMerchants.col.enrolled'), value: merchant.enrolledOn ? date(merchant.enrolledOn, locale) : '—' },
          ]}
        />
      </header>
      <SettlementMonth detailPath="/bank/settlements" rows={settled.settlements} range={range} basePath={`/bank/merchants/${id}`} csvPath={`/bank/merchants/${id}/csv`} />
    </div>
  );
}
