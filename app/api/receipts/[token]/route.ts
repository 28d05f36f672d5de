// GET /api/receipts/:token — PUBLIC, no session: the receipt's token is the capability.
// Answers the same public facts as the page /v/:token; a malformed or unknown token is 404; a token
// printed on more than one purchase is 409 `receipt_reused` and shows neither (lib/domain/receipt-reuse.ts).
import { db } from '@/lib/db/client.ts';
import { lookUpReceipt } from '@/lib/db/queries/receipts.ts';
import { receiptTokenSchema } from '@/lib/domain/receipt.ts';
import { json } from '@/lib/http/api.ts';

export async function GET(_request: Request, ctx: { params: Promise<{ token: string }> }) {
  const parsed = receiptTokenSchema.safeParse((await ctx.params).token);
  if (!parsed.success) return json({ error: 'not_found' }, 404);
  const found = await lookUpReceipt(db(), parsed.data);
  if (found.kind === 'reused') return json({ error: 'receipt_reused' }, 409);
  if (found.kind === 'not_found') return json({ error: 'not_found' }, 404);
  return json({ receipt: found.receipt });
}
