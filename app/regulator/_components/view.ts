// Small display helpers shared by the regulator's pages.
import type { Locale } from '@/lib/i18n/index.ts';
import { businessDay } from '@/lib/domain/business-day.ts';

/** A place's name in the reader's language. */
export function localName(locale: Locale, named: { name: string; nameEn: string }): string {
  return locale === 'en' ? named.nameEn : named.name;
}

/** Today's business day (Asia/Shanghai): verification states are worked out against it. */
export function today(): string {
  return businessDay(new Date());
}
