// GET /api/bank/exceptions — the payment intake's exception queue for the bank officer: unmatched
// payments, amount mismatches and conflicting notifications of the city's programme (newest first).
import { db } from '@/lib/db/client.ts';
import { listPaymentExceptions } from '@/lib/db/queries/payment-exceptions.ts';
import { apiRoute } from '@/lib/http/api.ts';

export const GET = apiRoute({
  personas: ['bank'],
  run: async (user) => {
    const exceptions = await listPaymentExceptions(db(), user.scope);
    return { ...exceptions };
  },
});
