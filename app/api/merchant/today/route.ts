// GET /api/merchant/today: the signed-in merchant's takings of the business day so far, for the live
// figure on its home page (polled every few seconds; ETag / If-None-Match: unchanged costs a 304).
import { db } from '@/lib/db/client.ts';
import { merchantToday } from '@/lib/db/queries/merchant-today.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

export const GET = apiRoute({
  personas: ['merchant'],
  etag: true,
  run: async (user) => {
    if (user.scope.kind !== 'merchant') throw new NotFoundError('merchant');
    const today = await merchantToday(db(), user.scope, user.scope.merchantId, businessDay(new Date()));
    if (!today) throw new NotFoundError('merchant');
    return { today };
  },
});
