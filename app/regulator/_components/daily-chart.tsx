import { BarChart } from '@/components/bar-chart.tsx';
import type { DailyTrade } from '@/lib/db/queries/scales.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { count, date, money } from '@/lib/i18n/format.ts';

/** Weighings per day from a rollup series; each bar's tooltip also gives the day's turnover. */
export function DailyChart({ daily, label, locale, t }: { daily: DailyTrade[]; label: string; locale: Locale; t: Translate }) {
  const data = daily.map((day) => ({
    label: day.day.slice(5),
    value: day.weighings,
    title: t('regulator.chart.bar', { day: date(day.day, locale), count: count(day.weighings, locale), amount: money(day.turnoverFen) }),
  }));
  return <BarChart data={data} label={label} testId="daily-chart" />;
}
