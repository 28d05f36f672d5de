import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { FactList } from '@/components/fact-list.tsx';
import { FLOOR_STATE_LABEL, FloorStateChip } from '@/components/floor-state-style.tsx';
import { StatCard } from '@/components/stat-card.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { getStallView, type StallAlert, type StallScale } from '@/lib/db/queries/stalls.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import { isMessageKey, type Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { OnlineDot, StatusBadge } from '../../../../_components/status-badge.tsx';
import { localName, today } from '../../../../_components/view.ts';

type Props = { params: Promise<{ id: string; stallId: string }> };

/** The stall of that market in the user's scope, or 404 (unknown, another market's, out of scope, not an id). */
const loadStall = cache(async (rawMarketId: string, rawStallId: string) => {
  const user = await requirePersona('regulator');
  const marketId = parseRecordId(rawMarketId);
  const stallId = parseRecordId(rawStallId);
  if (marketId === null || stallId === null) notFound();
  const day = today();
  const stall = await getStallView(db(), user.scope, marketId, stallId, day);
  if (!stall) notFound();
  return { stall, day };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, stallId } = await params;
  const [{ locale, t }, { stall }] = await Promise.all([getTranslator(), loadStall(id, stallId)]);
  return { title: `${t('stall.title', { code: stall.code })} · ${localName(locale, stall.market)}` };
}

const SEVERITY_TONE: Record<StallAlert['severity'], BadgeTone> = { critical: 'red', warning: 'amber', info: 'blue' };

function ruleLabel(t: Translate, rule: string): string {
  const key = `alert.rule.${rule}`;
  return isMessageKey(key) ? t(key) : t('alert.rule.other', { rule });
}

export default async function StallPage({ params }: Props) {
  const { id, stallId } = await params;
  const { stall, day } = await loadStall(id, stallId);
  const { locale, t } = await getTranslator();
  const n = (value: number) => count(value, locale);
  const floorHref = `/regulator/markets/${stall.market.id}`;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-stone-500">
          <Link href="/regulator/markets" className="hover:underline">{t('regulator.markets.title')}</Link>
          {' · '}
          <Link href={floorHref} className="hover:underline" data-testid="stall-market">{localName(locale, stall.market)}</Link>
          {' · '}
          {localName(locale, stall.market.district)}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tabular-nums" data-testid="stall-code">{t('stall.title', { code: stall.code })}</h1>
          <FloorStateChip state={stall.state} label={t(FLOOR_STATE_LABEL[stall.state])} testId="stall-state" />
        </div>
        <p className="text-sm">
          <Link href={floorHref} className="text-sun-700 hover:underline">← {t('stall.backToMarket')}</Link>
        </p>
      </header>

      {stall.merchant ? (
        <FactList
          title={t('stall.merchant')}
          testId="stall-merchant"
          facts={[
            { label: t('stall.merchant.shop'), value: stall.merchant.shopName, testId: 'stall-shop' },
            { label: t('stall.merchant.name'), value: stall.merchant.name },
            { label: t('stall.merchant.category'), value: t(`stall.category.${stall.merchant.category}`) },
            { label: t('stall.merchant.license'), value: <span className="font-mono">{stall.merchant.licenseNo}</span> },
            { label: t('stall.merchant.phone'), value: <span className="font-mono">{stall.merchant.phone}</span> },
          ]}
        />
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-4 text-sm text-stone-600" data-testid="stall-vacant">{t('stall.vacant')}</p>
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('stall.today', { day: date(day, locale) })}</h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <StatCard label={t('stall.today.weighings')} value={n(stall.today.weighings)} testId="stall-today-weighings" />
          <StatCard label={t('stall.today.turnover')} value={money(stall.today.turnoverFen)} testId="stall-today-turnover" />
          <StatCard
            label={t('stall.today.findings')}
            value={n(stall.today.findings)}
            hint={t('stall.today.findingsHint')}
            tone={stall.today.findings > 0 ? 'warn' : 'default'}
            testId="stall-today-findings"
          />
        </div>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('stall.scales')}</h2>
        <DataTable
          testId="stall-scale-table"
          rows={stall.scales}
          rowKey={(scale) => scale.id}
          empty={t('stall.scales.none')}
          columns={[
            {
              key: 'serial',
              header: t('regulator.col.serial'),
              cell: (scale: StallScale) => (
                <Link href={`/regulator/scales/${scale.id}`} className="font-mono text-sun-700 hover:underline" data-testid="scale-link">{scale.serial}</Link>
              ),
            },
            { key: 'model', header: t('regulator.col.model'), cell: (scale: StallScale) => scale.model },
            { key: 'state', header: t('stall.col.state'), cell: (scale: StallScale) => <FloorStateChip state={scale.state} label={t(FLOOR_STATE_LABEL[scale.state])} testId="scale-state" /> },
            { key: 'status', header: t('regulator.col.status'), cell: (scale: StallScale) => <StatusBadge status={scale.status} t={t} /> },
            { key: 'expiresOn', header: t('stall.col.expiresOn'), cell: (scale: StallScale) => (scale.expiresOn ? date(scale.expiresOn, locale) : '—') },
            { key: 'online', header: t('regulator.col.online'), cell: (scale: StallScale) => <OnlineDot online={scale.online} t={t} /> },
            {
              key: 'lastSeen',
              header: t('regulator.col.lastSeen'),
              cell: (scale: StallScale) => (
                <span className="tabular-nums text-stone-600">{scale.lastSeenAt ? dateTime(scale.lastSeenAt, locale) : t('regulator.neverSeen')}</span>
              ),
            },
            { key: 'weighings', header: t('stall.col.todayWeighings'), align: 'right', cell: (scale: StallScale) => n(scale.today.weighings) },
            { key: 'turnover', header: t('stall.col.todayTurnover'), align: 'right', cell: (scale: StallScale) => money(scale.today.turnoverFen) },
            { key: 'alerts', header: t('stall.col.openAlerts'), align: 'right', cell: (scale: StallScale) => n(scale.openAlerts) },
          ]}
        />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('stall.alerts')}</h2>
        <DataTable
          testId="stall-alert-table"
          rows={stall.alerts}
          rowKey={(alert) => alert.id}
          empty={t('stall.alerts.none')}
          columns={[
            { key: 'raisedAt', header: t('stall.col.raisedAt'), cell: (alert: StallAlert) => <span className="whitespace-nowrap tabular-nums">{dateTime(alert.raisedAt, locale)}</span> },
            { key: 'rule', header: t('stall.col.rule'), cell: (alert: StallAlert) => <span data-rule={alert.rule}>{ruleLabel(t, alert.rule)}</span> },
            {
              key: 'severity',
              header: t('stall.col.severity'),
              cell: (alert: StallAlert) => <Badge tone={SEVERITY_TONE[alert.severity]}>{t(`alert.severity.${alert.severity}`)}</Badge>,
            },
            {
              key: 'scale',
              header: t('stall.col.scale'),
              cell: (alert: StallAlert) =>
                alert.scale ? (
                  <Link href={`/regulator/scales/${alert.scale.id}`} className="font-mono text-sun-700 hover:underline">{alert.scale.serial}</Link>
                ) : (
                  t('stall.alert.merchant')
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}
