// A merchant's score, card and trend, with every reason for the card and every deduction: the same
// panel for the regulator and for the merchant itself (who is entitled to know why).
import { priceFindingsPerMille, type AssessmentWithTrend } from '@/lib/domain/accuracy-score.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { cardLabel, penaltyText, pointsText, reasonText, trendText } from '@/lib/i18n/score-labels.ts';
import { CardBadge } from './card-badge.tsx';

export function ScorePanel({ assessment, t, locale, note, testId = 'score-panel' }: {
  assessment: AssessmentWithTrend;
  t: Translate;
  locale: Locale;
  /** the window, said in words */
  note?: string;
  testId?: string;
}) {
  const { score, card, trend, previousScore, reasons, penalties, evidence } = assessment;
  const tone = score === null ? 'text-stone-500' : card === 'red' ? 'text-red-600' : card === 'yellow' ? 'text-yellow-700' : 'text-emerald-700';
  const perMille = priceFindingsPerMille(evidence);
  return (
    <section className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm md:grid-cols-3" data-testid={testId}>
      <div className="space-y-2">
        <p className="text-sm text-stone-500">{t('scores.score')}</p>
        <p className={`text-4xl font-semibold tabular-nums ${tone}`} data-testid="score-value">{score === null ? t('scores.score.none') : score}</p>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <CardBadge card={card} label={cardLabel(t, card)} />
          <span className="text-stone-600" data-testid="score-trend" data-direction={trend.direction}>{trendText(t, trend)}</span>
          {previousScore !== null && <span className="text-stone-500">{t('scores.merchant.previous', { score: previousScore })}</span>}
        </div>
        {note && <p className="text-xs text-stone-500">{note}</p>}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">{t('scores.merchant.reasons')}</h3>
        {reasons.length === 0 ? (
          <p className="text-sm text-stone-500">{t('scores.merchant.noReasons')}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="card-reasons">
            {reasons.map((reason) => (
              <li key={reason.code} className="flex items-start gap-2" data-code={reason.code}>
                <CardBadge card={reason.level} label={cardLabel(t, reason.level)} testId="reason-level" />
                <span>{reasonText(t, reason)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">{t('scores.penalty.title')}</h3>
        {penalties.length === 0 ? (
          <p className="text-sm text-stone-500">{t('scores.penalty.none')}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="penalties">
            {penalties.map((penalty) => (
              <li key={penalty.kind} className="flex justify-between gap-3">
                <span>{penaltyText(t, penalty, perMille, locale)}</span>
                <span className="font-medium tabular-nums text-red-700">{pointsText(t, penalty.points)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="text-xs text-stone-500 md:col-span-3">{t('scores.formula')} {t('scores.settingsNote')}</p>
    </section>
  );
}
