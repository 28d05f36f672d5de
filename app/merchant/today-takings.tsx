'use client';
// Today's takings, live: what the scales weighed and charged today and what the bank has notified,
// refreshed every few seconds without a reload (the sales of the day arrive as they are made).
import { usePolled } from '@/components/use-polled.ts';
import type { MerchantToday } from '@/lib/db/queries/merchant-today.ts';
import { count, money, time } from '@/lib/i18n/format.ts';
import { useI18n } from '@/lib/i18n/client.tsx';

export function TodayTakings({ initial, etag, loadedAt }: { initial: MerchantToday; etag: string; loadedAt: number }) {
  const { locale, t } = useI18n();
  const { data, status, refreshedAt } = usePolled<{ today: MerchantToday }>('/api/merchant/today', { today: initial }, etag, loadedAt);
  const today = data.today;
  return (
    <section className="rounded-lg border border-sun-200 bg-white p-4 shadow-sm" aria-labelledby="today-title" data-testid="today-takings">
      <h2 id="today-title" className="text-sm font-medium text-stone-600">{t('merchant.today.title')}</h2>
      <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="today-weighed">{money(today.weighedFen)}</p>
      <p className="text-sm text-stone-600" data-testid="today-weighings">{t('merchant.stat.count', { count: count(today.weighings, locale) })}</p>
      <p className="mt-2 text-sm text-stone-700" data-testid="today-bank">
        {t('merchant.today.bank', { amount: money(today.bankFen), count: count(today.bankPayments, locale) })}
      </p>
      <p className="mt-1 text-xs text-stone-500" data-testid="today-status">
        {status === 'live' ? t('merchant.today.live', { time: time(new Date(refreshedAt), locale) }) : status === 'retrying' ? t('merchant.today.retrying') : t('merchant.today.stopped')}
      </p>
    </section>
  );
}
