import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listAlerts } from '@/lib/db/queries/alerts.ts';
import { ALERT_SEVERITIES, ALERT_STATUS_FILTERS, alertListQuery, type AlertListQuery } from '@/lib/domain/list-query.ts';
import { count, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { ruleLabel } from '@/lib/i18n/score-labels.ts';
import { searchOf } from '@/lib/domain/search-param.ts';
import { Chips } from '../_components/chips.tsx';
import { localName } from '../_components/view.ts';
import { PagePager } from '../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('scores.alerts.title') };
}

function href(query: Partial<AlertListQuery>): string {
  return `/regulator/alerts${searchOf({ status: query.status, severity: query.severity, page: query.page }, { status: 'open', page: 1 })}`;
}

const SEVERITY_TONE = { critical: 'red', warning: 'amber', info: 'blue' } as const;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = alertListQuery.parse(await searchParams);
  const list = await listAlerts(db(), user.scope, query);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('scores.alerts.title')}</h1>
        <p className="text-sm text-stone-600" data-testid="alert-count">{t('scores.alerts.count', { count: count(list.total, locale) })}</p>
      </header>
      <Chips
        label={t('scores.col.alertStatus')}
        testId="alert-status-filter"
        items={ALERT_STATUS_FILTERS.map((status) => ({ href: href({ status, severity: query.severity }), text: t(`scores.alertStatus.${status}`), active: query.status === status }))}
      />
      <Chips
        label={t('scores.col.severity')}
        items={[
          { href: href({ status: query.status }), text: t('scores.filter.all'), active: !query.severity },
          ...ALERT_SEVERITIES.map((severity) => ({ href: href({ status: query.status, severity }), text: t(`scores.severity.${severity}`), active: query.severity === severity })),
        ]}
      />
      <DataTable
        testId="alert-table"
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={t('common.none')}
        columns={[
          { key: 'at', header: t('scores.col.at'), cell: (row) => <span className="whitespace-nowrap tabular-nums">{dateTime(row.raisedAt, locale)}</span> },
          { key: 'rule', header: t('scores.col.rule'), cell: (row) => <span title={row.rule}>{ruleLabel(t, row.rule)}</span> },
          { key: 'severity', header: t('scores.col.severity'), cell: (row) => <Badge tone={SEVERITY_TONE[row.severity]}>{t(`scores.severity.${row.severity}`)}</Badge> },
          { key: 'status', header: t('scores.col.alertStatus'), cell: (row) => t(`scores.alertStatus.${row.status}`) },
          { key: 'count', header: t('scores.col.repeats'), align: 'right', cell: (row) => count(row.count, locale) },
          { key: 'market', header: t('scores.col.market'), cell: (row) => <Link href={`/regulator/markets/${row.market.id}`} className="hover:underline">{localName(locale, row.market)}</Link> },
          {
            key: 'scale',
            header: t('scores.col.scale'),
            cell: (row) => (row.scale ? <Link href={`/regulator/scales/${row.scale.id}`} className="font-mono text-sun-700 hover:underline">{row.scale.serial}</Link> : ''),
          },
          {
            key: 'merchant',
            header: t('scores.col.merchant'),
            cell: (row) => (row.merchant ? <Link href={`/regulator/merchants/${row.merchant.id}`} className="hover:underline">{row.merchant.shopName}</Link> : ''),
          },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => href({ ...query, page })} t={t} />
    </div>
  );
}
