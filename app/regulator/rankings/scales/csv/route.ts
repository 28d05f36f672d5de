// GET /regulator/rankings/scales/csv?…: the scale ranking with the page's filters, every row.
import { db } from '@/lib/db/client.ts';
import { rankScales } from '@/lib/db/queries/scale-ranking.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { scaleRankingQuery } from '@/lib/domain/ranking-query.ts';
import { scaleRankingCsv } from '@/lib/export/ranking-csv.ts';
import { csvRoute } from '@/lib/http/csv-route.ts';
import { translator } from '@/lib/i18n/index.ts';
import { getLocale } from '@/lib/i18n/server.ts';

export const GET = csvRoute({
  personas: ['regulator'],
  params: scaleRankingQuery,
  run: async (user, query) => {
    const today = businessDay(new Date());
    const locale = await getLocale();
    const ranking = await rankScales(db(), user.scope, { today, ...query });
    return { filename: `scale-ranking-${today}.csv`, body: scaleRankingCsv(ranking, translator(locale), locale) };
  },
});
