// One import of the bank's statement: its counts, the lines that need a look (or all of them),
// and each merchant-day's statement total against its settlement; the same rows download as CSV
// or XLSX. Another programme's import is "not found", like one that does not exist.
import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { Badge, type BadgeTone } from '@/components/badge.tsx';
import { ResponsiveTable } from '@/components/responsive-table.tsx';
import { Pager } from '@/components/pager.tsx';
import { signedMoney } from '@/components/signed-money.ts';
import { StatCard } from '@/components/stat-card.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canReconcile, getStatement, statementLines, statementMerchantDays, type MerchantRef } from '@/lib/db/bank-statements.ts';
import { RECONCILIATION_PAGE_SIZE, RECONCILIATION_SHOW, reconciliationViewQuery, type LineResult, type MerchantDayResult, type ReconciliationShow } from '@/lib/domain/reconciliation.ts';
import { dayGapFen, differencesLabel, kindLabel, lineGapFen } from '@/lib/export/reconciliation-report.ts';
import { count, date, dateTime, money } from '@/lib/i18n/format.ts';
import type { Translate } from '@/lib/i18n/index.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('recon.title') };
}

const LINE_TONE: Record<LineResult, BadgeTone> = { matched: 'green', mismatched: 'red', unmatched: 'amber', missing_from_statement: 'amber' };
const DAY_TONE: Record<MerchantDayResult, BadgeTone> = { agrees: 'green', differs: 'red', no_settlement: 'stone' };

function statementId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function MerchantCell({ merchant, licenseNo, t }: { merchant: MerchantRef | null; licenseNo: string | null; t: Translate }) {
  return (
    <span className="block min-w-40">
      <span className="block">{merchant?.shopName ?? t('recon.unknownMerchant')}</span>
      <span className="block font-mono text-xs text-stone-500">{merchant?.licenseNo ?? licenseNo ?? ''}</span>
    </span>
  );
}

export default async function ReconciliationResultPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requirePersona('bank');
  if (!canReconcile(user.role)) forbidden();
  const id = statementId((await params).id);
  const statement = id === null ? null : await getStatement(db(), user, id);
  if (!statement) notFound();
  const { locale, t } = await getTranslator();
  const query = reconciliationViewQuery.parse(await searchParams);
  const exceptionsOnly = query.show === 'exceptions';

  const [lines, days] = await Promise.all([
    statementLines(db(), user, statement.id, query.show, { page: query.page, pageSize: RECONCILIATION_PAGE_SIZE }),
    statementMerchantDays(db(), user, statement.id, exceptionsOnly),
  ]);
  const total = lines?.total ?? 0;
  const window = { page: lines?.page ?? 1, pages: lines?.pages ?? 1 };
  const base = `/bank/reconciliation/${statement.id}`;
  const href = (show: ReconciliationShow, page: number) => `${base}?show=${show}${page > 1 ? `&page=${page}` : ''}`;
  const report = (extra: string) => `/bank/reconciliation/report?statement=${statement.id}&show=${query.show}${extra}`;
  const c = statement.counts;

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <Link href="/bank/reconciliation" className="text-sm text-sun-700 underline">{t('recon.detail.back')}</Link>
        <h1 className="text-xl font-semibold" data-testid="statement-title">{t('recon.detail.title', { day: date(statement.businessDay, locale) })}</h1>
        <p className="break-words text-sm text-stone-600">
          {t('recon.detail.meta', {
            file: statement.fileName, lines: count(statement.lineCount, locale), total: money(statement.capturedFen),
            by: statement.importedBy ?? '—', at: dateTime(statement.importedAt, locale),
          })}
        </p>
        <p className="text-xs text-stone-500">{t('recon.detail.snapshot')}</p>
      </header>

      <section className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <StatCard label={t('recon.stat.matched')} value={count(c.matched, locale)} tone="good" testId="count-matched" />
        <StatCard label={t('recon.stat.mismatched')} value={count(c.mismatched, locale)} tone={c.mismatched > 0 ? 'bad' : 'default'} testId="count-mismatched" />
        <StatCard label={t('recon.stat.unmatched')} value={count(c.unmatched, locale)} tone={c.unmatched > 0 ? 'warn' : 'default'} testId="count-unmatched" />
        <StatCard label={t('recon.stat.missing')} value={count(c.missing_from_statement, locale)} tone={c.missing_from_statement > 0 ? 'warn' : 'default'} testId="count-missing" />
        <StatCard label={t('recon.stat.merchantDays')} value={count(statement.merchantDaysDiffer, locale)} tone={statement.merchantDaysDiffer > 0 ? 'bad' : 'default'} testId="count-merchant-days" />
      </section>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action={base} className="flex items-end gap-2 text-sm" data-testid="show-filter">
          <label className="flex flex-col gap-1">
            <span className="text-stone-600">{t('recon.show.label')}</span>
            <select name="show" defaultValue={query.show} className="rounded border border-stone-300 px-2 py-1">
              {RECONCILIATION_SHOW.map((show) => <option key={show} value={show}>{t(`recon.show.${show}`)}</option>)}
            </select>
          </label>
          <button type="submit" className="rounded bg-sun-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800">{t('recon.show.apply')}</button>
        </form>
        <nav className="flex flex-wrap gap-2 text-sm" aria-label={t('recon.download.csv')}>
          <a href={report('&table=lines&format=csv')} className="rounded border border-stone-300 bg-white px-3 py-1.5 hover:border-sun-500" data-testid="csv-link" download>{t('recon.download.csv')}</a>
          <a href={report('&format=xlsx')} className="rounded border border-stone-300 bg-white px-3 py-1.5 hover:border-sun-500" data-testid="xlsx-link" download>{t('recon.download.xlsx')}</a>
        </nav>
      </div>

      <section aria-labelledby="lines-title" className="space-y-2">
        <h2 id="lines-title" className="text-lg font-semibold">{t('recon.lines.title')}</h2>
        <ResponsiveTable
          testId="line-table"
          label={t('recon.lines.title')}
          rows={lines?.rows ?? []}
          rowKey={(row) => row.id.toString()}
          empty={t(exceptionsOnly ? 'recon.lines.empty' : 'recon.lines.emptyAll')}
          columns={[
            { key: 'line', header: t('recon.col.line'), align: 'right', cell: (row) => row.lineNo ?? '—' },
            {
              key: 'result', header: t('recon.col.result'),
              cell: (row) => <span className="whitespace-nowrap" data-bank-ref={row.bankRef} data-result={row.result}><Badge tone={LINE_TONE[row.result]}>{t(`recon.result.${row.result}`)}</Badge></span>,
            },
            { key: 'ref', header: t('recon.col.bankRef'), cell: (row) => <span className="font-mono text-xs">{row.bankRef}</span> },
            { key: 'diff', header: t('recon.col.differences'), cell: (row) => differencesLabel(t, locale, row.differences) },
            {
              key: 's-merchant', header: `${t('recon.col.statementSide')} · ${t('recon.col.merchant')}`,
              cell: (row) => (row.statement ? <MerchantCell merchant={row.statement.merchant} licenseNo={row.statement.licenseNo} t={t} /> : '—'),
            },
            {
              key: 's-amount', header: `${t('recon.col.statementSide')} · ${t('recon.col.amount')}`, align: 'right',
              cell: (row) => (row.statement ? <span data-testid="statement-amount">{money(row.statement.amountFen)}</span> : '—'),
            },
            {
              key: 's-kind', header: `${t('recon.col.statementSide')} · ${t('recon.col.kind')}`,
              cell: (row) => (row.statement ? `${kindLabel(t, row.statement.kind)} · ${row.statement.businessDay}` : '—'),
            },
            {
              key: 'p-merchant', header: `${t('recon.col.platformSide')} · ${t('recon.col.merchant')}`,
              cell: (row) => (row.payment ? <MerchantCell merchant={row.payment.merchant} licenseNo={null} t={t} /> : '—'),
            },
            {
              key: 'p-amount', header: `${t('recon.col.platformSide')} · ${t('recon.col.amount')}`, align: 'right',
              cell: (row) => (row.payment ? <span data-testid="payment-amount">{money(row.payment.amountFen)}</span> : '—'),
            },
            {
              key: 'p-kind', header: `${t('recon.col.platformSide')} · ${t('recon.col.kind')}`,
              cell: (row) => (row.payment ? `${kindLabel(t, row.payment.status)} · ${row.payment.businessDay}` : '—'),
            },
            { key: 'gap', header: t('recon.col.gap'), align: 'right', cell: (row) => { const gap = lineGapFen(row); return gap === null ? '—' : signedMoney(gap); } },
          ]}
        />
        <Pager
          testId="line-pager"
          summary={t('recon.lines.summary', { total: count(total, locale), page: window.page, pages: window.pages })}
          links={[
            { label: t('bank.paging.first'), href: window.page > 1 ? href(query.show, 1) : null },
            { label: t('bank.paging.prev'), href: window.page > 1 ? href(query.show, window.page - 1) : null, testId: 'page-prev' },
            { label: t('bank.paging.next'), href: window.page < window.pages ? href(query.show, window.page + 1) : null, testId: 'page-next' },
          ]}
        />
      </section>

      <section aria-labelledby="days-title" className="space-y-2">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="days-title" className="text-lg font-semibold">{t('recon.days.title')}</h2>
          <a href={report('&table=merchant_days&format=csv')} className="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:border-sun-500" data-testid="days-csv-link" download>{t('recon.download.csv')}</a>
        </div>
        <ResponsiveTable
          testId="merchant-day-table"
          label={t('recon.days.title')}
          rows={days ?? []}
          rowKey={(row) => row.merchantId}
          empty={t(exceptionsOnly ? 'recon.days.empty' : 'recon.days.emptyAll')}
          columns={[
            { key: 'merchant', header: t('recon.col.merchant'), cell: (row) => <MerchantCell merchant={row.merchant} licenseNo={null} t={t} /> },
            {
              key: 'result', header: t('recon.col.result'),
              cell: (row) => <span className="whitespace-nowrap" data-merchant-id={row.merchantId} data-result={row.result}><Badge tone={DAY_TONE[row.result]}>{t(`recon.dayResult.${row.result}`)}</Badge></span>,
            },
            { key: 'count', header: t('recon.col.statementCount'), align: 'right', cell: (row) => count(row.statementCount, locale) },
            { key: 'statement', header: t('recon.col.statementTotal'), align: 'right', cell: (row) => money(row.statementFen) },
            { key: 'gross', header: t('recon.col.settlementGross'), align: 'right', cell: (row) => (row.settlementGrossFen === null ? '—' : money(row.settlementGrossFen)) },
            { key: 'gap', header: t('recon.col.dayGap'), align: 'right', cell: (row) => { const gap = dayGapFen(row); return gap === null ? '—' : signedMoney(gap); } },
          ]}
        />
      </section>
    </div>
  );
}
