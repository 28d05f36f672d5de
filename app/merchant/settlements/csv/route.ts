// GET /merchant/settlements/csv?month=YYYY-MM: the signed-in merchant's month of settlements as CSV.
import { db } from '@/lib/db/client.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { monthQuery, monthRange } from '@/lib/domain/settlement-month.ts';
import { settlementMonthCsv } from '@/lib/export/settlement-csv.ts';
import { downloadRoute } from '@/lib/http/csv-route.ts';
import { translator } from '@/lib/i18n/index.ts';
import { getLocale } from '@/lib/i18n/server.ts';

export const GET = downloadRoute({
  personas: ['merchant'],
  params: monthQuery,
  run: async (user, query) => {
    if (user.scope.kind !== 'merchant') return null;
    const range = monthRange(query.month, businessDay(new Date()));
    const settled = await merchantSettlements(db(), user.scope, user.scope.merchantId, range);
    if (!settled) return null;
    return { kind: 'csv', filename: `settlements-${range.month}.csv`, body: settlementMonthCsv(settled.settlements, translator(await getLocale())) };
  },
});
