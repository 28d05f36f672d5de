import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { DataTable } from '@/components/data-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { getMarketFloor } from '@/lib/db/queries/floor.ts';
import { getMarketDetail, type StallDetail } from '@/lib/db/queries/markets.ts';
import type { ScaleSummary } from '@/lib/db/queries/scales.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import { etagOfJson } from '@/lib/http/api.ts';
import { dateTime } from '@/lib/i18n/format.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { DailyChart } from '../../_components/daily-chart.tsx';
import { FigureCards } from '../../_components/figure-cards.tsx';
import { OnlineDot, StatusBadge } from '../../_components/status-badge.tsx';
import { localName, today } from '../../_components/view.ts';
import { LiveFloorMap } from './live-floor-map.tsx';

type Props = { params: Promise<{ id: string }> };

/** The market in the user's scope, or 404 (unknown, out of scope, or not an id). Once per request. */
const loadMarket = cache(async (rawId: string) => {
  const user = await requirePersona('regulator');
  const id = parseRecordId(rawId);
  if (id === null) notFound();
  const day = today();
  const [market, floor] = await Promise.all([getMarketDetail(db(), user.scope, id, day), getMarketFloor(db(), user.scope, id, day)]);
  if (!market || !floor) notFound();
  return { market, floor, loadedAt: Date.now() };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ locale }, { market }] = await Promise.all([getTranslator(), params.then(({ id }) => loadMarket(id))]);
  return { title: localName(locale, market) };
}

/** One line per scale, stacked in a cell. */
function Lines({ scales, render }: { scales: ScaleSummary[]; render: (scale: ScaleSummary) => ReactNode }) {
  return (
    <ul className="space-y-1">
      {scales.map((scale) => <li key={scale.id} className="leading-6">{render(scale)}</li>)}
    </ul>
  );
}

function scaleColumns(locale: Locale, t: Translate) {
  return [
    {
      key: 'serial',
      header: t('regulator.col.serial'),
      cell: (scales: ScaleSummary[]) => (
        <Lines scales={scales} render={(scale) => (
          <Link href={`/regulator/scales/${scale.id}`} className="font-mono text-sun-700 hover:underline" data-testid="scale-link">{scale.serial}</Link>
        )} />
      ),
    },
    { key: 'model', header: t('regulator.col.model'), cell: (scales: ScaleSummary[]) => <Lines scales={scales} render={(scale) => scale.model} /> },
    { key: 'status', header: t('regulator.col.status'), cell: (scales: ScaleSummary[]) => <Lines scales={scales} render={(scale) => <StatusBadge status={scale.status} t={t} />} /> },
    { key: 'online', header: t('regulator.col.online'), cell: (scales: ScaleSummary[]) => <Lines scales={scales} render={(scale) => <OnlineDot online={scale.online} t={t} />} /> },
    {
      key: 'lastSeen',
      header: t('regulator.col.lastSeen'),
      cell: (scales: ScaleSummary[]) => (
        <Lines scales={scales} render={(scale) => <span className="text-stone-600 tabular-nums">{scale.lastSeenAt ? dateTime(scale.lastSeenAt, locale) : t('regulator.neverSeen')}</span>} />
      ),
    },
  ];
}

export default async function RegulatorMarketPage({ params }: Props) {
  const { market, floor, loadedAt } = await loadMarket((await params).id);
  const { locale, t } = await getTranslator();
  const columns = scaleColumns(locale, t);
  const noScale = <span className="text-stone-500">{t('regulator.stall.noScale')}</span>;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-stone-500">
          <Link href="/regulator/markets" className="hover:underline">{t('regulator.markets.title')}</Link> · {localName(locale, market.district)}
        </p>
        <h1 className="text-2xl font-semibold" data-testid="market-name">{localName(locale, market)}</h1>
        <p className="text-sm text-stone-600">
          <span className="tabular-nums">{market.code}</span> · {t('regulator.market.address', { address: market.address })}
        </p>
      </header>
      <FigureCards figures={market.figures} locale={locale} t={t} />
      <div className="space-y-4">
        <LiveFloorMap initial={floor} etag={etagOfJson({ floor })} refreshedAt={loadedAt} />
        <DailyChart daily={market.daily} label={t('regulator.market.trend')} locale={locale} t={t} />
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t('regulator.market.stalls')}</h2>
        <DataTable
          testId="stall-table"
          rows={market.stalls}
          rowKey={(stall) => stall.id}
          empty={t('common.none')}
          columns={[
            {
              key: 'stall',
              header: t('regulator.col.stall'),
              cell: (stall) => (
                <Link href={`/regulator/markets/${market.id}/stalls/${stall.id}`} id={`stall-${stall.code}`} className="font-medium tabular-nums text-sun-700 hover:underline" data-testid="stall-link">
                  {stall.code}
                </Link>
              ),
            },
            {
              key: 'merchant',
              header: t('regulator.col.merchant'),
              cell: (stall) =>
                stall.merchant ? (
                  <span>
                    <span className="font-medium">{stall.merchant.shopName}</span>
                    <span className="ml-2 text-stone-500">{stall.merchant.name}</span>
                  </span>
                ) : (
                  <span className="text-stone-400">{t('regulator.stall.vacant')}</span>
                ),
            },
            ...columns.map((column) => ({
              key: column.key,
              header: column.header,
              cell: (stall: StallDetail) => (stall.scales.length > 0 ? column.cell(stall.scales) : column.key === 'serial' && stall.merchant ? noScale : null),
            })),
          ]}
        />
      </section>
      {market.otherScales.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t('regulator.market.otherScales')}</h2>
          <DataTable
            testId="other-scale-table"
            rows={market.otherScales}
            rowKey={(scale) => scale.id}
            empty={t('common.none')}
            columns={[
              { key: 'purpose', header: t('regulator.scale.purpose'), cell: (scale: ScaleSummary) => t(`regulator.purpose.${scale.purpose}`) },
              ...columns.map((column) => ({ key: column.key, header: column.header, cell: (scale: ScaleSummary) => column.cell([scale]) })),
            ]}
          />
        </section>
      )}
    </div>
  );
}
