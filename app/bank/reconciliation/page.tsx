// 银行对账单对账: the bank officer uploads the day's statement and finds earlier imports here. The
// statement format is documented on the page itself (and in the README), from the same column list
// the parser uses.
import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { ResponsiveTable } from '@/components/responsive-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canReconcile, listStatements } from '@/lib/db/bank-statements.ts';
import { STATEMENT_COLUMNS } from '@/lib/domain/bank-statement.ts';
import { count, date, dateTime } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { UploadForm } from './upload-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('recon.title') };
}

const EXAMPLE = [
  STATEMENT_COLUMNS.join(','),
  'CCB20261201000123,92430408MA4L3K2X1B,2026-12-01,captured,12.30',
  'CCB20261201000124,92430408MA4L3K2X1B,2026-12-01,refunded,0.10',
].join('\n');

export default async function ReconciliationPage() {
  const user = await requirePersona('bank');
  if (!canReconcile(user.role)) forbidden();
  const { locale, t } = await getTranslator();
  const statements = await listStatements(db(), user);

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">{t('recon.title')}</h1>
        <p className="max-w-4xl text-sm text-stone-600">{t('recon.intro')}</p>
      </header>

      <section className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" aria-labelledby="upload-title">
        <h2 id="upload-title" className="mb-3 text-lg font-semibold">{t('recon.upload.title')}</h2>
        <UploadForm />
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title" className="mb-2 text-lg font-semibold">{t('recon.list.title')}</h2>
        <ResponsiveTable
          testId="statement-table"
          label={t('recon.list.title')}
          rows={statements}
          rowKey={(row) => row.id}
          empty={t('recon.list.empty')}
          columns={[
            {
              key: 'day', header: t('recon.col.day'),
              cell: (row) => <Link href={`/bank/reconciliation/${row.id}`} className="font-medium text-sun-700 underline" data-statement-id={row.id}>{date(row.businessDay, locale)}</Link>,
            },
            { key: 'file', header: t('recon.col.file'), cell: (row) => <span className="break-all">{row.fileName}</span> },
            { key: 'lines', header: t('recon.col.lines'), align: 'right', cell: (row) => count(row.lineCount, locale) },
            { key: 'matched', header: t('recon.col.matched'), align: 'right', cell: (row) => count(row.counts.matched, locale) },
            {
              key: 'exceptions', header: t('recon.col.exceptions'), align: 'right',
              cell: (row) => count(row.counts.mismatched + row.counts.unmatched + row.counts.missing_from_statement, locale),
            },
            { key: 'at', header: t('recon.col.importedAt'), cell: (row) => dateTime(row.importedAt, locale) },
            { key: 'by', header: t('recon.col.importedBy'), cell: (row) => row.importedBy ?? '' },
          ]}
        />
      </section>

      <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm" aria-labelledby="format-title" data-testid="statement-format">
        <h2 id="format-title" className="mb-2 text-lg font-semibold">{t('recon.format.title')}</h2>
        <p className="mb-3 text-stone-700">{t('recon.format.encoding')}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {STATEMENT_COLUMNS.map((column) => (
            <div key={column} className="contents">
              <dt className="font-mono font-medium">{column}</dt>
              <dd className="text-stone-700">{t(`recon.format.col.${column}`)}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-3 font-medium">{t('recon.format.example')}</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-stone-100 p-2 text-xs" tabIndex={0}>{EXAMPLE}</pre>
      </section>
    </div>
  );
}
