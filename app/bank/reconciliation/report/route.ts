// GET /bank/reconciliation/report?statement=ID&show=exceptions|all&table=lines|merchant_days&format=csv|xlsx:
// the result of one import, with the page's rows (same filter), every row rather than one page.
// Another programme's import answers 404, like one that does not exist.
import { db } from '@/lib/db/client.ts';
import { getStatement, statementLines, statementMerchantDays } from '@/lib/db/bank-statements.ts';
import { reconciliationReportQuery } from '@/lib/domain/reconciliation.ts';
import { linesCsv, merchantDaysCsv, reconciliationXlsx } from '@/lib/export/reconciliation-report.ts';
import { downloadRoute } from '@/lib/http/csv-route.ts';
import { translator } from '@/lib/i18n/index.ts';
import { getLocale } from '@/lib/i18n/server.ts';

export const GET = downloadRoute({
  personas: ['bank'],
  params: reconciliationReportQuery,
  run: async (user, query) => {
    const statement = await getStatement(db(), user, query.statement);
    if (!statement) return null;
    const locale = await getLocale();
    const t = translator(locale);
    const name = `reconciliation-${statement.businessDay}-${statement.id}-${query.show}`;
    const exceptionsOnly = query.show === 'exceptions';
    if (query.format === 'xlsx') {
      const [lines, days] = await Promise.all([
        statementLines(db(), user, statement.id, query.show, null),
        statementMerchantDays(db(), user, statement.id, exceptionsOnly),
      ]);
      return { kind: 'xlsx', filename: `${name}.xlsx`, body: await reconciliationXlsx(lines?.rows ?? [], days ?? [], t, locale) };
    }
    if (query.table === 'merchant_days') {
      const days = await statementMerchantDays(db(), user, statement.id, exceptionsOnly);
      return { kind: 'csv', filename: `${name}-merchant-days.csv`, body: merchantDaysCsv(days ?? [], t) };
    }
    const lines = await statementLines(db(), user, statement.id, query.show, null);
    return { kind: 'csv', filename: `${name}.csv`, body: linesCsv(lines?.rows ?? [], t, locale) };
  },
});
