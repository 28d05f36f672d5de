// GET /api/merchants/:id/settlements?from=YYYY-MM-DD&to=YYYY-MM-DD
// One merchant's daily settlements with their reconciliation. A merchant may read only its own id;
// any id outside the caller's scope answers 404, exactly like an id that does not exist.
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { merchantSettlements } from '@/lib/db/queries/settlements.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { checkDayRange, dayRangeFields, resolveRange } from '@/lib/domain/settlement.ts';
import { apiRoute } from '@/lib/http/api.ts';
import { NotFoundError } from '@/lib/http/errors.ts';

const params = z
  .object({ id: z.coerce.number().int().min(1).max(2_147_483_647), ...dayRangeFields })
  .superRefine(checkDayRange);

export const GET = apiRoute({
  personas: ['bank', 'merchant', 'regulator'],
  params,
  run: async (user, { id, from, to }) => {
    const range = resolveRange({ from, to }, businessDay(new Date()));
    const result = await merchantSettlements(db(), user.scope, id, range);
    if (!result) throw new NotFoundError('merchant');
    const totals = result.settlements.reduce(
      (sum, s) => ({
        paymentCount: sum.paymentCount + BigInt(s.paymentCount),
        grossFen: sum.grossFen + BigInt(s.grossFen),
        feeFen: sum.feeFen + BigInt(s.feeFen),
        netFen: sum.netFen + BigInt(s.netFen),
        weighedFen: sum.weighedFen + BigInt(s.weighedFen),
      }),
      { paymentCount: 0n, grossFen: 0n, feeFen: 0n, netFen: 0n, weighedFen: 0n },
    );
    return {
      merchant: { id: result.merchant.id, shopName: result.merchant.shopName, market: result.merchant.market },
      from: result.from,
      to: result.to,
      totals,
      settlements: result.settlements,
    };
  },
});
