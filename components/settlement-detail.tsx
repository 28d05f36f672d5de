// One settlement as the bank and the merchant read it: when it closed and was paid out, how the
// payout is made up (captures, refunds, gross, fee, adjustments, net), the day's captures against
// what the scales weighed — explained in figures when they differ — and every line behind it.
import Link from 'next/link';
import { Badge } from './badge.tsx';
import { FactList } from './fact-list.tsx';
import { ResponsiveTable } from './responsive-table.tsx';
import { settlementTone } from './status-tones.ts';
import type { SettlementDetail } from '@/lib/db/queries/settlement-lines.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function SettlementDetailView({ settlement, backHref }: { settlement: SettlementDetail; backHref: string }) {
  const { locale, t } = await getTranslator();
  const s = settlement;
  const captured = s.grossFen + s.refundedFen;
  const difference = captured - s.weighedFen;
  const explanation = difference === 0 ? t('settlementDetail.balanced') : t(difference < 0 ? 'settlementDetail.short' : 'settlementDetail.over', { amount: money(Math.abs(difference)) });
  const figure = (label: MessageKey, fen: number, testId: string, strong = false) => (
    <div className={`flex justify-between gap-4 py-1 ${strong ? 'border-t border-stone-300 font-semibold' : ''}`}>
      <dt>{t(label)}</dt>
      <dd className="tabular-nums" data-testid={testId}>{money(fen)}</dd>
    </div>
  );
  return (
    <div className="space-y-5">
      <Link href={backHref} className="text-sm text-sun-700 underline">{t('settlementDetail.back')}</Link>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">{t('settlementDetail.title', { day: date(s.day, locale) })}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
          <span>{s.merchant.shopName}</span>
          <Badge tone={settlementTone(s.status)}>{t(`bank.status.${s.status}`)}</Badge>
        </p>
        <FactList
          facts={[
            { label: t('settlementDetail.closedAt'), value: dateTime(s.closedAt, locale) },
            {
              label: t('settlementDetail.payout'), testId: 'settlement-payout',
              value: s.paidAt ? <span>{dateTime(s.paidAt, locale)} <span className="break-all font-mono text-xs">{s.bankRef}</span></span> : t('settlementDetail.notPaid'),
            },
            { label: t('bank.col.payments'), value: count(s.paymentCount, locale) },
          ]}
        />
      </header>
      <section aria-labelledby="figures-title" className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="figures-title" className="mb-2 font-semibold">{t('settlementDetail.figures')}</h2>
        <dl className="max-w-md">
          {figure('settlementDetail.captured', captured, 'figure-captured')}
          {figure('settlementDetail.refunded', -s.refundedFen, 'figure-refunded')}
          {figure('settlementDetail.gross', s.grossFen, 'figure-gross', true)}
          {figure('settlementDetail.fee', -s.feeFen, 'figure-fee')}
          {figure('settlementDetail.adjustment', s.adjustmentFen, 'figure-adjustment')}
          {figure('settlementDetail.net', s.netFen, 'figure-net', true)}
        </dl>
        <dl className="mt-4 max-w-md">
          {figure('settlementDetail.weighed', s.weighedFen, 'figure-weighed')}
          {figure('settlementDetail.difference', difference, 'figure-difference', true)}
        </dl>
        <p className={`mt-2 ${difference === 0 ? 'text-stone-700' : 'text-amber-900'}`} data-testid="settlement-explanation">{explanation}</p>
      </section>
      <section aria-labelledby="lines-title" className="space-y-2">
        <h2 id="lines-title" className="text-lg font-semibold">{t('settlementDetail.lines', { count: count(s.lines.length, locale) })}</h2>
        <ResponsiveTable
          testId="settlement-lines"
          label={t('settlementDetail.lines', { count: count(s.lines.length, locale) })}
          rows={s.lines}
          rowKey={(line) => line.id}
          empty={t('settlementDetail.noLines')}
          columns={[
            {
              key: 'kind', header: t('settlementDetail.col.kind'),
              cell: (line) => <span>{t(`settlementDetail.kind.${line.kind}`)}{line.note ? <span className="block text-xs text-stone-500">{t(`settlementDetail.note.${line.note}` as MessageKey)}</span> : null}</span>,
            },
            { key: 'day', header: t('settlementDetail.col.causeDay'), cell: (line) => date(line.causeDay, locale) },
            { key: 'amount', header: t('settlementDetail.col.amount'), align: 'right', cell: (line) => money(line.amountFen) },
            { key: 'fee', header: t('settlementDetail.col.fee'), align: 'right', cell: (line) => money(line.feeFen) },
            { key: 'ref', header: t('settlementDetail.col.bankRef'), cell: (line) => <span className="break-all font-mono text-xs">{line.bankRef ?? '—'}</span> },
            { key: 'paidAt', header: t('settlementDetail.col.paidAt'), cell: (line) => (line.paidAt ? dateTime(line.paidAt, locale) : '—') },
            {
              key: 'receipt', header: t('settlementDetail.col.receipt'),
              cell: (line) => (line.receiptToken ? <Link href={`/v/${line.receiptToken}`} className="text-sun-700 underline">{t('settlementDetail.receipt')}</Link> : '—'),
            },
          ]}
        />
      </section>
    </div>
  );
}
