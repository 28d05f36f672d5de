// 异常处理: the bank officer's exception queue — payments that matched nothing or differ in amount,
// conflicting notifications, and settled days whose bank total differs from the weighed total —
// each resolved once with a note (audited). ?show=resolved lists what was resolved, with its note.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { ResponsiveTable } from '@/components/responsive-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { EXCEPTION_PAGE_LIMIT, listBankExceptions, type Resolution } from '@/lib/db/bank-exceptions.ts';
import { db } from '@/lib/db/client.ts';
import { firstParam } from '@/lib/domain/search-param.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { ResolveForm } from './resolve-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankExceptions.title') };
}

export default async function BankExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('bank');
  if (user.role !== 'bank_officer') forbidden();
  const state = firstParam((await searchParams).show) === 'resolved' ? 'resolved' : 'open';
  const { locale, t } = await getTranslator();
  const { payments, conflicts, settlements } = await listBankExceptions(db(), user, state);
  const resolution = (kind: 'payment' | 'conflict' | 'settlement', id: string, done: Resolution | null) =>
    done ? (
      <div className="space-y-1">
        <p className="whitespace-pre-wrap">{done.note}</p>
        <p className="text-xs text-stone-500">{t('bankExceptions.resolvedBy', { who: done.resolvedBy, at: dateTime(done.resolvedAt, locale) })}</p>
      </div>
    ) : (
      <ResolveForm kind={kind} id={id} />
    );
  const section = (id: string, title: string, shown: number, table: ReactNode) => (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">{title} <span className="text-sm font-normal text-stone-500">({count(shown, locale)})</span></h2>
      {table}
      {shown >= EXCEPTION_PAGE_LIMIT && <p className="text-xs text-stone-500">{t('bankExceptions.limit', { limit: EXCEPTION_PAGE_LIMIT })}</p>}
    </section>
  );
  const tab = (value: 'open' | 'resolved') => (
    <Link
      href={value === 'open' ? '/bank/exceptions' : '/bank/exceptions?show=resolved'}
      aria-current={state === value ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${state === value ? 'bg-sun-700 text-white' : 'border border-stone-300 bg-white text-stone-800 hover:bg-stone-50'}`}
    >
      {t(`bankExceptions.show.${value}`)}
    </Link>
  );

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">{t('bankExceptions.title')}</h1>
        <p className="max-w-4xl text-sm text-stone-600">{t('bankExceptions.intro')}</p>
        <nav className="flex gap-2" aria-label={t('bankExceptions.title')}>{tab('open')}{tab('resolved')}</nav>
      </header>

      {section('payments-title', t('bankExceptions.payments.title'), payments.length, (
        <ResponsiveTable
          testId="exception-payments" label={t('bankExceptions.payments.title')} rows={payments} rowKey={(row) => row.id} empty={t('bankExceptions.empty')}
          columns={[
            { key: 'ref', header: t('bankExceptions.col.bankRef'), cell: (row) => <span className="break-all font-mono text-xs">{row.bankRef}</span> },
            { key: 'kind', header: t('bankExceptions.col.kind'), cell: (row) => t(`bankExceptions.kind.${row.status}`) },
            { key: 'problem', header: t('bankExceptions.col.problem'), cell: (row) => t(`bankExceptions.problem.${row.match}`) },
            { key: 'amount', header: t('bankExceptions.col.amount'), align: 'right', cell: (row) => money(row.amountFen) },
            {
              key: 'weighed', header: t('bankExceptions.col.weighed'), align: 'right',
              cell: (row) => (row.weighedFen === null ? '—' : <>{money(row.weighedFen)} <span className="text-xs text-stone-500">({t('bankExceptions.col.difference')} {money(row.amountFen - row.weighedFen)})</span></>),
            },
            { key: 'merchant', header: t('bankExceptions.col.merchant'), cell: (row) => row.shopName ?? t('bankExceptions.unknownMerchant') },
            { key: 'paidAt', header: t('bankExceptions.col.paidAt'), cell: (row) => dateTime(row.paidAt, locale) },
            { key: 'action', header: t('bankExceptions.col.action'), cell: (row) => resolution('payment', row.id, row.resolution) },
          ]}
        />
      ))}

      {section('conflicts-title', t('bankExceptions.conflicts.title'), conflicts.length, (
        <ResponsiveTable
          testId="exception-conflicts" label={t('bankExceptions.conflicts.title')} rows={conflicts} rowKey={(row) => row.id} empty={t('bankExceptions.empty')}
          columns={[
            { key: 'ref', header: t('bankExceptions.col.bankRef'), cell: (row) => <span className="break-all font-mono text-xs">{row.bankRef}</span> },
            { key: 'recorded', header: t('bankExceptions.col.recorded'), align: 'right', cell: (row) => (row.recordedFen === null ? '—' : money(row.recordedFen)) },
            { key: 'later', header: t('bankExceptions.col.later'), cell: (row) => <code className="break-all text-xs">{JSON.stringify(row.notification)}</code> },
            { key: 'receivedAt', header: t('bankExceptions.col.receivedAt'), cell: (row) => dateTime(row.receivedAt, locale) },
            { key: 'action', header: t('bankExceptions.col.action'), cell: (row) => resolution('conflict', row.id, row.resolution) },
          ]}
        />
      ))}

      {section('settlements-title', t('bankExceptions.settlements.title'), settlements.length, (
        <ResponsiveTable
          testId="exception-settlements" label={t('bankExceptions.settlements.title')} rows={settlements} rowKey={(row) => row.id} empty={t('bankExceptions.empty')}
          columns={[
            { key: 'day', header: t('bankExceptions.col.day'), cell: (row) => date(row.businessDay, locale) },
            { key: 'merchant', header: t('bankExceptions.col.merchant'), cell: (row) => row.shopName },
            { key: 'market', header: t('bankExceptions.col.market'), cell: (row) => row.marketName },
            { key: 'payments', header: t('bankExceptions.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
            { key: 'amount', header: t('bankExceptions.col.amount'), align: 'right', cell: (row) => money(row.capturedFen) },
            { key: 'weighed', header: t('bankExceptions.col.weighed'), align: 'right', cell: (row) => money(row.weighedFen) },
            { key: 'difference', header: t('bankExceptions.col.difference'), align: 'right', cell: (row) => money(row.capturedFen - row.weighedFen) },
            { key: 'action', header: t('bankExceptions.col.action'), cell: (row) => resolution('settlement', row.id, row.resolution) },
          ]}
        />
      ))}
    </div>
  );
}
