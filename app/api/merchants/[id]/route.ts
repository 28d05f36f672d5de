// GET /api/merchants/:id: a merchant with its market and stalls. Regulators see the merchants in
// their scope, the bank the programme city's, a merchant user only itself; anything else is 404.
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { getMerchant } from '@/lib/db/queries/merchants.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

export const GET = apiRoute({
  personas: ['regulator', 'bank', 'merchant'],
  params: z.object({ id: recordId }),
  run: async (user, { id }) => {
    const merchant = await getMerchant(db(), user.scope, id);
    if (!merchant) throw new NotFoundError('merchant');
    return { merchant };
  },
});
