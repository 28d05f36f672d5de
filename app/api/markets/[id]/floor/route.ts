// GET /api/markets/:id/floor: the market's floor map, each stall with its state, for the map's
// poll every few seconds. ETag / If-None-Match: an unchanged floor answers 304 with no body.
// 404 when the market is unknown or outside the signed-in regulator's scope.
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { getMarketFloor } from '@/lib/db/queries/floor.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  params: z.object({ id: recordId }),
  etag: true,
  run: async (user, { id }) => {
    const floor = await getMarketFloor(db(), user.scope, id, businessDay(new Date()));
    if (!floor) throw new NotFoundError('market');
    return { floor };
  },
});
