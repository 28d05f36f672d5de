// POST /api/bank/payments — the bank's signed payment notifications (contract: /bank-api and
// /openapi.json). Authenticated by the programme's HMAC signature, not a session.
import { loadPlatformKey } from '@/lib/crypto/secret-box.ts';
import { pool } from '@/lib/db/pool.ts';
import { handleBankWebhook } from '@/lib/http/bank-webhook.ts';

export const dynamic = 'force-dynamic';

let platformKey: Buffer | undefined;

export async function POST(request: Request): Promise<Response> {
  platformKey ??= loadPlatformKey();
  return handleBankWebhook(request, { pool: pool(), platformKey });
}
