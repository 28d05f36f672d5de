// Fair-scale re-weighs (公平秤复称), for the market's clerk at the fair scale or an inspector: find
// the purchase by its receipt (scan the QR code, or type its token) or by the scale and the minute
// on the receipt, then record what the fair scale showed.
import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canReweigh, fairScalesOf, findReweighCandidates, type ReweighCandidate } from '@/lib/db/reweighs.ts';
import { massLabel } from '@/lib/domain/mass-label.ts';
import { parseReweighLookup } from '@/lib/domain/reweigh.ts';
import { dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { firstParam } from '@/lib/domain/search-param.ts';
import { localName, today } from '../_components/view.ts';
import { ReweighForm } from './reweigh-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('reweigh.title') };
}

const field = 'mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40';

export default async function ReweighPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  if (!canReweigh(user.role)) forbidden();
  const { locale, t } = await getTranslator();
  const params = await searchParams;
  const asked = { receipt: firstParam(params.receipt) ?? '', serial: firstParam(params.serial) ?? '', at: firstParam(params.at) ?? '' };
  const lookup = parseReweighLookup(asked);
  const found: ReweighCandidate[] = lookup && !('error' in lookup) ? await findReweighCandidates(db(), user.scope, lookup) : [];
  const day = today();
  const fairByMarket = new Map(await Promise.all(
    [...new Set(found.map((candidate) => candidate.market.id))].map(async (marketId) => [marketId, await fairScalesOf(db(), user.scope, marketId, day)] as const),
  ));

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{t('reweigh.title')}</h1>
        <p className="text-sm text-stone-600">{t('reweigh.intro')}</p>
      </header>
      <form method="get" action="/regulator/reweigh" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="reweigh-lookup">
        <label className="block">
          <span className="text-sm font-medium">{t('reweigh.find.receipt')}</span>
          <input type="text" name="receipt" defaultValue={asked.receipt} autoComplete="off" spellCheck={false} className={`${field} font-mono`} data-testid="reweigh-receipt" />
          <span className="mt-1 block text-xs text-stone-500">{t('reweigh.find.receiptHint')}</span>
        </label>
        <p className="text-center text-sm text-stone-500">{t('reweigh.find.or')}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <label className="block">
            <span className="text-sm font-medium">{t('reweigh.find.serial')}</span>
            <input type="text" name="serial" defaultValue={asked.serial} autoComplete="off" spellCheck={false} className={`${field} font-mono`} data-testid="reweigh-serial" />
          </label>
          <label className="block">
            <span className="text-sm font-medium">{t('reweigh.find.at')}</span>
            <input type="datetime-local" name="at" defaultValue={asked.at} className={field} data-testid="reweigh-at" />
          </label>
        </div>
        <button type="submit" className="w-full rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700" data-testid="reweigh-find">{t('reweigh.find.submit')}</button>
      </form>

      {lookup && 'error' in lookup && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="reweigh-lookup-error">{t(lookup.error)}</p>}
      {lookup && !('error' in lookup) && found.length === 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="reweigh-none">{t('reweigh.none')}</p>
      )}
      {found.map((candidate, index) => {
        const testId = `candidate-${index}`;
        const fair = fairByMarket.get(candidate.market.id) ?? [];
        return (
          <section key={candidate.weighingId.toString()} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid={testId}>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-stone-500">{t('reweigh.col.time')}</dt>
              <dd className="tabular-nums">{dateTime(candidate.scaleTime, locale)}</dd>
              <dt className="text-stone-500">{t('reweigh.col.place')}</dt>
              <dd>{localName(locale, candidate.market)}{candidate.stall ? ` · ${candidate.stall}` : ''}{candidate.shopName ? ` · ${candidate.shopName}` : ''}</dd>
              <dt className="text-stone-500">{t('reweigh.col.scale')}</dt>
              <dd className="font-mono">{candidate.scale.serial}</dd>
              <dt className="text-stone-500">{t('reweigh.col.commodity')}</dt>
              <dd>{localName(locale, candidate.commodity)}</dd>
              <dt className="text-stone-500">{t('reweigh.col.net')}</dt>
              <dd className="font-semibold tabular-nums" data-testid={`${testId}-net`}>{massLabel(candidate.netMg)}</dd>
              <dt className="text-stone-500">{t('reweigh.col.price')}</dt>
              <dd className="tabular-nums">{money(candidate.priceFen)}</dd>
            </dl>
            <ReweighForm
              weighingId={candidate.weighingId.toString()}
              scaleTime={candidate.scaleTime.toISOString()}
              testId={testId}
              fairScales={fair.map((scale) => ({
                id: scale.id,
                usable: scale.usable,
                label: t('reweigh.fairScale.option', { serial: scale.serial, status: t(`regulator.status.${scale.status}`) }),
              }))}
            />
          </section>
        );
      })}
    </div>
  );
}
