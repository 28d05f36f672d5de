import Link from 'next/link';
import type { StatusTally } from '@/lib/domain/supervision.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { count } from '@/lib/i18n/format.ts';

/** The landing view's reminder: scales whose verification runs out within 30 days, and those that already may not trade. */
export function ExpiryReminder({ tally, locale, t }: { tally: StatusTally; locale: Locale; t: Translate }) {
  const blocked = tally.expired + tally.failed + tally.suspended + tally.unverified;
  if (tally.expiring === 0 && blocked === 0) {
    return <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="expiry-reminder" data-expiring="0">{t('lifecycle.reminder.allClear')}</p>;
  }
  return (
    <section className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3" data-testid="expiry-reminder" data-expiring={tally.expiring}>
      <div className="text-sm text-amber-900">
        <p className="font-semibold">{t('lifecycle.reminder.expiring', { count: count(tally.expiring, locale) })}</p>
        {blocked > 0 && <p>{t('lifecycle.reminder.blocked', { count: count(blocked, locale) })}</p>}
      </div>
      <div className="flex flex-wrap gap-2 text-sm">
        {tally.expiring > 0 && (
          <Link href="/regulator/verifications?status=expiring" className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white hover:bg-amber-700" data-testid="expiry-reminder-link">
            {t('lifecycle.reminder.open')}
          </Link>
        )}
        <Link href="/regulator/verifications" className="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-amber-900 hover:bg-amber-100">{t('lifecycle.reminder.all')}</Link>
      </div>
    </section>
  );
}
