// GET /bank/merchants/:id/csv?month=YYYY-MM: the month of settlements the merchant page shows, as
// CSV; a merchant outside the programme is 404.
import { db } from '@/lib/db/client.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { monthQuery, monthRange } from '@/lib/domain/settlement-month.ts';
import { settlementMonthCsv } from '@/lib/export/settlement-csv.ts';
import { downloadRoute } from '@/lib/http/csv-route.ts';
import { translator } from '@/lib/i18n/index.ts';
import { getLocale } from '@/lib/i18n/server.ts';

export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  downloadRoute({
    personas: ['bank'],
    params: monthQuery,
    run: async (user, query) => {
      const id = recordId.safeParse((await context.params).id);
      if (!id.success) return null;
      const range = monthRange(query.month, businessDay(new Date()));
      const settled = await merchantSettlements(db(), user.scope, id.data, range);
      if (!settled) return null;
      return { kind: 'csv', filename: `settlements-${id.data}-${range.month}.csv`, body: settlementMonthCsv(settled.settlements, translator(await getLocale())) };
    },
  })(request);
