// One stored inspection (抽检) or verification (检定): its points as judged, the certificate, and —
// when it failed and the scale still trades — the way to suspend the scale on the spot.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { FactList } from '@/components/fact-list.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect, getInspection } from '@/lib/db/inspections.ts';
import { storedTestPoints } from '@/lib/domain/inspection-record.ts';
import { massLabel, signedMassLabel } from '@/lib/domain/mass-label.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { date, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { localName } from '../../_components/view.ts';
import { suspendAction } from './actions.ts';
import { SuspendPanel } from './suspend-panel.tsx';

type Props = { params: Promise<{ id: string }> };

const loadInspection = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const inspection = await getInspection(db(), user.scope, id);
  if (!inspection) notFound();
  return { user, inspection };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ t }, { inspection }] = await Promise.all([getTranslator(), params.then(({ id }) => loadInspection(id))]);
  return { title: t(`inspection.title.${inspection.stage}`, { serial: inspection.scale.serial }) };
}

export default async function InspectionPage({ params }: Props) {
  const { user, inspection } = await loadInspection((await params).id);
  const { locale, t } = await getTranslator();
  const { scale, verification } = inspection;
  const points = storedTestPoints(inspection.checks);
  const mayAct = canInspect(user.role);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">
          <Link href={`/regulator/scales/${inspection.scaleId}`} className="font-mono hover:underline">{scale.serial}</Link>
          {' · '}{localName(locale, scale.market)}{scale.stall ? ` · ${scale.stall.code}` : ''}
        </p>
        <h1 className="text-2xl font-semibold">{t(`inspection.title.${inspection.stage}`, { serial: scale.serial })}</h1>
        <p className="flex flex-wrap gap-2" data-testid="inspection-result" data-result={inspection.result}>
          <Badge tone={inspection.result === 'passed' ? 'green' : 'red'}>{t(`inspection.result.${inspection.result}`)}</Badge>
          {inspection.suspended && <Badge tone="red">{t('regulator.inspection.suspended')}</Badge>}
          {inspection.reinstated && <Badge tone="green">{t('inspection.reinstated')}</Badge>}
        </p>
      </header>

      {inspection.result === 'failed' && scale.status === 'in_service' && mayAct && (
        <SuspendPanel action={suspendAction.bind(null, inspection.scaleId, inspection.id)} />
      )}
      {scale.status === 'suspended' && (
        <p className="rounded-md bg-red-100 px-3 py-2 font-medium text-red-900" data-testid="scale-suspended">{t('inspect.suspended')}</p>
      )}

      <FactList
        testId="inspection-facts"
        facts={[
          { label: t('inspection.at'), value: dateTime(inspection.at, locale) },
          { label: t('inspection.inspector'), value: inspection.inspector ?? '—' },
          { label: t('inspection.stage'), value: t(`inspect.stage.${inspection.stage}`) },
          ...(verification ? [
            { label: t('inspect.field.certificateNo'), value: <span className="font-mono">{verification.certificateNo}</span>, testId: 'inspection-certificate' },
            { label: t('inspect.field.verifiedOn'), value: date(verification.verifiedOn, locale) },
            ...(inspection.result === 'passed' ? [{ label: t('inspect.field.expiresOn'), value: date(verification.expiresOn, locale) }] : []),
            { label: t('inspect.field.authority'), value: verification.authority },
            { label: t('inspect.field.sealCode'), value: verification.sealCode ?? '—' },
          ] : []),
          { label: t('inspect.field.notes'), value: inspection.notes ?? '—' },
        ]}
      />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('inspect.points')}</h2>
        <DataTable
          testId="inspection-points"
          rows={points}
          rowKey={(point) => point.key}
          empty={t('common.none')}
          columns={[
            { key: 'n', header: '#', cell: (point) => <span className="tabular-nums">{point.testPoint ?? ''}</span> },
            { key: 'kind', header: t('inspect.kind'), cell: (point) => t(`inspect.kind.${point.kind}`) },
            { key: 'reference', header: t('regulator.col.reference'), align: 'right', cell: (point) => massLabel(point.referenceMg) },
            {
              key: 'readings',
              header: t('inspection.readings'),
              cell: (point) => (
                <ul className="space-y-0.5 tabular-nums">
                  {point.readings.map((reading, index) => (
                    <li key={index} className={reading.beyondLimit ? 'font-semibold text-red-700' : ''}>
                      {massLabel(reading.indicationMg)} <span className="text-stone-500">({signedMassLabel(reading.errorMg)})</span>
                    </li>
                  ))}
                </ul>
              ),
            },
            { key: 'limit', header: t('inspection.limit'), align: 'right', cell: (point) => `±${massLabel(point.limitMg)}` },
            {
              key: 'verdict',
              header: t('regulator.col.verdict'),
              cell: (point) => <Badge tone={point.passed ? 'green' : 'red'}>{point.passed ? t('regulator.check.passed') : t('regulator.check.failed')}</Badge>,
            },
          ]}
        />
      </section>

      <p className="flex flex-wrap gap-3 text-sm">
        {mayAct && <Link href="/regulator/inspect" className="rounded-md bg-sun-600 px-3 py-1.5 font-medium text-white hover:bg-sun-700" data-testid="inspect-another">{t('inspect.another')}</Link>}
        <Link href={`/regulator/scales/${inspection.scaleId}`} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50">{t('inspect.viewScale')}</Link>
      </p>
    </div>
  );
}
