// GET /api/scales?page=&status=: the scale register of the signed-in regulator's scope, 50 a page.
import { db } from '@/lib/db/client.ts';
import { listScales } from '@/lib/db/queries/scales.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { scaleListQuery } from '@/lib/domain/list-query.ts';
import { apiRoute } from '@/lib/http/api.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  params: scaleListQuery,
  run: async (user, query) => {
    const today = businessDay(new Date());
    return { today, ...(await listScales(db(), user.scope, { today, page: query.page, status: query.status, online: query.online })) };
  },
});
