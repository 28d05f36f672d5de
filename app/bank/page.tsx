import type { Metadata } from 'next';
import Link from 'next/link';
import { BarChart } from '@/components/bar-chart.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { StatCard } from '@/components/stat-card.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { programmeOverview } from '@/lib/db/queries/programme.ts';
import { businessDay, dateAsDay } from '@/lib/domain/business-day.ts';
import { count, date, money, percent } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bank.overview.title') };
}

export default async function BankOverviewPage() {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const overview = await programmeOverview(db(), user.scope, businessDay(new Date()));
  const { programme, totals } = overview;
  const zh = locale === 'zh-CN';
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="programme">
        <h1 className="text-xl font-semibold" data-testid="programme-name">
          {programme ? (zh ? programme.name : programme.nameEn) : t('bank.overview.title')}
        </h1>
        {programme ? (
          <p className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-600">
            <span data-testid="programme-bank">{t('bank.programme.bank', { bank: zh ? programme.bankName : programme.bankNameEn })}</span>
            <span data-testid="programme-start">{t('bank.programme.started', { date: date(dateAsDay(programme.startedOn), locale) })}</span>
            <span>{t('bank.programme.fee', { rate: percent(programme.feeBasisPoints / 10_000, locale, 2) })}</span>
          </p>
        ) : (
          <p className="mt-1 text-sm text-stone-600" data-testid="programme-none">{t('bank.programme.none')}</p>
        )}
        <p className="mt-2 text-xs text-stone-500" data-testid="bank-window">
          {t('bank.window', { from: date(overview.window.from, locale), to: date(overview.window.to, locale) })}
        </p>
      </section>

      <section className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label={t('bank.stat.scales')}
          value={count(overview.scalesDeployed, locale)}
          hint={t('bank.stat.scalesHint', { online: count(overview.scalesOnline, locale) })}
          testId="stat-scales-deployed"
        />
        <StatCard
          label={t('bank.stat.merchants')}
          value={`${count(overview.merchantsEnrolled, locale)} / ${count(overview.merchantsTotal, locale)}`}
          hint={t('bank.stat.merchantsHint', { rate: percent(ratio(overview.merchantsEnrolled, overview.merchantsTotal), locale) })}
          testId="stat-merchants-enrolled"
        />
        <StatCard label={t('bank.stat.gross')} value={money(totals.grossFen)} testId="stat-gross" />
        <StatCard label={t('bank.stat.fee')} value={money(totals.feeFen)} testId="stat-fee" />
        <StatCard label={t('bank.stat.net')} value={money(totals.netFen)} testId="stat-net" />
        <StatCard
          label={t('bank.stat.payments')}
          value={count(totals.paymentCount, locale)}
          hint={t('bank.stat.paymentsHint', { count: count(totals.settlements, locale) })}
          testId="stat-payments"
        />
        <StatCard
          label={t('bank.stat.pending')}
          value={count(overview.pendingCount, locale)}
          hint={t('bank.stat.pendingHint')}
          href="/bank/settlements?status=pending"
          tone={overview.pendingCount > 0n ? 'warn' : 'default'}
          testId="stat-pending"
        />
        <StatCard
          label={t('bank.stat.mismatch')}
          value={count(overview.mismatchCount, locale)}
          hint={t('bank.stat.mismatchHint')}
          href="/bank/settlements?status=mismatch"
          tone={overview.mismatchCount > 0n ? 'bad' : 'good'}
          testId="stat-mismatches"
        />
      </section>

      <BarChart
        label={t('bank.chart.dailyGross')}
        testId="chart-daily-gross"
        data={overview.daily.map((d) => ({
          label: d.day.slice(5),
          // display only: yuan as a float for the bar height
          value: Number(d.grossFen) / 100,
          title: t('bank.chart.barTitle', { day: date(d.day, locale), amount: money(d.grossFen), count: count(d.paymentCount, locale) }),
        }))}
      />

      <section>
        <h2 className="mb-2 text-lg font-semibold">{t('bank.markets.title')}</h2>
        <DataTable
          testId="market-table"
          rows={overview.markets}
          rowKey={(row) => row.id}
          empty={t('bank.markets.empty')}
          columns={[
            {
              key: 'market',
              header: t('bank.markets.market'),
              cell: (row) => <Link href={`/bank/merchants?market=${row.id}`} className="font-medium text-sun-700 underline">{zh ? row.name : row.nameEn}</Link>,
            },
            { key: 'district', header: t('bank.markets.district'), cell: (row) => (zh ? row.district.name : row.district.nameEn) },
            {
              key: 'enrolled',
              header: t('bank.markets.enrolled'),
              align: 'right',
              cell: (row) => t('bank.markets.enrolledValue', { enrolled: count(row.merchantsEnrolled, locale), total: count(row.merchantsTotal, locale) }),
            },
            { key: 'rate', header: t('bank.markets.rate'), align: 'right', cell: (row) => percent(ratio(row.merchantsEnrolled, row.merchantsTotal), locale) },
            { key: 'payments', header: t('bank.markets.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
            { key: 'gross', header: t('bank.markets.gross'), align: 'right', cell: (row) => money(row.grossFen) },
          ]}
        />
      </section>
    </div>
  );
}
