import type { ReactNode } from 'react';
import { StatCard } from '@/components/stat-card.tsx';
import type { MarketFigures } from '@/lib/db/queries/markets.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { count, money, percent } from '@/lib/i18n/format.ts';

/** Where the other figures link to: the list behind each number. */
export interface FigureLinks {
  online?: string;
  coverage?: string;
  openAlerts?: string;
  openComplaints?: string;
}

/**
 * The key figures of a scope or a market, as stat cards. `scalesHref` links the scale counts to the
 * register, `links` the other figures to their lists; `extra` cards join the grid.
 */
export function FigureCards({ figures, markets, locale, t, scalesHref, links = {}, extra }: {
  figures: MarketFigures;
  /** shown on the overview only */
  markets?: number;
  locale: Locale;
  t: Translate;
  scalesHref?: (status?: string) => string;
  links?: FigureLinks;
  extra?: ReactNode;
}) {
  const n = (value: number) => count(value, locale);
  const { tally, coverage } = figures;
  const problems = tally.suspended + tally.failed;
  const ratio = coverage.ratio;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
      {markets !== undefined && <StatCard label={t('regulator.stat.markets')} value={n(markets)} testId="stat-markets" href="/regulator/markets" />}
      <StatCard label={t('regulator.stat.stalls')} value={n(figures.stalls)} hint={t('regulator.stat.stallsHint', { count: n(figures.occupiedStalls) })} testId="stat-stalls" />
      <StatCard label={t('regulator.stat.merchants')} value={n(figures.merchants)} testId="stat-merchants" />
      <StatCard label={t('regulator.stat.scales')} value={n(figures.scales)} testId="stat-scales" href={scalesHref?.()} />
      <StatCard
        label={t('regulator.stat.online')}
        value={n(figures.online)}
        hint={figures.scales > 0 ? t('regulator.stat.onlineHint', { percent: percent(figures.online / figures.scales, locale) }) : undefined}
        testId="stat-online"
        href={links.online}
      />
      <StatCard
        label={t('regulator.stat.coverage')}
        value={ratio === null ? t('regulator.stat.notApplicable') : percent(ratio, locale)}
        hint={t('regulator.stat.coverageHint', { covered: n(coverage.covered), occupied: n(coverage.occupied) })}
        tone={ratio === null ? 'default' : ratio >= 0.95 ? 'good' : ratio >= 0.8 ? 'warn' : 'bad'}
        testId="stat-coverage"
        href={links.coverage}
      />
      <StatCard label={t('regulator.stat.expiring')} value={n(tally.expiring)} tone={tally.expiring > 0 ? 'warn' : 'default'} testId="stat-expiring" href={scalesHref?.('expiring')} />
      <StatCard label={t('regulator.stat.expired')} value={n(tally.expired)} tone={tally.expired > 0 ? 'bad' : 'default'} testId="stat-expired" href={scalesHref?.('expired')} />
      <StatCard
        label={t('regulator.stat.suspendedFailed')}
        value={n(problems)}
        hint={t('regulator.stat.suspendedFailedHint', { suspended: n(tally.suspended), failed: n(tally.failed) })}
        tone={problems > 0 ? 'bad' : 'default'}
        testId="stat-suspended-failed"
        href={scalesHref?.('suspended')}
      />
      <StatCard label={t('regulator.stat.openAlerts')} value={n(figures.openAlerts)} tone={figures.openAlerts > 0 ? 'warn' : 'default'} testId="stat-open-alerts" href={links.openAlerts} />
      <StatCard label={t('regulator.stat.openComplaints')} value={n(figures.openComplaints)} tone={figures.openComplaints > 0 ? 'warn' : 'default'} testId="stat-open-complaints" href={links.openComplaints} />
      <StatCard
        label={t('regulator.stat.weighings')}
        value={n(figures.weighings)}
        hint={t('regulator.stat.turnoverHint', { amount: money(figures.turnoverFen) })}
        testId="stat-weighings"
      />
      {extra}
    </div>
  );
}
