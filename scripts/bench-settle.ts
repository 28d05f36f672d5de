// `npm run bench:settle`: bank payment notifications per second through the real webhook handler
// (lib/http/bank-webhook.ts, what app/api/bank/payments/route.ts calls) served over HTTP on
// loopback, into a seeded database of the bench's own. Measures in one run: (1) batched, 500
// notifications per signed request, 4 requests in flight; (2) a naive baseline, one request per
// notification (so one INSERT each), one at a time. Every notification is a capture of a real
// bank-QR sale of the seed, so each is matched against its weighing on the way. Prints one JSON line.
// The seed's 3 days hold about 34 000 bank-QR sales; BENCH_NOTIFICATIONS caps what is sent.
// Then closing one business day of 20 000 merchants and 1 000 000 payments (scripts/bench-close.ts),
// in another database of its own, against a naive per-merchant loop: a second JSON line.
// BENCH_PART=intake or BENCH_PART=close runs one half only.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { programmeWebhookSecret } from '../lib/db/bank-programme.ts';
import { migrate } from '../lib/db/migrate.ts';
import { seedDemoCity } from '../lib/db/seed/index.ts';
import { signatureHeader, type Notification, type NotificationsResponse } from '../lib/domain/bank/webhook.ts';
import { handleBankWebhook } from '../lib/http/bank-webhook.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase, startEmbeddedPostgres } from '../lib/platform/embedded-postgres.ts';
import { serveHandler } from '../lib/platform/serve-handler.ts';
import { benchClose } from './bench-close.ts';

const N = Number(process.env.BENCH_NOTIFICATIONS ?? 50_000);
const BASELINE_N = Number(process.env.BENCH_BASELINE_NOTIFICATIONS ?? 2_000);
const BATCH = 500;
const IN_FLIGHT = 4;
const PART = process.env.BENCH_PART ?? 'all';
const say = (message: string) => console.error(`[bench] ${message}`);

const cleanups: (() => Promise<void>)[] = [];
async function cleanup() {
  for (const step of cleanups) await step().catch((error: unknown) => say(`cleanup: ${String(error)}`));
}

try {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-bench-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir: dir, port: 54_000 + Math.floor(Math.random() * 1000) });
    serverUrl = embedded.serverUrl;
    cleanups.push(async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  if (PART !== 'close') await benchIntake(serverUrl);
  if (PART !== 'intake') {
    const closeDb = `ss_bench_close_${process.pid}`;
    await createDatabaseIfMissing(serverUrl, closeDb);
    const server = serverUrl;
    cleanups.unshift(() => dropDatabase(server, closeDb));
    await migrate(databaseUrlFor(serverUrl, closeDb));
    console.log(JSON.stringify({ ...(await benchClose(databaseUrlFor(serverUrl, closeDb), say)), cores: cpus().length, node: process.version }));
  }
} finally {
  await cleanup();
}

async function benchIntake(serverUrl: string): Promise<void> {
  const dbName = `ss_bench_settle_${process.pid}`;
  await createDatabaseIfMissing(serverUrl, dbName);
  const databaseUrl = databaseUrlFor(serverUrl, dbName);
  const server = serverUrl;
  cleanups.unshift(() => dropDatabase(server, dbName));
  const platformKey = loadPlatformKey({ SCALE_SECRET_KEY: randomBytes(32).toString('base64') });
  await migrate(databaseUrl);
  say('seeding the demo city (3 days)…');
  await seedDemoCity(databaseUrl, { historyDays: 3, platformKey });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  cleanups.unshift(() => pool.end());
  // the seed's payments stand for notifications already received: these sales are now paid afresh
  // (their settlements go first: a counted payment cannot be deleted under its line)
  await pool.query('DELETE FROM "SettlementLine"; DELETE FROM "Settlement"; DELETE FROM "BusinessDayClose"; DELETE FROM "Payment"');
  const { rows: sales } = await pool.query<{ token: string; priceFen: number; scaleTime: Date; programmeId: number }>(
    `SELECT r.token, w."priceFen", w."scaleTime", m."programmeId"
       FROM "Weighing" w JOIN "Receipt" r ON r."weighingId" = w.id JOIN "Merchant" m ON m.id = w."merchantId"
      WHERE w."paymentMethod" = 'bank_qr' AND m."programmeId" IS NOT NULL
      ORDER BY w.id LIMIT $1`,
    [N + BASELINE_N],
  );
  if (sales.length < N + BASELINE_N) say(`only ${sales.length} bank-QR sales in the seed; using them all`);
  const programmeId = sales[0]!.programmeId;
  const secret = (await programmeWebhookSecret(pool, platformKey, programmeId))!;
  let counter = 0;
  const notifications: Notification[] = sales.map((sale) => ({
    kind: 'captured', ref: `BENCH${String(++counter).padStart(9, '0')}`, amountFen: sale.priceFen,
    at: new Date(sale.scaleTime.getTime() + 3_000).toISOString(), receiptToken: sale.token,
  }));
  const baselineSet = notifications.slice(0, Math.min(BASELINE_N, Math.floor(notifications.length / 10)));
  const batchedSet = notifications.slice(baselineSet.length);

  const served = await serveHandler((request) => handleBankWebhook(request, { pool, platformKey }));
  cleanups.unshift(() => served.close());
  const url = `${served.url}/api/bank/payments`;
  // the handler logs one line per request; the bench prints only its own figures
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;

  const post = async (batch: Notification[]): Promise<NotificationsResponse> => {
    const body = JSON.stringify({ notifications: batch });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', 'x-sunshine-programme': String(programmeId), 'x-sunshine-timestamp': timestamp,
        'x-sunshine-signature': signatureHeader(secret, timestamp, body),
      },
      body,
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as NotificationsResponse;
  };

  // warm-up: connections, JIT, plans (a few notifications of the baseline set, counted in neither)
  const warm = baselineSet.splice(0, 20);
  for (const n of warm) await post([n]);

  let started = performance.now();
  for (const n of baselineSet) await post([n]);
  const naiveSeconds = (performance.now() - started) / 1000;

  const batches: Notification[][] = [];
  for (let i = 0; i < batchedSet.length; i += BATCH) batches.push(batchedSet.slice(i, i + BATCH));
  started = performance.now();
  let next = 0;
  const outcomes = { accepted: 0, matched: 0 };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches.length) {
        const answer = await post(batches[next++]!);
        for (const result of answer.results) {
          if (result.outcome === 'accepted') outcomes.accepted++;
          if (result.match === 'matched') outcomes.matched++;
        }
      }
    }),
  );
  const batchedSeconds = (performance.now() - started) / 1000;
  process.stdout.write = write;
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Payment" WHERE "bankRef" LIKE 'BENCH%' AND match = 'matched'`);

  const naivePerS = Math.round(baselineSet.length / naiveSeconds);
  const batchedPerS = Math.round(batchedSet.length / batchedSeconds);
  console.log(JSON.stringify({
    bench: 'settle.intake',
    batched: { notifications: batchedSet.length, perRequest: BATCH, inFlight: IN_FLIGHT, seconds: Number(batchedSeconds.toFixed(2)), perSecond: batchedPerS, accepted: outcomes.accepted, matched: outcomes.matched },
    naive: { notifications: baselineSet.length, perRequest: 1, inFlight: 1, seconds: Number(naiveSeconds.toFixed(2)), perSecond: naivePerS },
    ratio: Number((batchedPerS / naivePerS).toFixed(1)),
    matchedInDatabase: Number(rows[0]!.n),
    target: { perSecond: 5_000, met: batchedPerS >= 5_000 },
    cores: cpus().length,
    node: process.version,
  }));
}
