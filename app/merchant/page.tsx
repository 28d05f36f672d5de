import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/badge.tsx';
import { BarChart } from '@/components/bar-chart.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { ScorePanel } from '@/components/score-panel.tsx';
import { StatCard } from '@/components/stat-card.tsx';
import { settlementTone } from '@/components/status-tones.ts';
import { db } from '@/lib/db/client.ts';
import { getMerchantScore } from '@/lib/db/queries/merchant-score.ts';
import { merchantToday } from '@/lib/db/queries/merchant-today.ts';
import { etagOfJson } from '@/lib/http/api.ts';
import { merchantInScope, recentSettlements } from '@/lib/db/queries/settlements.ts';
import { merchantDays } from '@/lib/db/queries/weighings.ts';
import { addDays, businessDay } from '@/lib/domain/business-day.ts';
import { DEFAULT_PERIOD } from '@/lib/domain/ranking-query.ts';
import { count, date, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { requireMerchant } from './current-merchant.ts';
import { TodayTakings } from './today-takings.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('merchant.home.title') };
}

export default async function MerchantHomePage() {
  const { scope, merchantId } = await requireMerchant();
  const { locale, t } = await getTranslator();
  const loadedAt = new Date().getTime();
  const today = businessDay(new Date(loadedAt));
  const [merchant, days, settlements, score, live] = await Promise.all([
    merchantInScope(db(), scope, merchantId),
    merchantDays(db(), scope, merchantId, addDays(today, -29), today),
    recentSettlements(db(), scope, merchantId, 10),
    getMerchantScore(db(), scope, merchantId, today, DEFAULT_PERIOD, { items: false }),
    merchantToday(db(), scope, merchantId, today),
  ]);
  if (!merchant || !days || !settlements || !score || !live) notFound();

  const zh = locale === 'zh-CN';
  const todayRow = days[days.length - 1];
  const yesterdayRow = days[days.length - 2];
  const sum30 = days.reduce((total, day) => total + day.priceFenSum, 0n);
  const count30 = days.reduce((total, day) => total + day.weighingCount, 0);
  const findings30 = days.reduce((total, day) => total + day.findingCount, 0);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-xl font-semibold">{t('merchant.home.title')}</h1>
        <p className="text-sm text-stone-600" data-testid="merchant-shop">
          {t('merchant.home.shop', { shop: merchant.shopName, market: zh ? merchant.market.name : merchant.market.nameEn })}
        </p>
      </header>

      <TodayTakings initial={live} etag={etagOfJson({ today: live })} loadedAt={loadedAt} />

      <section className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label={t('merchant.stat.today')}
          value={money(todayRow?.priceFenSum ?? 0n)}
          hint={t('merchant.stat.count', { count: count(todayRow?.weighingCount ?? 0, locale) })}
          testId="stat-takings-today"
        />
        <StatCard
          label={t('merchant.stat.yesterday')}
          value={money(yesterdayRow?.priceFenSum ?? 0n)}
          hint={t('merchant.stat.count', { count: count(yesterdayRow?.weighingCount ?? 0, locale) })}
          testId="stat-takings-yesterday"
        />
        <StatCard label={t('merchant.stat.days30')} value={money(sum30)} hint={t('merchant.stat.count', { count: count(count30, locale) })} testId="stat-takings-30d" />
        <StatCard
          label={t('merchant.stat.findings')}
          value={count(findings30, locale)}
          hint={t('merchant.stat.findingsHint')}
          href="/merchant/transactions"
          tone={findings30 > 0 ? 'warn' : 'good'}
          testId="stat-findings-30d"
        />
      </section>
      <p className="-mt-3 text-xs text-stone-500">{t('merchant.takings.note')}</p>

      <BarChart
        label={t('merchant.chart.title')}
        testId="chart-daily-takings"
        data={days.map((d) => ({
          label: d.day.slice(5),
          // display only: yuan as a float for the bar height
          value: Number(d.priceFenSum) / 100,
          title: t('merchant.chart.barTitle', { day: date(d.day, locale), amount: money(d.priceFenSum), count: count(d.weighingCount, locale) }),
        }))}
      />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('scores.mine.title')}</h2>
        <ScorePanel
          assessment={score}
          t={t}
          locale={locale}
          testId="my-score"
          note={`${t('scores.window', {
            from: date(score.windows.current.from, locale), to: date(score.windows.current.to, locale),
            previousFrom: date(score.windows.previous.from, locale), previousTo: date(score.windows.previous.to, locale),
          })} ${t('scores.mine.hint')}`}
        />
      </section>

      <section>
        <h2 className="mb-2 text-lg font-semibold">{t('merchant.settlements.title')}</h2>
        <DataTable
          testId="merchant-settlement-table"
          rows={settlements}
          rowKey={(row) => row.id}
          empty={t('merchant.settlements.empty')}
          columns={[
            { key: 'day', header: t('merchant.col.day'), cell: (row) => <span className="whitespace-nowrap">{date(row.day, locale)}</span> },
            { key: 'payments', header: t('merchant.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
            { key: 'gross', header: t('merchant.col.gross'), align: 'right', cell: (row) => money(row.grossFen) },
            { key: 'fee', header: t('merchant.col.fee'), align: 'right', cell: (row) => money(row.feeFen) },
            { key: 'net', header: t('merchant.col.net'), align: 'right', cell: (row) => <span className="font-medium">{money(row.netFen)}</span> },
            {
              key: 'status',
              header: t('merchant.col.status'),
              cell: (row) => (
                <Badge tone={settlementTone(row.status)} testId="settlement-status">
                  {t(`merchant.status.${row.status}`)}
                </Badge>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
