// One merchant's settlements of one month: month navigation, the month's totals, the rows (cards on
// a phone) with payout status, date and reference, and the month's CSV. Shared by the bank's
// merchant page and the merchant's own settlements page.
import Link from 'next/link';
import { Badge } from './badge.tsx';
import { ResponsiveTable } from './responsive-table.tsx';
import { settlementTone } from './status-tones.ts';
import type { SettlementView } from '@/lib/db/queries/settlements.ts';
import type { MonthRange } from '@/lib/domain/settlement-month.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function SettlementMonth({ rows, range, basePath, csvPath, detailPath }: { rows: SettlementView[]; range: MonthRange; basePath: string; csvPath: string; /** a settlement's page is `${detailPath}/${id}` */ detailPath: string }) {
  const { locale, t } = await getTranslator();
  const gross = rows.reduce((sum, row) => sum + row.grossFen, 0);
  const net = rows.reduce((sum, row) => sum + row.netFen, 0);
  const title = t('bankMerchants.detail.settlements', { month: range.month });
  return (
    <section aria-labelledby="settlements-title" className="space-y-3">
      <h2 id="settlements-title" className="text-lg font-semibold">{title}</h2>
      <nav className="flex flex-wrap items-end gap-2 text-sm" aria-label={t('bankMerchants.detail.month')}>
        <Link href={`${basePath}?month=${range.previous}`} className="rounded border border-stone-300 bg-white px-3 py-1">{t('bankMerchants.detail.prevMonth')}</Link>
        <Link href={`${basePath}?month=${range.next}`} className="rounded border border-stone-300 bg-white px-3 py-1">{t('bankMerchants.detail.nextMonth')}</Link>
        <form method="get" action={basePath} className="flex items-end gap-2">
          <label className="flex flex-col gap-1">
            <span className="text-stone-600">{t('bankMerchants.detail.month')}</span>
            <input type="month" name="month" defaultValue={range.month} className="rounded border border-stone-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded-md bg-sun-700 px-3 py-1 font-medium text-white hover:bg-amber-800">{t('bankMerchants.detail.show')}</button>
        </form>
        <a href={`${csvPath}?month=${range.month}`} className="rounded border border-stone-300 bg-white px-3 py-1 text-sun-700 underline" data-testid="settlement-month-csv" download>
          {t('bankMerchants.detail.export')}
        </a>
      </nav>
      <p className="text-sm text-stone-700" data-testid="month-totals">
        {t('bankMerchants.detail.totals', { count: count(rows.length, locale), gross: money(gross), net: money(net) })}
      </p>
      <ResponsiveTable
        testId="merchant-settlements"
        label={title}
        rows={rows}
        rowKey={(row) => row.id}
        empty={t('bankMerchants.detail.none')}
        columns={[
          {
            key: 'day', header: t('bank.col.day'),
            cell: (row) => <Link href={`${detailPath}/${row.id}`} className="whitespace-nowrap font-medium text-sun-700 underline" data-settlement-id={row.id}>{date(row.day, locale)}</Link>,
          },
          { key: 'payments', header: t('bank.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
          { key: 'gross', header: t('bank.col.gross'), align: 'right', cell: (row) => money(row.grossFen) },
          { key: 'fee', header: t('bank.col.fee'), align: 'right', cell: (row) => money(row.feeFen) },
          { key: 'net', header: t('bank.col.net'), align: 'right', cell: (row) => money(row.netFen) },
          { key: 'weighed', header: t('bank.col.weighed'), align: 'right', cell: (row) => money(row.weighedFen) },
          { key: 'difference', header: t('bank.col.difference'), align: 'right', cell: (row) => money(row.differenceFen) },
          { key: 'status', header: t('bank.col.status'), cell: (row) => <Badge tone={settlementTone(row.status)}>{t(`bank.status.${row.status}`)}</Badge> },
          {
            key: 'paid', header: t('bankMerchants.col.paid'),
            cell: (row) => (row.paidAt ? <span>{dateTime(row.paidAt, locale)}{row.bankRef ? <span className="block break-all font-mono text-xs text-stone-500">{row.bankRef}</span> : null}</span> : '—'),
          },
        ]}
      />
    </section>
  );
}
