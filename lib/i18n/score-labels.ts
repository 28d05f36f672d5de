// Words for the score's pieces, shared by the pages and the CSV exports so both say the same.
import type { Card, CardReason, Penalty, Trend } from '../domain/accuracy-score.ts';
import { messagesFor, type Locale, type MessageKey, type Translate } from './index.ts';

export function cardLabel(t: Translate, card: Card): string {
  return t(`scores.card.${card}`);
}

export function reasonText(t: Translate, reason: CardReason): string {
  return t(`scores.reason.${reason.code}`, { value: reason.value, threshold: reason.threshold });
}

export function trendText(t: Translate, trend: Trend): string {
  return t(`scores.trend.${trend.direction}`, { delta: trend.delta === null ? '' : Math.abs(trend.delta) });
}

export function penaltyText(t: Translate, penalty: Penalty, perMille: number | null, locale: Locale): string {
  if (penalty.kind === 'price') {
    return t('scores.penalty.price', { count: penalty.count, perMille: (perMille ?? 0).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 }) });
  }
  return t(`scores.penalty.${penalty.kind}`, { count: penalty.count });
}

export function pointsText(t: Translate, points: number): string {
  return t('scores.penalty.points', { points: Math.round(points * 10) / 10 });
}

/** An alert rule's name; a rule the catalogue does not know shows as its code. */
export function ruleLabel(t: Translate, rule: string): string {
  const key = `scores.rule.${rule}`;
  return key in messagesFor('zh-CN') ? t(key as MessageKey) : rule;
}
