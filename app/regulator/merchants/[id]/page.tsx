import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { ScoreChart } from '@/components/score-chart.tsx';
import { ScorePanel } from '@/components/score-panel.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { getMerchantScore, SERIES_WEEKS, type EvidenceItem } from '@/lib/db/queries/merchant-score.ts';
import { massLabel, signedMassLabel } from '@/lib/domain/mass-label.ts';
import { merchantRankingQuery, RANKING_PERIODS, rankingSearch, type RankingPeriod } from '@/lib/domain/ranking-query.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { date, dateTime, money } from '@/lib/i18n/format.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { cardLabel, ruleLabel } from '@/lib/i18n/score-labels.ts';
import { localName, today } from '../../_components/view.ts';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The merchant in the user's scope with its score, or 404. Once per request. */
const loadScore = cache(async (rawId: string, period: RankingPeriod) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const score = await getMerchantScore(db(), user.scope, id, today(), period);
  if (!score) notFound();
  return score;
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { period } = merchantRankingQuery.parse(await searchParams);
  const score = await loadScore((await params).id, period);
  return { title: score.merchant.shopName };
}

function evidenceCells(item: EvidenceItem, t: Translate): { verdict: ReactNode; detail: string } {
  switch (item.kind) {
    case 'inspection':
      return {
        verdict: (
          <span className="flex flex-wrap gap-1">
            <Badge tone={item.passed ? 'green' : 'red'}>{t(item.passed ? 'scores.evidence.passed' : 'scores.evidence.failed')}</Badge>
            {item.suspended && <Badge tone="red">{t('scores.evidence.suspended')}</Badge>}
          </span>
        ),
        detail: item.notes ?? '',
      };
    case 'reweigh':
      return {
        verdict: <Badge tone={item.passed ? 'green' : 'red'}>{t(item.passed ? 'scores.evidence.passed' : 'scores.evidence.failed')}</Badge>,
        detail: t('scores.evidence.reweighDetail', {
          reference: massLabel(item.referenceMg), indication: massLabel(item.indicationMg), error: signedMassLabel(item.indicationMg - item.referenceMg), mpe: massLabel(item.mpeMg),
        }),
      };
    case 'complaint':
      return {
        verdict: <Badge tone="red">{t('scores.complaintStatus.upheld')}</Badge>,
        detail: t('scores.evidence.complaintDetail', {
          reference: item.reference,
          kind: t(`scores.complaintKind.${item.complaintKind}`),
          refund: money(item.refundFen ?? 0),
          compensation: money(item.compensationFen ?? 0),
        }),
      };
    case 'alert':
      return {
        verdict: <Badge tone={item.severity === 'critical' ? 'red' : 'amber'}>{t(`scores.severity.${item.severity}`)}</Badge>,
        detail: `${ruleLabel(t, item.rule)} · ${t(`scores.alertStatus.${item.status}`)}`,
      };
    case 'price_findings':
      return { verdict: <Badge tone="amber">{item.count}</Badge>, detail: t('scores.evidence.priceDetail', { count: item.count, weighings: item.weighings }) };
  }
}

function evidenceWhen(item: EvidenceItem, locale: Locale): string {
  return item.kind === 'price_findings' ? date(item.day, locale) : dateTime(item.at, locale);
}

export default async function RegulatorMerchantPage({ params, searchParams }: Props) {
  const { period } = merchantRankingQuery.parse(await searchParams);
  const score = await loadScore((await params).id, period);
  const { locale, t } = await getTranslator();
  const { merchant, windows } = score;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-stone-500">
          <Link href={`/regulator/rankings/merchants${rankingSearch({ period })}`} className="hover:underline">{t('scores.merchants.title')}</Link>
          {' · '}
          <Link href={`/regulator/districts/${merchant.district.id}`} className="hover:underline">{localName(locale, merchant.district)}</Link>
          {' · '}
          <Link href={`/regulator/markets/${merchant.market.id}`} className="hover:underline">{localName(locale, merchant.market)}</Link>
        </p>
        <h1 className="text-2xl font-semibold" data-testid="merchant-title">{t('scores.merchant.title', { shop: merchant.shopName })}</h1>
        <p className="text-sm text-stone-600">{t('scores.merchant.operator', { name: merchant.name })}</p>
      </header>
      <nav className="flex gap-2 text-sm" aria-label={t('scores.filter.period')}>
        {RANKING_PERIODS.map((days) => (
          <Link
            key={days}
            href={`/regulator/merchants/${merchant.id}${rankingSearch({ period: days })}`}
            aria-current={days === period ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${days === period ? 'border-sun-600 bg-sun-600 text-white' : 'border-stone-300 bg-white hover:border-sun-400'}`}
          >
            {t('scores.period.days', { days })}
          </Link>
        ))}
      </nav>
      <ScorePanel
        assessment={score}
        t={t}
        locale={locale}
        note={t('scores.window', {
          from: date(windows.current.from, locale), to: date(windows.current.to, locale),
          previousFrom: date(windows.previous.from, locale), previousTo: date(windows.previous.to, locale),
        })}
      />
      <ScoreChart
        testId="score-chart"
        label={t('scores.merchant.chart', { weeks: SERIES_WEEKS, days: period })}
        data={score.series.map((point) => ({
          label: point.day.slice(5),
          score: point.score,
          card: point.card,
          title: t('scores.merchant.chartPoint', { day: date(point.day, locale), score: point.score ?? t('scores.score.none'), card: cardLabel(t, point.card) }),
        }))}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('scores.merchant.evidence')}</h2>
        <DataTable
          testId="evidence-table"
          rows={score.items}
          rowKey={(item) => (item.kind === 'price_findings' ? `p${item.day}` : `${item.kind}${item.id}`)}
          empty={t('common.none')}
          columns={[
            { key: 'at', header: t('scores.col.at'), cell: (item) => <span className="whitespace-nowrap tabular-nums">{evidenceWhen(item, locale)}</span> },
            { key: 'kind', header: t('scores.col.kind'), cell: (item) => <span data-testid="evidence-kind" data-kind={item.kind}>{t(`scores.evidence.${item.kind}`)}</span> },
            {
              key: 'scale',
              header: t('scores.col.scale'),
              cell: (item) => ('scale' in item && item.scale ? <Link href={`/regulator/scales/${item.scale.id}`} className="font-mono text-sun-700 hover:underline">{item.scale.serial}</Link> : ''),
            },
            { key: 'verdict', header: t('regulator.col.verdict'), cell: (item) => evidenceCells(item, t).verdict },
            { key: 'detail', header: t('scores.col.detail'), cell: (item) => <span className="text-stone-600">{evidenceCells(item, t).detail}</span> },
          ]}
        />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('scores.merchant.stalls')}</h2>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="merchant-stalls">
          {merchant.stalls.map((stall) => (
            <li key={stall.id} className="rounded border border-stone-200 bg-white px-3 py-2">
              <span className="font-medium tabular-nums">{stall.code}</span>
              {stall.scales.map((scale) => (
                <Link key={scale.id} href={`/regulator/scales/${scale.id}`} className="ml-2 font-mono text-sun-700 hover:underline">{scale.serial}</Link>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
