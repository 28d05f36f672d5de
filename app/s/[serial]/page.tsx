// A scale's public page: the target of the QR label on every scale. Public, no sign-in, light enough
// for any phone. A shopper sees the data plate, the place, the verification and whether the scale
// may trade; a signed-in regulator whose scope holds the scale also gets the way into an inspection.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { accuracyClassLabel, ShopperCard, ShopperPage, ShopperRow } from '@/components/shopper-page.tsx';
import { currentSession } from '@/lib/auth/current.ts';
import { personaOf } from '@/lib/auth/roles.ts';
import type { SessionUser } from '@/lib/auth/session.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect } from '@/lib/db/inspections.ts';
import { getPublicScale, type PublicScale } from '@/lib/db/queries/public-scale.ts';
import { scaleWhere } from '@/lib/db/scope.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { massLabel } from '@/lib/domain/mass-label.ts';
import { standingTone } from '@/lib/domain/receipt.ts';
import { date } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

type Props = { params: Promise<{ serial: string }> };

const loadScale = cache(async (serial: string) => {
  const scale = await getPublicScale(db(), serial, businessDay(new Date()));
  if (!scale) notFound();
  return scale;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getTranslator();
  const scale = await loadScale((await params).serial);
  return { title: t('scalePage.title', { serial: scale.serial }), robots: { index: false, follow: false } };
}

/** The signed-in regulator whose scope holds this scale, or null (anyone else sees the public page only). */
async function regulatorInScope(scale: PublicScale): Promise<SessionUser | null> {
  const session = await currentSession();
  if (session.status !== 'valid' || personaOf(session.user.role) !== 'regulator') return null;
  const visible = await db().scale.findFirst({ where: { AND: [{ id: scale.id }, scaleWhere(session.user.scope)] }, select: { id: true } });
  return visible ? session.user : null;
}

type Verdict = 'ok' | 'expiring' | 'expired' | 'failed' | 'suspended' | 'unverified' | 'retired';

function verdictOf(scale: PublicScale): Verdict {
  if (scale.retired) return 'retired';
  return scale.status === 'valid' ? 'ok' : scale.status;
}

const VERDICT_STYLE = {
  green: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  red: 'border-red-300 bg-red-50 text-red-900',
} as const;

export default async function PublicScalePage({ params }: Props) {
  const scale = await loadScale((await params).serial);
  const [{ locale, t }, viewer] = await Promise.all([getTranslator(), regulatorInScope(scale)]);
  const zh = locale === 'zh-CN';
  const verdict = verdictOf(scale);
  const tone = verdict === 'retired' ? 'red' : standingTone(scale.status);
  const v = scale.verification;
  return (
    <ShopperPage appName={t('app.name')} title={t('scalePage.header')}>
        {viewer && (
          <section className="space-y-2 rounded-xl border-2 border-sun-400 bg-sun-50 px-4 py-3" data-testid="regulator-actions">
            <p className="text-sm text-stone-700">{t('scalePage.regulator.hint', { name: viewer.displayName })}</p>
            <div className="flex flex-wrap gap-2">
              {canInspect(viewer.role) && !scale.retired && (
                <Link href={`/regulator/inspect/${scale.id}`} className="rounded-lg bg-sun-600 px-4 py-2 font-medium text-white" data-testid="start-inspection">
                  {t('scalePage.regulator.inspect')}
                </Link>
              )}
              <Link href={`/regulator/scales/${scale.id}`} className="rounded-lg border border-stone-300 bg-white px-4 py-2" data-testid="open-register">
                {t('scalePage.regulator.register')}
              </Link>
            </div>
          </section>
        )}

        <section className={`rounded-xl border-2 px-4 py-3 ${VERDICT_STYLE[tone]}`} role="status" data-testid="scale-verdict" data-verdict={verdict} data-status={scale.status}>
          <p className="text-lg font-bold">
            {verdict === 'expiring' && v ? t('scalePage.verdict.expiring', { date: date(v.expiresOn, locale) }) : t(`scalePage.verdict.${verdict}`)}
          </p>
          {tone === 'red' && <p className="mt-1 text-sm">{t('scalePage.verdict.redHint')}</p>}
        </section>

        <ShopperCard title={t('scalePage.section.instrument')} testId="scale-plate">
          <dl className="divide-y divide-stone-100">
            <ShopperRow label={t('scalePage.serial')} testId="public-serial"><span className="font-mono text-sm">{scale.serial}</span></ShopperRow>
            <ShopperRow label={t('scalePage.model')}>{scale.maker} {scale.model}</ShopperRow>
            <ShopperRow label={t('scalePage.class')}>{accuracyClassLabel(t, scale.accuracyClass)}</ShopperRow>
            <ShopperRow label={t('scalePage.max')}>{massLabel(scale.maxMg)}</ShopperRow>
            <ShopperRow label={t('scalePage.min')}>{massLabel(scale.minMg)}</ShopperRow>
            <ShopperRow label={t('scalePage.e')}>{massLabel(scale.eMg)}</ShopperRow>
            {scale.dMg !== scale.eMg && <ShopperRow label={t('scalePage.d')}>{massLabel(scale.dMg)}</ShopperRow>}
            <ShopperRow label={t('scalePage.purpose')}>{t(`scalePage.purpose.${scale.purpose}`)}</ShopperRow>
          </dl>
        </ShopperCard>

        <ShopperCard title={t('scalePage.section.place')} testId="scale-place">
          <dl className="divide-y divide-stone-100">
            <ShopperRow label={t('scalePage.market')} testId="public-market">{zh ? scale.market.name : scale.market.nameEn}</ShopperRow>
            {scale.stall && <ShopperRow label={t('scalePage.stall')} testId="public-stall">{scale.stall}</ShopperRow>}
          </dl>
          <p className="pb-1 text-sm text-stone-500">{t('scalePage.address', { address: scale.market.address })}</p>
        </ShopperCard>

        <ShopperCard title={t('scalePage.section.verification')} testId="scale-verification">
          <dl className="divide-y divide-stone-100">
            <ShopperRow label={t('scalePage.status')} testId="public-status">
              <span className={`rounded px-2 py-0.5 text-sm ${tone === 'green' ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800'}`}>
                {t(`shopper.vs.${scale.status}`)}
              </span>
            </ShopperRow>
            {v ? (
              <>
                <ShopperRow label={t('scalePage.certificate')} testId="public-certificate"><span className="break-all font-mono text-sm">{v.certificateNo}</span></ShopperRow>
                <ShopperRow label={t('scalePage.result')}>{t(`scalePage.result.${v.result}`)}</ShopperRow>
                <ShopperRow label={t('scalePage.verifiedOn')}>{date(v.verifiedOn, locale)}</ShopperRow>
                {v.result === 'passed' && <ShopperRow label={t('scalePage.expiresOn')} testId="public-expires">{date(v.expiresOn, locale)}</ShopperRow>}
                <ShopperRow label={t('scalePage.authority')}>{v.authority}</ShopperRow>
              </>
            ) : (
              <p className="py-2 text-sm text-stone-600">{t('scalePage.noVerification')}</p>
            )}
          </dl>
        </ShopperCard>

        {scale.purpose === 'trade' && (
          <ShopperCard title={t('scalePage.section.fairScale')} testId="scale-fair">
            {scale.fairScales.length > 0 ? (
              <>
                <p className="text-sm text-stone-700">{t('scalePage.fairScale.hint')}</p>
                <ul className="mt-1 space-y-1 text-sm" data-testid="public-fair-scales">
                  {scale.fairScales.map((fair) => (
                    <li key={fair.serial} className="flex items-baseline justify-between gap-3">
                      <span className="font-mono">{fair.stall ? t('scalePage.fairScale.at', { serial: fair.serial, stall: fair.stall }) : fair.serial}</span>
                      <span className={standingTone(fair.status) === 'green' ? 'text-emerald-700' : 'text-red-700'}>{t(`shopper.vs.${fair.status}`)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-sm text-stone-700">{t('scalePage.fairScale.none')}</p>
            )}
            <a href="tel:12315" className="mt-3 block rounded-lg bg-sun-700 px-4 py-2 text-center font-medium text-white">{t('shopper.complaint.call')}</a>
          </ShopperCard>
        )}

        <p className="px-1 pb-4 text-center text-xs text-stone-500">{t('scalePage.footer')}</p>
    </ShopperPage>
  );
}
