// The inspection of one scale, on a phone: what the scale is and where, whether it is suspended
// (and may be reinstated), and the form. Only for the roles that inspect, in their scope.
import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect, inspectionTarget } from '@/lib/db/inspections.ts';
import { massLabel } from '@/lib/domain/mass-label.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { defaultExpiry } from '@/lib/domain/verification-lifecycle.ts';
import { verificationStatus } from '@/lib/domain/verification-status.ts';
import { date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { StatusBadge } from '../../_components/status-badge.tsx';
import { localName, today } from '../../_components/view.ts';
import { recordInspectionAction, reinstateAction } from './actions.ts';
import { InspectionForm } from './inspection-form.tsx';
import { ReinstatePanel } from './reinstate-panel.tsx';

type Props = { params: Promise<{ id: string }> };

const loadTarget = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  if (!canInspect(user.role)) forbidden();
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const target = await inspectionTarget(db(), user.scope, id, today());
  if (!target) notFound();
  return target;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ t }, target] = await Promise.all([getTranslator(), params.then(({ id }) => loadTarget(id))]);
  return { title: t('inspect.titleOf', { serial: target.serial }) };
}

export default async function InspectScalePage({ params }: Props) {
  const target = await loadTarget((await params).id);
  const { locale, t } = await getTranslator();
  const day = today();
  const latest = target.latestVerification;
  const status = verificationStatus({ scaleStatus: target.status, latest: latest && { result: latest.result, expiresOn: latest.expiresOn } }, day);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">
          <Link href="/regulator/inspect" className="hover:underline">{t('inspect.title')}</Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-2xl font-semibold" data-testid="inspect-scale-serial">{target.serial}</h1>
          <StatusBadge status={status} t={t} testId="inspect-scale-status" />
        </div>
        <p className="text-sm text-stone-600">
          {target.maker} {target.model} · {t('inspect.scale.plate', { class: target.accuracyClass, max: massLabel(target.maxMg), min: massLabel(target.minMg), e: massLabel(target.eMg) })}
        </p>
        <p className="text-sm text-stone-600" data-testid="inspect-scale-place">
          {localName(locale, target.market)}
          {target.stall ? ` · ${target.stall.code}${target.stall.shopName ? ` ${target.stall.shopName}` : ''}` : ` · ${t(`regulator.purpose.${target.purpose}`)}`}
        </p>
        {latest && (
          <p className="text-sm text-stone-600">
            {t('inspect.scale.latest', { no: latest.certificateNo, result: t(`regulator.result.${latest.result}`), date: date(latest.expiresOn, locale) })}
          </p>
        )}
        <p className="text-sm">
          <Link href={`/regulator/scales/${target.id}`} className="text-sun-700 hover:underline">{t('inspect.viewScale')}</Link>
        </p>
      </header>

      {target.status === 'retired' ? (
        <p role="alert" className="rounded-md bg-stone-100 px-3 py-2 text-stone-700" data-testid="inspect-retired">{t('inspect.error.retired')}</p>
      ) : (
        <>
          {target.status === 'suspended' && (
            <ReinstatePanel
              allowed={target.reinstatement.allowed}
              reason={target.reinstatement.allowed ? null : target.reinstatement.reason}
              action={reinstateAction.bind(null, target.id)}
            />
          )}
          <InspectionForm
            scale={{ accuracyClass: target.accuracyClass, eMg: target.eMg, maxMg: target.maxMg, minMg: target.minMg }}
            today={day}
            defaultExpiry={defaultExpiry(day)}
            defaultAuthority={latest?.authority ?? ''}
            action={recordInspectionAction.bind(null, target.id)}
          />
        </>
      )}
    </div>
  );
}
