import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listScales } from '@/lib/db/queries/scales.ts';
import { canProvision } from '@/lib/db/provisioning.ts';
import { scaleListQuery } from '@/lib/domain/list-query.ts';
import { VERIFICATION_STATUSES } from '@/lib/domain/supervision.ts';
import type { VerificationStatus } from '@/lib/domain/verification-status.ts';
import { count, date, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { searchOf } from '@/lib/domain/search-param.ts';
import { OnlineDot, StatusBadge } from '../_components/status-badge.tsx';
import { localName, today } from '../_components/view.ts';
import { PagePager } from '../_components/page-pager.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('regulator.scales.title') };
}

function href(status: VerificationStatus | undefined, page = 1, online?: boolean): string {
  return `/regulator/scales${searchOf({ status, online: online === undefined ? undefined : online ? '1' : '0', page }, { page: 1 })}`;
}

export default async function RegulatorScalesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  const { locale, t } = await getTranslator();
  const query = scaleListQuery.parse(await searchParams);
  const list = await listScales(db(), user.scope, { today: today(), page: query.page, status: query.status, online: query.online });
  const all = VERIFICATION_STATUSES.reduce((sum, status) => sum + list.tally[status], 0);
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm ${active ? 'border-sun-600 bg-sun-600 text-white' : 'border-stone-300 bg-white hover:border-sun-400'}`;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('regulator.scales.title')}</h1>
        <p className="text-sm text-stone-600" data-testid="scale-count">{t('regulator.scales.count', { count: count(list.total, locale) })}</p>
        {canProvision(user.role) && (
          <Link href="/regulator/scales/new" className="rounded-md bg-sun-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sun-700" data-testid="register-scale-link">
            {t('regulator.provision.register')}
          </Link>
        )}
      </header>
      <nav aria-label={t('regulator.scales.filter')} className="flex flex-wrap gap-2" data-testid="status-filter">
        <Link href={href(undefined, 1, query.online)} className={chip(!query.status)} aria-current={!query.status ? 'page' : undefined} data-testid="status-filter-all">
          {t('regulator.scales.filter.all')} {count(all, locale)}
        </Link>
        {VERIFICATION_STATUSES.map((status) => (
          <Link
            key={status}
            href={href(status, 1, query.online)}
            className={chip(query.status === status)}
            aria-current={query.status === status ? 'page' : undefined}
            data-testid={`status-filter-${status}`}
          >
            {t(`regulator.status.${status}`)} {count(list.tally[status], locale)}
          </Link>
        ))}
      </nav>
      <nav aria-label={t('regulator.col.online')} className="flex flex-wrap gap-2" data-testid="online-filter">
        {([undefined, true, false] as const).map((online) => (
          <Link
            key={String(online)}
            href={href(query.status, 1, online)}
            className={chip(query.online === online)}
            aria-current={query.online === online ? 'page' : undefined}
            data-testid={`online-filter-${online === undefined ? 'all' : online ? 'online' : 'offline'}`}
          >
            {online === undefined ? t('scores.filter.all') : online ? t('regulator.online') : t('regulator.offline')}
          </Link>
        ))}
      </nav>
      <DataTable
        testId="scale-table"
        rows={list.rows}
        rowKey={(scale) => scale.id}
        empty={t('common.none')}
        columns={[
          {
            key: 'serial',
            header: t('regulator.col.serial'),
            cell: (scale) => (
              <Link href={`/regulator/scales/${scale.id}`} className="font-mono text-sun-700 hover:underline" data-testid="scale-link">{scale.serial}</Link>
            ),
          },
          { key: 'model', header: t('regulator.col.model'), cell: (scale) => scale.model },
          {
            key: 'market',
            header: t('regulator.col.market'),
            cell: (scale) => <Link href={`/regulator/markets/${scale.market.id}`} className="hover:underline">{localName(locale, scale.market)}</Link>,
          },
          {
            key: 'stall',
            header: t('regulator.col.stall'),
            cell: (scale) => (scale.stall ? <span className="tabular-nums">{scale.stall.code}</span> : <span className="text-stone-500">{t('regulator.scales.fair')}</span>),
          },
          { key: 'merchant', header: t('regulator.col.merchant'), cell: (scale) => scale.merchant?.shopName ?? '' },
          { key: 'status', header: t('regulator.col.status'), cell: (scale) => <StatusBadge status={scale.status} t={t} /> },
          { key: 'expires', header: t('regulator.col.expiresOn'), cell: (scale) => <span className="tabular-nums">{scale.expiresOn ? date(scale.expiresOn, locale) : ''}</span> },
          { key: 'online', header: t('regulator.col.online'), cell: (scale) => <OnlineDot online={scale.online} t={t} /> },
          {
            key: 'lastSeen',
            header: t('regulator.col.lastSeen'),
            cell: (scale) => <span className="text-stone-600 tabular-nums">{scale.lastSeenAt ? dateTime(scale.lastSeenAt, locale) : t('regulator.neverSeen')}</span>,
          },
        ]}
      />
      <PagePager page={list.page} pages={list.pages} href={(page) => href(query.status, page, query.online)} t={t} />
    </div>
  );
}
