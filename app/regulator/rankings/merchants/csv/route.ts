// GET /regulator/rankings/merchants/csv?…: the merchant ranking with the page's filters, every row.
import { db } from '@/lib/db/client.ts';
import { rankMerchants } from '@/lib/db/queries/merchant-ranking.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { merchantRankingQuery } from '@/lib/domain/ranking-query.ts';
import { merchantRankingCsv } from '@/lib/export/ranking-csv.ts';
import { csvRoute } from '@/lib/http/csv-route.ts';
import { translator } from '@/lib/i18n/index.ts';
import { getLocale } from '@/lib/i18n/server.ts';

export const GET = csvRoute({
  personas: ['regulator'],
  params: merchantRankingQuery,
  run: async (user, query) => {
    const today = businessDay(new Date());
    const locale = await getLocale();
    const ranking = await rankMerchants(db(), user.scope, { today, ...query });
    return { filename: `merchant-ranking-${today}.csv`, body: merchantRankingCsv(ranking, translator(locale), locale) };
  },
});
