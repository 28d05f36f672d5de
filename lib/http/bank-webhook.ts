// POST /api/bank/payments, everything but the wiring: check the headers and the signature on the
// raw bytes, parse with the contract's zod schema, record, answer. The route file only supplies the
// pool and the platform key, so tests and the benchmark run this very function over HTTP.
// Every refusal is one JSON log line and writes nothing.
import type pg from 'pg';
import type { z } from 'zod';
import { programmeWebhookSecret } from '../db/bank-programme.ts';
import { matchWaitingPayments, recordNotifications } from '../db/payment-intake.ts';
import {
  issuesOf, MAX_BODY_BYTES, MAX_NOTIFICATIONS, notificationsBody, PROGRAMME_HEADER, REFUSALS, SIGNATURE_HEADER,
  TIMESTAMP_HEADER, timestampIsFresh, verifyWebhookSignature, type NotificationsResponse, type Refusal, type refusalResponse,
} from '../domain/bank/webhook.ts';
import { log } from '../log.ts';

export interface BankWebhookDeps {
  pool: pg.Pool;
  platformKey: Uint8Array;
  now?: () => Date;
}

function respond(body: NotificationsResponse | z.infer<typeof refusalResponse>, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

function refuse(reason: Refusal, fields: Record<string, unknown>, issues?: { path: string; message: string }[]): Response {
  log.warn('bank.webhook_refused', { reason, ...fields, ...(issues ? { issues: issues.slice(0, 20) } : {}) });
  return respond(issues ? { error: reason, issues } : { error: reason }, REFUSALS[reason]);
}

/** The body's bytes, or null once it passes `limit` (read no further than that). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// The matcher runs on webhook calls at most once a second per process: a burst of requests need
// not each scan the waiting queue.
let lastMatcherRun = 0;
const MATCHER_EVERY_MS = 1000;

export async function handleBankWebhook(request: Request, deps: BankWebhookDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const programme = request.headers.get(PROGRAMME_HEADER)?.trim() ?? '';
  const timestamp = request.headers.get(TIMESTAMP_HEADER)?.trim() ?? '';
  const signature = request.headers.get(SIGNATURE_HEADER) ?? '';
  const fields = { programme: programme.slice(0, 20), timestamp: timestamp.slice(0, 20) };
  if (!/^[1-9]\d{0,9}$/.test(programme) || !timestamp || !signature) return refuse('missing_headers', fields);
  if (!timestampIsFresh(timestamp, now)) return refuse('stale_timestamp', { ...fields, skewS: Math.round(Number(timestamp) - now.getTime() / 1000) || null });
  const raw = await readLimited(request, MAX_BODY_BYTES);
  if (!raw) return refuse('too_large', fields);
  const programmeId = Number(programme);
  // an unknown programme and a wrong signature answer alike: a caller learns nothing of which exist
  const secret = programmeId <= 2_147_483_647 ? await programmeWebhookSecret(deps.pool, deps.platformKey, programmeId) : null;
  if (!secret || !verifyWebhookSignature(secret, timestamp, raw, signature)) return refuse('bad_signature', { ...fields, bytes: raw.byteLength });

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    return refuse('not_json', { ...fields, bytes: raw.byteLength });
  }
  const count = (json as { notifications?: unknown } | null)?.notifications;
  if (Array.isArray(count) && count.length > MAX_NOTIFICATIONS) return refuse('too_many_notifications', { ...fields, notifications: count.length });
  const parsed = notificationsBody.safeParse(json);
  if (!parsed.success) return refuse('invalid_body', fields, issuesOf(parsed.error));

  const results = await recordNotifications(deps.pool, programmeId, parsed.data.notifications, now);
  const tally: Record<string, number> = {};
  for (const result of results) {
    tally[result.outcome] = (tally[result.outcome] ?? 0) + 1;
    tally[result.match] = (tally[result.match] ?? 0) + 1;
  }
  log.info('bank.payments', { programme: programmeId, notifications: results.length, ...tally });
  if (Date.now() - lastMatcherRun >= MATCHER_EVERY_MS) {
    lastMatcherRun = Date.now();
    await matchWaitingPayments(deps.pool).catch((error: unknown) => log.error('bank.matcher_failed', { error: String(error) }));
  }
  return respond({ results }, 200);
}
