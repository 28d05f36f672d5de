import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { FactList } from '@/components/fact-list.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect } from '@/lib/db/inspections.ts';
import { canProvision, scaleIdentity } from '@/lib/db/provisioning.ts';
import { getScale } from '@/lib/db/queries/scales.ts';
import { massLabel, signedMassLabel } from '@/lib/domain/mass-label.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { publicScalePath } from '@/lib/http/public-origin.ts';
import { date, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { DailyChart } from '../../_components/daily-chart.tsx';
import { OnlineDot, StatusBadge } from '../../_components/status-badge.tsx';
import { localName, today } from '../../_components/view.ts';
import { revokeScaleAction, rotateSecretAction } from './actions.ts';
import { AccuracySection } from './accuracy-section.tsx';
import { IdentityPanel } from './identity-panel.tsx';

type Props = { params: Promise<{ id: string }> };

/** The scale in the user's scope, or 404 (unknown, out of scope, or not an id). Once per request. */
const loadScale = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const [scale, identity] = await Promise.all([getScale(db(), user.scope, id, today()), scaleIdentity(db(), user.scope, id)]);
  if (!scale || !identity) notFound();
  return { user, scale, identity };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { scale } = await loadScale((await params).id);
  return { title: scale.serial };
}

export default async function RegulatorScalePage({ params }: Props) {
  const { user, scale, identity } = await loadScale((await params).id);
  const { locale, t } = await getTranslator();
  const place = (
    <>
      <Link href={`/regulator/markets/${scale.market.id}`} className="text-sun-700 hover:underline">{localName(locale, scale.market)}</Link>
      {' '}
      {scale.stall ? <span className="tabular-nums">{scale.stall.code}</span> : t(`regulator.purpose.${scale.purpose}`)}
    </>
  );
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-stone-500">
          <Link href="/regulator/scales" className="hover:underline">{t('regulator.scales.title')}</Link> · {localName(locale, scale.market.district)}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold" data-testid="scale-serial">{scale.serial}</h1>
          <StatusBadge status={scale.verificationStatus} t={t} testId="scale-verification-status" />
          <OnlineDot online={scale.online} t={t} />
        </div>
        <p className="text-sm text-stone-600">{scale.model} · {scale.maker}</p>
        <nav className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={t('label.actions')}>
          {canInspect(user.role) && scale.status !== 'retired' && (
            <Link href={`/regulator/inspect/${scale.id}`} className="rounded-md bg-sun-600 px-3 py-1.5 font-medium text-white hover:bg-sun-700" data-testid="start-inspection">
              {t('inspect.start')}
            </Link>
          )}
          <Link href={`/regulator/scales/${scale.id}/label`} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50" data-testid="print-label-link">
            {t('label.open')}
          </Link>
          <Link href={publicScalePath(scale.serial)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50" data-testid="public-page-link">
            {t('label.publicPage')}
          </Link>
        </nav>
      </header>
      <FactList
        title={t('regulator.scale.identity')}
        testId="scale-identity"
        facts={[
          { label: t('regulator.scale.serial'), value: <span className="font-mono">{scale.serial}</span> },
          { label: t('regulator.scale.model'), value: scale.model },
          { label: t('regulator.scale.maker'), value: scale.maker },
          { label: t('regulator.scale.class'), value: scale.accuracyClass, testId: 'scale-class' },
          { label: t('regulator.scale.max'), value: massLabel(scale.maxMg), testId: 'scale-max' },
          { label: t('regulator.scale.min'), value: massLabel(scale.minMg), testId: 'scale-min' },
          { label: t('regulator.scale.e'), value: massLabel(scale.eMg), testId: 'scale-e' },
          { label: t('regulator.scale.d'), value: massLabel(scale.dMg), testId: 'scale-d' },
          { label: t('regulator.scale.priceInterval'), value: t('regulator.scale.fen', { fen: scale.priceIntervalFen }) },
          { label: t('regulator.scale.softwareId'), value: <span className="font-mono">{scale.softwareId}</span>, testId: 'scale-software-id' },
          { label: t('regulator.scale.counters'), value: `${scale.calibrationCounter} / ${scale.configurationCounter}`, testId: 'scale-counters' },
          { label: t('regulator.scale.purpose'), value: t(`regulator.purpose.${scale.purpose}`) },
          { label: t('regulator.scale.installedOn'), value: date(scale.installedOn, locale) },
          { label: t('regulator.scale.place'), value: place },
          { label: t('regulator.scale.merchant'), value: scale.merchant ? `${scale.merchant.shopName} ${scale.merchant.name}` : '—' },
          { label: t('regulator.scale.status'), value: <StatusBadge status={scale.verificationStatus} t={t} testId="scale-status-fact" /> },
          {
            label: t('regulator.scale.connection'),
            value: (
              <span className="flex flex-wrap items-center gap-2">
                <OnlineDot online={scale.online} t={t} />
                <span className="text-xs font-normal text-stone-500">
                  {scale.lastSeenAt ? t('regulator.scale.lastSeen', { at: dateTime(scale.lastSeenAt, locale) }) : t('regulator.neverSeen')}
                </span>
              </span>
            ),
          },
        ]}
      />
      <IdentityPanel
        serial={scale.serial}
        provisioned={identity.provisioned}
        secretIssuedAt={identity.secretIssuedAt ? dateTime(identity.secretIssuedAt, locale) : null}
        revokedAt={identity.revokedAt ? dateTime(identity.revokedAt, locale) : null}
        canProvision={canProvision(user.role)}
        rotateAction={rotateSecretAction.bind(null, scale.id)}
        revokeAction={revokeScaleAction.bind(null, scale.id)}
      />
      <DailyChart daily={scale.daily} label={t('regulator.scale.trend')} locale={locale} t={t} />
      <AccuracySection scaleId={scale.id} scope={user.scope} today={today()} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('regulator.scale.verifications')}</h2>
        <DataTable
          testId="verification-table"
          rows={scale.verifications}
          rowKey={(v) => v.id}
          empty={t('common.none')}
          columns={[
            { key: 'certificate', header: t('regulator.col.certificateNo'), cell: (v) => <span className="font-mono">{v.certificateNo}</span> },
            { key: 'verifiedOn', header: t('regulator.col.verifiedOn'), cell: (v) => date(v.verifiedOn, locale) },
            { key: 'expiresOn', header: t('regulator.col.expiresOn'), cell: (v) => date(v.expiresOn, locale) },
            {
              key: 'result',
              header: t('regulator.col.result'),
              cell: (v) => <Badge tone={v.result === 'passed' ? 'green' : 'red'}>{t(`regulator.result.${v.result}`)}</Badge>,
            },
            { key: 'authority', header: t('regulator.col.authority'), cell: (v) => v.authority },
            { key: 'seal', header: t('regulator.col.sealCode'), cell: (v) => <span className="font-mono">{v.sealCode ?? '—'}</span> },
          ]}
        />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('regulator.scale.checks')}</h2>
        <DataTable
          testId="check-table"
          rows={scale.checks}
          rowKey={(check) => check.id}
          empty={t('common.none')}
          columns={[
            { key: 'at', header: t('regulator.col.at'), cell: (check) => <span className="tabular-nums">{dateTime(check.at, locale)}</span> },
            { key: 'source', header: t('regulator.col.source'), cell: (check) => t(`regulator.source.${check.source}`) },
            { key: 'kind', header: t('inspect.kind'), cell: (check) => t(`inspect.kind.${check.kind}`) },
            { key: 'reference', header: t('regulator.col.reference'), align: 'right', cell: (check) => massLabel(check.referenceMg) },
            { key: 'indication', header: t('regulator.col.indication'), align: 'right', cell: (check) => massLabel(check.indicationMg) },
            {
              key: 'error',
              header: t('regulator.col.error'),
              align: 'right',
              cell: (check) => <span className={check.passed ? '' : 'font-semibold text-red-700'}>{signedMassLabel(check.errorMg)}</span>,
            },
            { key: 'mpe', header: t('regulator.col.mpe'), align: 'right', cell: (check) => `±${massLabel(check.mpeMg)}` },
            {
              key: 'verdict',
              header: t('regulator.col.verdict'),
              cell: (check) => <Badge tone={check.passed ? 'green' : 'red'}>{check.passed ? t('regulator.check.passed') : t('regulator.check.failed')}</Badge>,
            },
          ]}
        />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('regulator.scale.inspections')}</h2>
        <DataTable
          testId="inspection-table"
          rows={scale.inspections}
          rowKey={(inspection) => inspection.id}
          empty={t('common.none')}
          columns={[
            {
              key: 'at',
              header: t('regulator.col.at'),
              cell: (inspection) => (
                <Link href={`/regulator/inspections/${inspection.id}`} className="text-sun-700 tabular-nums hover:underline" data-testid="inspection-link">
                  {dateTime(inspection.at, locale)}
                </Link>
              ),
            },
            { key: 'stage', header: t('inspection.stage'), cell: (inspection) => t(`inspect.stage.${inspection.stage}`) },
            { key: 'inspector', header: t('regulator.col.inspector'), cell: (inspection) => inspection.inspector ?? '—' },
            {
              key: 'result',
              header: t('regulator.col.result'),
              cell: (inspection) => (
                <span className="flex flex-wrap gap-1">
                  <Badge tone={inspection.result === 'passed' ? 'green' : 'red'}>{t(`regulator.result.${inspection.result}`)}</Badge>
                  {inspection.suspended && <Badge tone="red">{t('regulator.inspection.suspended')}</Badge>}
                </span>
              ),
            },
            { key: 'notes', header: t('regulator.col.notes'), cell: (inspection) => inspection.notes ?? '' },
          ]}
        />
      </section>
    </div>
  );
}
