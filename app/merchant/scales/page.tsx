import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { VerificationBadge } from '@/components/verification-badge.tsx';
import { db } from '@/lib/db/client.ts';
import { listMerchantScales } from '@/lib/db/queries/weighings.ts';
import { businessDay, dateAsDay } from '@/lib/domain/business-day.ts';
import { isTradeLegal, verificationStatus } from '@/lib/domain/verification-status.ts';
import { count, date, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { requireMerchant } from '../current-merchant.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('merchant.scales.title') };
}

export default async function MerchantScalesPage() {
  const { scope, merchantId } = await requireMerchant();
  const { locale, t } = await getTranslator();
  const today = businessDay(new Date());
  const scales = await listMerchantScales(db(), scope, merchantId, today);
  if (!scales) notFound();

  const rows = scales.map((scale) => {
    const latest = scale.latestVerification;
    const expiresOn = latest ? dateAsDay(latest.expiresOn) : null;
    const status = verificationStatus({ scaleStatus: scale.status, latest: latest && expiresOn ? { result: latest.result, expiresOn } : null }, today);
    return { ...scale, expiresOn, status };
  });
  const expiring = rows.some((row) => row.status === 'expiring');
  const illegal = rows.some((row) => !isTradeLegal(row.status));

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-xl font-semibold">{t('merchant.scales.title')}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t('merchant.scales.intro')}</p>
      </header>
      {illegal && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="scales-illegal">
          {t('merchant.scales.illegalHint')}
        </p>
      )}
      {expiring && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="scales-expiring">
          {t('merchant.scales.expiringHint')}
        </p>
      )}
      <DataTable
        testId="scale-table"
        rows={rows}
        rowKey={(row) => row.id}
        empty={t('merchant.scales.empty')}
        columns={[
          { key: 'serial', header: t('merchant.scales.serial'), cell: (row) => <span className="font-mono text-xs">{row.serial}</span> },
          { key: 'model', header: t('merchant.scales.model'), cell: (row) => `${row.maker} ${row.model}` },
          { key: 'stall', header: t('merchant.scales.stall'), cell: (row) => row.stall?.code ?? '—' },
          { key: 'class', header: t('merchant.scales.class'), cell: (row) => t(`merchant.class.${row.accuracyClass}`) },
          {
            key: 'verification',
            header: t('merchant.scales.verification'),
            cell: (row) => (
              <VerificationBadge status={row.status} label={t(`merchant.vs.${row.status}`)} testId="verification-status" />
            ),
          },
          { key: 'certificate', header: t('merchant.scales.certificate'), cell: (row) => row.latestVerification?.certificateNo ?? '—' },
          { key: 'expires', header: t('merchant.scales.expires'), cell: (row) => (row.expiresOn ? <span className="whitespace-nowrap">{date(row.expiresOn, locale)}</span> : '—') },
          {
            key: 'connection',
            header: t('merchant.scales.connection'),
            cell: (row) => (
              <span className="flex flex-col items-start gap-0.5">
                <Badge tone={row.online ? 'green' : 'stone'} testId="scale-online">
                  {row.online ? t('merchant.scales.online') : t('merchant.scales.offline')}
                </Badge>
                <span className="text-xs text-stone-500">
                  {row.lastSeenAt ? t('merchant.scales.lastSeen', { time: dateTime(row.lastSeenAt, locale) }) : t('merchant.scales.never')}
                </span>
              </span>
            ),
          },
          {
            key: 'counters',
            header: t('merchant.scales.counters'),
            align: 'right',
            cell: (row) => t('merchant.scales.countersValue', { calibration: count(row.calibrationCounter, locale), configuration: count(row.configurationCounter, locale) }),
          },
          { key: 'today', header: t('merchant.scales.today'), align: 'right', cell: (row) => count(row.todayWeighings, locale) },
        ]}
      />
    </div>
  );
}
