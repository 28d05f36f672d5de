// The scale's accuracy on its page: pass rate of its checks, last verification, counters, the error
// of each check in e over time, and the counter and seal history. Reads its own data (small tables).
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { ErrorChart } from '@/components/error-chart.tsx';
import { StatCard } from '@/components/stat-card.tsx';
import { db } from '@/lib/db/client.ts';
import { ACCURACY_WINDOW_DAYS, getScaleAccuracy } from '@/lib/db/queries/scale-accuracy.ts';
import type { Scope } from '@/lib/db/scope.ts';
import { isCounterEventKind } from '@/lib/domain/scale-accuracy.ts';
import { date, dateTime, percent } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function AccuracySection({ scaleId, scope, today }: { scaleId: number; scope: Scope; today: string }) {
  const accuracy = await getScaleAccuracy(db(), scope, scaleId, today);
  if (!accuracy) return null;
  const { locale, t } = await getTranslator();
  const { passRate, bySource, lastVerification, counters } = accuracy;
  const fmt = (value: number) => value.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  return (
    <section className="space-y-3" data-testid="scale-accuracy">
      <h2 className="text-lg font-semibold">{t('scores.scale.title')}</h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard
          label={t('scores.scale.passRate', { days: ACCURACY_WINDOW_DAYS })}
          value={passRate.ratio === null ? t('scores.scale.noChecks') : percent(passRate.ratio, locale)}
          hint={t('scores.scale.passRateHint', {
            passed: passRate.passed, checks: passRate.checks,
            inspection: bySource.inspection.checks, selfCheck: bySource.self_check.checks, reweigh: bySource.fair_scale.checks,
          })}
          tone={passRate.ratio === null ? 'default' : passRate.failed === 0 ? 'good' : passRate.ratio >= 0.8 ? 'warn' : 'bad'}
          testId="scale-pass-rate"
        />
        <StatCard
          label={t('scores.scale.lastVerification')}
          value={lastVerification ? date(lastVerification.verifiedOn, locale) : t('scores.scale.neverVerified')}
          hint={lastVerification ? t('scores.scale.lastVerificationHint', { result: t(`regulator.result.${lastVerification.result}`), expires: date(lastVerification.expiresOn, locale) }) : undefined}
          tone={lastVerification?.result === 'failed' ? 'bad' : 'default'}
          testId="scale-last-verification"
        />
        <StatCard label={t('scores.scale.counters')} value={t('scores.scale.countersValue', counters)} testId="scale-counter-values" />
      </div>
      {accuracy.errors.length === 0 ? (
        <p className="text-sm text-stone-500">{t('scores.scale.noErrors')}</p>
      ) : (
        <ErrorChart
          testId="error-chart"
          label={t('scores.scale.errorChart')}
          data={accuracy.errors.map((point) => ({
            error: point.errorInE,
            mpe: point.mpeInE,
            passed: point.passed,
            label: date(point.at, locale),
            title: t('scores.scale.errorPoint', { at: dateTime(point.at, locale), source: t(`regulator.source.${point.source}`), error: fmt(point.errorInE), mpe: fmt(point.mpeInE) }),
          }))}
        />
      )}
      <h3 className="font-semibold">{t('scores.scale.counterHistory')}</h3>
      <p className="text-xs text-stone-500">{t('scores.scale.counterHistoryHint')}</p>
      <DataTable
        testId="counter-history"
        rows={accuracy.counterHistory}
        rowKey={(entry) => `${entry.at.getTime()}-${entry.kind}`}
        empty={t('common.none')}
        columns={[
          { key: 'at', header: t('scores.col.at'), cell: (entry) => <span className="whitespace-nowrap tabular-nums">{dateTime(entry.at, locale)}</span> },
          {
            key: 'event',
            header: t('scores.col.event'),
            cell: (entry) => (isCounterEventKind(entry.kind) ? t(`scores.event.${entry.kind}`) : entry.kind),
          },
          { key: 'calibration', header: t('scores.col.calibration'), align: 'right', cell: (entry) => entry.calibration ?? '—' },
          { key: 'configuration', header: t('scores.col.configuration'), align: 'right', cell: (entry) => entry.configuration ?? '—' },
          { key: 'change', header: t('scores.col.change'), cell: (entry) => (entry.change ? `${entry.change.param}: ${entry.change.old} → ${entry.change.new}` : '') },
          {
            key: 'flag',
            header: t('scores.col.flag'),
            cell: (entry) => (
              <span className="flex flex-wrap gap-1">
                {entry.moved.length > 0 && <Badge tone="amber">{t('scores.event.moved')}</Badge>}
                {entry.unauthorised && <Badge tone="red">{t('scores.event.unauthorised')}</Badge>}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
