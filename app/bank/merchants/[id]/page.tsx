// One merchant of the programme for the bank: who it is, and its settlements month by month
// (?month=YYYY-MM, this month by default) with payout status, reference and date. A merchant
// outside the programme is not found (the bank's scope).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/badge.tsx';
import { FactList } from '@/components/fact-list.tsx';
import { ResponsiveTable } from '@/components/responsive-table.tsx';
import { settlementTone } from '@/components/status-tones.ts';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { programmeMerchant } from '@/lib/db/queries/bank-merchants.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { addDays, businessDay } from '@/lib/domain/business-day.ts';
import { firstParam } from '@/lib/domain/search-param.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankMerchants.title') };
}

/** The month asked for, or this one; its first and last day. */
function monthOf(asked: string | undefined, today: string): { month: string; from: string; to: string } {
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : today.slice(0, 7);
  const from = `${month}-01`;
  const next = addDays(from, 32).slice(0, 7);
  return { month, from, to: addDays(`${next}-01`, -1) };
}

export default async function BankMerchantPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const { month, from, to } = monthOf(firstParam((await searchParams).month), businessDay(new Date()));
  const [merchant, settled] = await Promise.all([programmeMerchant(db(), user.scope, id), merchantSettlements(db(), user.scope, id, { from, to })]);
  if (!merchant || !settled) notFound();
  const zh = locale === 'zh-CN';
  const rows = settled.settlements;
  const gross = rows.reduce((sum, row) => sum + row.grossFen, 0);
  const net = rows.reduce((sum, row) => sum + row.netFen, 0);
  const monthLink = (target: string) => `/bank/merchants/${id}?month=${target}`;

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
      <section aria-labelledby="settlements-title" className="space-y-3">
        <h2 id="settlements-title" className="text-lg font-semibold">{t('bankMerchants.detail.settlements', { month })}</h2>
        <nav className="flex flex-wrap items-end gap-2 text-sm" aria-label={t('bankMerchants.detail.month')}>
          <Link href={monthLink(addDays(`${from}`, -1).slice(0, 7))} className="rounded border border-stone-300 bg-white px-3 py-1">{t('bankMerchants.detail.prevMonth')}</Link>
          <Link href={monthLink(addDays(to, 1).slice(0, 7))} className="rounded border border-stone-300 bg-white px-3 py-1">{t('bankMerchants.detail.nextMonth')}</Link>
          <form method="get" className="flex items-end gap-2">
            <label className="flex flex-col gap-1">
              <span className="text-stone-600">{t('bankMerchants.detail.month')}</span>
              <input type="month" name="month" defaultValue={month} className="rounded border border-stone-300 px-2 py-1" />
            </label>
            <button type="submit" className="rounded-md bg-sun-700 px-3 py-1 font-medium text-white hover:bg-amber-800">{t('bankMerchants.detail.show')}</button>
          </form>
        </nav>
        <p className="text-sm text-stone-700" data-testid="month-totals">
          {t('bankMerchants.detail.totals', { count: count(rows.length, locale), gross: money(gross), net: money(net) })}
        </p>
        <ResponsiveTable
          testId="merchant-settlements"
          label={t('bankMerchants.detail.settlements', { month })}
          rows={rows}
          rowKey={(row) => row.id}
          empty={t('bankMerchants.detail.none')}
          columns={[
            { key: 'day', header: t('bank.col.day'), cell: (row) => <span className="whitespace-nowrap">{date(row.day, locale)}</span> },
            { key: 'payments', header: t('bank.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
            { key: 'gross', header: t('bank.col.gross'), align: 'right', cell: (row) => money(row.grossFen) },
            { key: 'fee', header: t('bank.col.fee'), align: 'right', cell: (row) => money(row.feeFen) },
            { key: 'net', header: t('bank.col.net'), align: 'right', cell: (row) => money(row.netFen) },
            { key: 'weighed', header: t('bank.col.weighed'), align: 'right', cell: (row) => money(row.weighedFen) },
            { key: 'difference', header: t('bank.col.difference'), align: 'right', cell: (row) => money(row.differenceFen) },
            { key: 'status', header: t('bank.col.status'), cell: (row) => <Badge tone={settlementTone(row.status)}>{t(`bank.status.${row.status}`)}</Badge> },
            { key: 'paid', header: t('bankMerchants.col.paid'), cell: (row) => (row.paidAt ? <span>{dateTime(row.paidAt, locale)}{row.bankRef ? <span className="block break-all font-mono text-xs text-stone-500">{row.bankRef}</span> : null}</span> : '—') },
          ]}
        />
      </section>
    </div>
  );
}
