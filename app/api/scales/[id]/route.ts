// GET /api/scales/:id: one scale with its verifications, inspections, recent check weighings and
// 30-day series; 404 when unknown or outside the signed-in regulator's scope.
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { getScale } from '@/lib/db/queries/scales.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

export const GET = apiRoute({
  personas: ['regulator'],
  params: z.object({ id: recordId }),
  run: async (user, { id }) => {
    const today = businessDay(new Date());
    const scale = await getScale(db(), user.scope, id, today);
    if (!scale) throw new NotFoundError('scale');
    return { today, scale };
  },
});
