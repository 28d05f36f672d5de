// GET /api/markets/:id: one market with its stalls, their scales and its figures; 404 when unknown
// or outside the signed-in regulator's scope.
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { getMarketDetail } from '@/lib/db/queries/markets.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  params: z.object({ id: recordId }),
  run: async (user, { id }) => {
    const today = businessDay(new Date());
    const market = await getMarketDetail(db(), user.scope, id, today);
    if (!market) throw new NotFoundError('market');
    return { today, market };
  },
});
