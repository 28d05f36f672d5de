import { StatCard } from '@/components/stat-card.tsx';
import type { InspectionTally } from '@/lib/db/queries/overview.ts';
import { percent } from '@/lib/i18n/format.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';

/** 抽检合格率 over the score window; links to the scales ranked by the pass rate of their checks. */
export function InspectionCard({ tally, days, href, locale, t }: { tally: InspectionTally; days: number; href?: string; locale: Locale; t: Translate }) {
  const { ratio } = tally;
  return (
    <StatCard
      label={t('scores.overview.inspectionRate')}
      value={ratio === null ? t('regulator.stat.notApplicable') : percent(ratio, locale)}
      hint={t('scores.overview.inspectionRateHint', { days, passed: tally.passed, inspections: tally.inspections })}
      tone={ratio === null ? 'default' : ratio >= 0.95 ? 'good' : ratio >= 0.8 ? 'warn' : 'bad'}
      testId="stat-inspection-rate"
      href={href}
    />
  );
}
