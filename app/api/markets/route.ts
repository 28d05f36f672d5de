// GET /api/markets: the markets in the signed-in regulator's scope, with their figures.
import { db } from '@/lib/db/client.ts';
import { listMarketSummaries } from '@/lib/db/queries/markets.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { apiRoute } from '@/lib/http/api.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  run: async (user) => {
    const today = businessDay(new Date());
    return { today, markets: await listMarketSummaries(db(), user.scope, today) };
  },
});
