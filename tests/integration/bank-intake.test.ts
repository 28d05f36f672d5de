// The bank's payment webhook against the real database, through the real route handler
// (app/api/bank/payments/route.ts): refusals write nothing, a payment is counted once however often
// and however concurrently it is notified, and a payment that comes before its weighing is matched
// once the weighing is there.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadPlatformKey } from '../../lib/crypto/secret-box.ts';
import { programmeWebhookSecret, rotateWebhookSecretAs, webhookStatus, WebhookSecretForbiddenError } from '../../lib/db/bank-programme.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { ensureWeighingPartitions } from '../../lib/db/partitions.ts';
import { matchWaitingPayments } from '../../lib/db/payment-intake.ts';
import { listPaymentExceptions } from '../../lib/db/queries/payment-exceptions.ts';
import { scopeOf } from '../../lib/db/scope.ts';
import { WAITING_LIMIT_MS } from '../../lib/domain/bank/match-plan.ts';
import { signatureHeader, type Notification, type NotificationsResponse } from '../../lib/domain/bank/webhook.ts';
import { serveHandler } from '../../lib/platform/serve-handler.ts';
import { startBankSimulator } from '../../lib/simulator/bank.ts';
import { caught, demoActor } from '../support/actors.ts';
import { eventually } from '../support/eventually.ts';

let POST: (request: Request) => Promise<Response>;
let pool: pg.Pool;
let db: Db;
let secret: string;
let programmeId: number;
/** a bank-QR weighing of a programme merchant to copy new weighings from */
let template: { scaleId: number; merchantId: number; marketId: number; stallId: number | null; commodityId: number };
const run = randomBytes(3).toString('hex').toUpperCase();
let counter = 0;
const ref = () => `IT${run}${String(++counter).padStart(6, '0')}`;
const token = () => randomBytes(16).toString('base64url');
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

function request(body: string, headers: Record<string, string> = {}): Request {
  const timestamp = headers['x-sunshine-timestamp'] ?? nowSeconds();
  return new Request('http://localhost/api/bank/payments', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-sunshine-programme': String(programmeId),
      'x-sunshine-timestamp': timestamp,
      'x-sunshine-signature': signatureHeader(secret, timestamp, body),
      ...headers,
    },
    body,
  });
}

async function send(notifications: Notification[]): Promise<NotificationsResponse> {
  const response = await POST(request(JSON.stringify({ notifications })));
  expect(response.status).toBe(200);
  return (await response.json()) as NotificationsResponse;
}

const capture = (receiptToken: string, amountFen: number, overrides: Partial<Notification> = {}): Notification =>
  ({ kind: 'captured', ref: ref(), amountFen, at: new Date().toISOString(), receiptToken, ...overrides }) as Notification;

/** A new bank-QR weighing with its receipt, as the ingest writes them. */
async function weighing(priceFen: number, receiptToken = token()): Promise<{ id: bigint; token: string }> {
  const scaleTime = new Date();
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Weighing" ("scaleId", seq, "scaleTime", "merchantId", "marketId", "stallId", "commodityId", "unitPriceFenPerKg",
                             "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod")
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1000, 1000000, 0, 1000000, $8, true, 'bank_qr') RETURNING id`,
    [template.scaleId, 900_000_000 + ++counter, scaleTime, template.merchantId, template.marketId, template.stallId, template.commodityId, priceFen],
  );
  const id = BigInt(rows[0]!.id);
  await pool.query('INSERT INTO "Receipt" (token, "weighingId", "scaleId", "issuedAt") VALUES ($1, $2, $3, $4)', [receiptToken, id, template.scaleId, scaleTime]);
  return { id, token: receiptToken };
}

async function paymentRows(refs: string[]) {
  const { rows } = await pool.query<{ bankRef: string; match: string; merchantId: number | null; weighingId: string | null; amountFen: number }>(
    'SELECT "bankRef", match, "merchantId", "weighingId", "amountFen" FROM "Payment" WHERE "bankRef" = ANY($1::text[]) ORDER BY "bankRef"',
    [refs],
  );
  return rows;
}

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  process.env.SCALE_SECRET_KEY = inject('platformKey');
  ({ POST } = await import('../../app/api/bank/payments/route.ts'));
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 8 });
  db = createDb(inject('databaseUrl'));
  const { rows } = await pool.query<typeof template & { programmeId: number }>(
    `SELECT w."scaleId", w."merchantId", w."marketId", w."stallId", w."commodityId", m."programmeId"
       FROM "Weighing" w JOIN "Merchant" m ON m.id = w."merchantId"
      WHERE w."paymentMethod" = 'bank_qr' AND m."programmeId" IS NOT NULL LIMIT 1`,
  );
  template = rows[0]!;
  programmeId = rows[0]!.programmeId;
  secret = (await programmeWebhookSecret(pool, loadPlatformKey(), programmeId))!;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await ensureWeighingPartitions(pool, new Date(Date.now() - 86_400_000), new Date(Date.now() + 86_400_000));
});

afterAll(async () => {
  await pool?.end();
  await db?.$disconnect();
});

describe('refusals: a clear 4xx, and nothing written', () => {
  const body = () => JSON.stringify({ notifications: [capture(token(), 100)] });
  const refOf = (text: string) => (JSON.parse(text) as { notifications: Notification[] }).notifications[0]!.ref;

  it('a wrong signature, a signature by another secret, or an unknown programme: 401 bad_signature alike', async () => {
    const text = body();
    const cases = [
      request(text, { 'x-sunshine-signature': `v1=${'0'.repeat(64)}` }),
      request(text, { 'x-sunshine-signature': signatureHeader('e'.repeat(64), nowSeconds(), text) }),
      request(text, { 'x-sunshine-programme': '999999' }),
      new Request('http://localhost/api/bank/payments', { method: 'POST', body: `${text} `, headers: request(text).headers }),
    ];
    for (const req of cases) {
      const response = await POST(req);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'bad_signature' });
    }
    expect(await paymentRows([refOf(text)])).toEqual([]);
  });

  it('missing headers: 401 missing_headers', async () => {
    const response = await POST(new Request('http://localhost/api/bank/payments', { method: 'POST', body: body() }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'missing_headers' });
  });

  it('a timestamp more than 300 s away, even correctly signed: 401 stale_timestamp', async () => {
    for (const skew of [-301, 301, -86_400]) {
      const text = body();
      const response = await POST(request(text, { 'x-sunshine-timestamp': String(Math.floor(Date.now() / 1000) + skew) }));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'stale_timestamp' });
      expect(await paymentRows([refOf(text)])).toEqual([]);
    }
  });

  it('signed but not JSON: 400 not_json; signed but invalid: 400 with the path of each problem', async () => {
    let response = await POST(request('{"notifications": ['));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'not_json' });
    const good = capture(token(), 100);
    const bad = { ...good, ref: ref(), amountFen: -5 };
    response = await POST(request(JSON.stringify({ notifications: [good, bad] })));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string; issues: { path: string }[] };
    expect(answer.error).toBe('invalid_body');
    expect(answer.issues.map((issue) => issue.path)).toEqual(['notifications.1.amountFen']);
    expect(await paymentRows([good.ref, bad.ref])).toEqual([]); // the valid one is not written either
  });

  it('more than 1 000 notifications: 413, nothing written', async () => {
    const many = Array.from({ length: 1001 }, () => capture(token(), 100));
    const response = await POST(request(JSON.stringify({ notifications: many })));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'too_many_notifications' });
    expect(await paymentRows(many.map((n) => n.ref))).toEqual([]);
  });
});

describe('matching and idempotency', () => {
  it('matches a capture to its weighing; the same notification again is a duplicate, counted once', async () => {
    const sale = await weighing(865);
    const n = capture(sale.token, 865);
    expect((await send([n])).results).toEqual([{ ref: n.ref, outcome: 'accepted', match: 'matched' }]);
    expect((await send([n])).results).toEqual([{ ref: n.ref, outcome: 'duplicate', match: 'matched' }]);
    expect((await send([n, n])).results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(await paymentRows([n.ref])).toEqual([{ bankRef: n.ref, match: 'matched', merchantId: template.merchantId, weighingId: String(sale.id), amountFen: 865 }]);
  });

  it('a batch with the same ref twice writes it once', async () => {
    const sale = await weighing(120);
    const n = capture(sale.token, 120);
    expect((await send([n, { ...n }])).results.map((r) => r.outcome)).toEqual(['accepted', 'duplicate']);
    expect(await paymentRows([n.ref])).toHaveLength(1);
  });

  it('a ref reused with other content is a conflict: kept apart, the payment untouched', async () => {
    const sale = await weighing(300);
    const n = capture(sale.token, 300);
    await send([n]);
    const other = { ...n, amountFen: 999 };
    expect((await send([other])).results).toEqual([{ ref: n.ref, outcome: 'conflict', match: 'matched' }]);
    expect((await send([other])).results[0]!.outcome).toBe('conflict');
    expect((await paymentRows([n.ref]))[0]!.amountFen).toBe(300);
    const { rows } = await pool.query('SELECT notification FROM "PaymentConflict" WHERE "bankRef" = $1', [n.ref]);
    expect(rows).toHaveLength(1); // the same conflicting content twice is one exception
    expect(rows[0].notification).toMatchObject({ amountFen: 999 });
  });

  it('an amount that differs from the weighing is kept as amount_mismatch, linked to the merchant', async () => {
    const sale = await weighing(500);
    const n = capture(sale.token, 501);
    expect((await send([n])).results[0]!.match).toBe('amount_mismatch');
    expect((await paymentRows([n.ref]))[0]).toMatchObject({ match: 'amount_mismatch', merchantId: template.merchantId });
  });

  it('a refund matches its capture; an over-refund is a mismatch', async () => {
    const sale = await weighing(800);
    const paid = capture(sale.token, 800);
    const back: Notification = { kind: 'refunded', ref: ref(), amountFen: 800, at: new Date().toISOString(), originalRef: paid.ref };
    const tooMuch: Notification = { kind: 'reversed', ref: ref(), amountFen: 801, at: new Date().toISOString(), originalRef: paid.ref };
    expect((await send([back, paid, tooMuch])).results.map((r) => r.match)).toEqual(['matched', 'matched', 'amount_mismatch']);
    expect((await paymentRows([back.ref]))[0]!.merchantId).toBe(template.merchantId);
  });

  it('a payment that comes before its weighing waits, and is matched once the weighing arrives', async () => {
    const early = token();
    const n = capture(early, 640);
    const refund: Notification = { kind: 'refunded', ref: ref(), amountFen: 100, at: new Date().toISOString(), originalRef: n.ref };
    expect((await send([n, refund])).results.map((r) => r.match)).toEqual(['waiting', 'waiting']);
    expect((await matchWaitingPayments(pool)).stillWaiting).toBeGreaterThanOrEqual(2);
    const sale = await weighing(640, early);
    await matchWaitingPayments(pool);
    expect(await paymentRows([n.ref, refund.ref])).toEqual(
      [
        { bankRef: n.ref, match: 'matched', merchantId: template.merchantId, weighingId: String(sale.id), amountFen: 640 },
        { bankRef: refund.ref, match: 'matched', merchantId: template.merchantId, weighingId: null, amountFen: 100 },
      ].sort((a, b) => (a.bankRef < b.bankRef ? -1 : 1)),
    );
    expect((await send([n])).results[0]).toEqual({ ref: n.ref, outcome: 'duplicate', match: 'matched' });
  });

  it(`a payment whose weighing never comes is unmatched after ${WAITING_LIMIT_MS / 60_000} minutes, and in the bank's exception queue`, async () => {
    const n = capture(token(), 700);
    await send([n]);
    await matchWaitingPayments(pool, new Date(Date.now() + WAITING_LIMIT_MS + 1000));
    expect((await paymentRows([n.ref]))[0]!.match).toBe('unmatched');
    const bank = await db.user.findUniqueOrThrow({ where: { username: 'bank' } });
    const queue = await listPaymentExceptions(db, scopeOf(bank));
    expect(queue.payments.map((p) => p.bankRef)).toContain(n.ref);
  });

  it('a second capture of a receipt already paid is unmatched, never counted against the weighing twice', async () => {
    const sale = await weighing(210);
    const first = capture(sale.token, 210);
    await send([first]);
    const second = capture(sale.token, 210);
    expect((await send([second])).results[0]!.match).toBe('unmatched');
    expect((await paymentRows([second.ref]))[0]).toMatchObject({ merchantId: null, weighingId: null });
  });

  it('concurrent requests with the same refs record each payment once, and exactly one of them says accepted', async () => {
    const sales = await Promise.all(Array.from({ length: 40 }, (_, i) => weighing(100 + i)));
    const notifications = sales.map((sale, i) => capture(sale.token, 100 + i));
    const answers = await Promise.all(Array.from({ length: 6 }, (_, k) => send(k % 2 ? [...notifications].reverse() : notifications)));
    const rows = await paymentRows(notifications.map((n) => n.ref));
    expect(rows).toHaveLength(40);
    expect(rows.every((row) => row.match === 'matched')).toBe(true);
    for (const n of notifications) {
      const outcomes = answers.map((answer) => answer.results.find((r) => r.ref === n.ref)!.outcome);
      expect(outcomes.filter((o) => o === 'accepted'), n.ref).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(5);
    }
  });
});

describe('the simulated bank', () => {
  it('notifies the new bank-QR sales over HTTP, signed, and each is matched to its weighing', async () => {
    const server = await serveHandler((req) => POST(req));
    const none = { duplicate: 0, late: 0, mismatch: 0, refund: 0, reversal: 0, orphan: 0 };
    const bank = await startBankSimulator({ pool, webhookUrl: `${server.url}/api/bank/payments`, programmeId, secret, faults: none, tickMs: 200 });
    try {
      const sales = [];
      for (let i = 0; i < 20; i++) sales.push(await weighing(1_000 + i));
      const ids = sales.map((sale) => sale.id.toString());
      const rows = await eventually(
        async () => (await pool.query<{ weighingId: string; match: string }>('SELECT "weighingId", match FROM "Payment" WHERE "weighingId" = ANY($1::bigint[])', [ids])).rows,
        (found) => found.length === 20,
        { timeoutMs: 30_000 },
      );
      expect(rows.every((row) => row.match === 'matched')).toBe(true);
      // the simulator counts a notification sent when the webhook's answer is in, a moment after the COMMIT
      const stats = await eventually(async () => bank.stats(), (s) => s.sent >= 20, { timeoutMs: 10_000 });
      expect(stats).toMatchObject({ sales: 20, sent: 20, failedRequests: 0 });
    } finally {
      await bank.stop();
      await server.close();
    }
  });
});

describe('the bank officer and the webhook secret', () => {
  it('only the bank officer issues a new secret; the old one is refused at once, the new one accepted, and it is audited', async () => {
    await caught(rotateWebhookSecretAs(db, await demoActor(db, 'merchant'), loadPlatformKey()), WebhookSecretForbiddenError);
    await caught(webhookStatus(db, await demoActor(db, 'city')), WebhookSecretForbiddenError);
    const bank = await demoActor(db, 'bank');
    const status = await webhookStatus(db, bank);
    expect(status).toMatchObject({ programmeId });
    expect(status!.counts.matched).toBeGreaterThan(0);
    expect(status!.counts.conflicts).toBeGreaterThan(0);

    const old = secret;
    const rotated = await rotateWebhookSecretAs(db, bank, loadPlatformKey());
    expect(rotated.programmeId).toBe(programmeId);
    expect(rotated.secret).not.toBe(old);
    const sale = await weighing(555);
    const body = JSON.stringify({ notifications: [capture(sale.token, 555)] });
    expect((await POST(request(body))).status).toBe(401); // still signed with the old secret
    secret = rotated.secret;
    expect((await POST(request(body))).status).toBe(200);
    const audit = await db.auditEvent.findFirst({ where: { action: 'bank.webhook_secret_rotate', entityId: String(programmeId) }, orderBy: { id: 'desc' } });
    expect(audit?.userId).toBe(bank.id);
  });
});
