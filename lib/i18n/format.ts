// Locale-aware display of stored integers and instants. Display only.
import { intlLocale, type Locale } from './index.ts';
import { formatFen } from '../domain/units.ts';

const TIME_ZONE = 'Asia/Shanghai';

export function money(fen: number | bigint): string {
  return `¥${formatFen(fen)}`;
}

export function count(value: number | bigint, locale: Locale): string {
  return Number(value).toLocaleString(intlLocale(locale));
}

export function percent(ratio: number, locale: Locale, digits = 1): string {
  return ratio.toLocaleString(intlLocale(locale), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function dateTime(at: Date, locale: Locale): string {
  return at.toLocaleString(intlLocale(locale), { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short', hour12: false });
}

export function date(at: Date | string, locale: Locale): string {
  const value = typeof at === 'string' ? new Date(`${at}T00:00:00Z`) : at;
  return value.toLocaleDateString(intlLocale(locale), { timeZone: typeof at === 'string' ? 'UTC' : TIME_ZONE, dateStyle: 'medium' });
}

export function time(at: Date, locale: Locale): string {
  return at.toLocaleTimeString(intlLocale(locale), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
