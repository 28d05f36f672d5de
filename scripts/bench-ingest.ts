// `npm run bench:ingest`: signed weighings through the real broker (MQTT_URL, Mosquitto for the
// MQTT 5 shared subscription; the embedded broker otherwise) into a database of the bench's own.
// Measures, in one run: (1) the pipeline, first publish → last COMMIT, and publish → commit
// latency at a fixed 5 000/s; (2) a naive baseline, one Prisma create per message, acknowledged
// after each; (3) the database ceiling, COPY of the same rows; (4) the broker ceiling, the same
// publishers and a subscriber that only acknowledges. Prints one JSON line at the end.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { seal } from '../lib/crypto/secret-box.ts';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { seedDemoCity } from '../lib/db/seed/index.ts';
import { priceToPay } from '../lib/domain/metrology/price-to-pay.ts';
import { decodeMessage } from '../lib/domain/protocol/decode.ts';
import { verifySignature, withSignature } from '../lib/domain/protocol/signature.ts';
import { weighingTopic } from '../lib/domain/protocol/topics.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase, startEmbeddedPostgres } from '../lib/platform/embedded-postgres.ts';
import { startEmbeddedBroker } from '../lib/platform/embedded-broker.ts';
import { mosquittoAvailable, startMosquitto } from '../lib/platform/mosquitto.ts';

const N = Number(process.env.BENCH_MESSAGES ?? 60_000);
const BASELINE_N = Number(process.env.BENCH_BASELINE_MESSAGES ?? 3_000);
const LATENCY_RATE = 5_000;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const SCALES = 200;
const PUBLISHERS = 4;
const root = path.resolve(import.meta.dirname, '..');
const say = (message: string) => console.error(`[bench] ${message}`);

// ── services ──
const cleanups: (() => Promise<void>)[] = [];
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-bench-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir: dir, port: 54_000 + Math.floor(Math.random() * 1000) });
  serverUrl = embedded.serverUrl;
  cleanups.push(async () => { await embedded.stop(); rmSync(dir, { recursive: true, force: true }); });
}
let mqttUrl = process.env.MQTT_URL;
let brokerLabel = mqttUrl ? 'MQTT_URL' : 'embedded';
if (mosquittoAvailable() && process.env.BENCH_OWN_BROKER !== '0') {
  // Mosquitto with limits that cannot drop (see lib/platform/mosquitto.ts); BENCH_OWN_BROKER=0 uses MQTT_URL as it is
  const own = await startMosquitto({ port: 19_000 + Math.floor(Math.random() * 1000) });
  mqttUrl = own.url;
  brokerLabel = 'mosquitto (own, no queue limit)';
  cleanups.push(() => own.stop());
} else if (!mqttUrl) {
  const broker = await startEmbeddedBroker({ port: 19_000 + Math.floor(Math.random() * 1000) });
  mqttUrl = broker.url;
  cleanups.unshift(() => broker.stop());
  say('no MQTT_URL: embedded broker (MQTT 3.1.1, no shared subscription): one ingest connection, expect far lower figures');
}
const dbName = `ss_bench_${process.pid}`;
await createDatabaseIfMissing(serverUrl, dbName);
const databaseUrl = databaseUrlFor(serverUrl, dbName);
const server = serverUrl;
cleanups.unshift(() => dropDatabase(server, dbName));
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });

/** Waits for `done`, failing loudly when `progress()` stops moving for 30 s (nothing hangs silently). */
async function watch(label: string, done: Promise<unknown>, progress: () => number | Promise<number>): Promise<void> {
  let last = -1;
  let since = Date.now();
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 1000))]);
    const now = await progress();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > 30_000) throw new Error(`${label}: stalled at ${now}`);
  }
}

async function cleanup() {
  await pool.end().catch(() => {});
  for (const step of cleanups) await step().catch((error: unknown) => say(`cleanup: ${String(error)}`));
}

try {
  say(`database ${dbName}: migrating and seeding`);
  await migrate(databaseUrl);
  await seedDemoCity(databaseUrl, { historyDays: 1 });
  say('seeded');
  const platformKey = randomBytes(32);
  const { rows: scaleRows } = await pool.query<{ id: number; serial: string; lastSeq: string | null; dMg: number; minMg: number }>(
    `SELECT id, serial, "lastSeq"::text AS "lastSeq", "dMg", "minMg" FROM "Scale" WHERE purpose = 'trade' AND status = 'in_service' ORDER BY id LIMIT $1`,
    [SCALES],
  );
  const scales = await Promise.all(scaleRows.map(async (row) => {
    const secret = randomBytes(32).toString('hex');
    await pool.query(`UPDATE "Scale" SET "secretSealed" = $1, "secretIssuedAt" = now() WHERE id = $2`, [seal(platformKey, secret), row.id]);
    return { ...row, secret, seq: Number(row.lastSeq ?? 0) + 1 };
  }));
  const { rows: [commodity] } = await pool.query<{ plu: string; id: number }>(`SELECT plu, id FROM "Commodity" ORDER BY plu LIMIT 1`);

  /** Signed weighings, round-robin over the scales, each with the next seq. */
  function makeMessages(count: number): { topic: string; payload: string; key: string }[] {
    const out = [];
    for (let i = 0; i < count; i++) {
      const scale = scales[i % scales.length]!;
      const netMg = scale.minMg + scale.dMg * (i % 200);
      const unitPriceFenPerKg = 600 + (i % 50) * 10;
      const message = withSignature(scale.secret, {
        v: 1, serial: scale.serial, seq: scale.seq++, at: new Date().toISOString(), plu: commodity!.plu, unitPriceFenPerKg,
        grossMg: netMg, tareMg: 0, netMg, priceFen: priceToPay({ unitPriceFenPerKg, netMg }), stable: true, payment: 'bank_qr',
        receipt: randomBytes(16).toString('base64url'),
      });
      out.push({ topic: weighingTopic(scale.serial), payload: JSON.stringify(message), key: `${scale.id}:${message.seq}` });
    }
    return out;
  }

  async function publishers(): Promise<MqttClient[]> {
    return Promise.all(Array.from({ length: PUBLISHERS }, (_, i) => mqtt.connectAsync(mqttUrl!, { clientId: `bench-pub-${process.pid}-${i}`, protocolVersion: 4, clean: true })));
  }

  /** Publishes everything as fast as the publishers go (QoS 1, a window of outstanding PUBACKs each). */
  async function blast(clients: MqttClient[], messages: { topic: string; payload: string }[]): Promise<void> {
    const WINDOW = 1000;
    await Promise.all(clients.map(async (client, c) => {
      const mine = messages.filter((_, i) => i % clients.length === c);
      const inflight = new Set<Promise<unknown>>();
      for (const m of mine) {
        const p = client.publishAsync(m.topic, m.payload, { qos: 1 }).finally(() => inflight.delete(p));
        inflight.add(p);
        if (inflight.size >= WINDOW) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }));
  }

  // Committed weighings of the bench's scales, read from their daily rollup rows, which the ingest
  // writes in the same transaction: exact, and a few hundred rows to add up every 25 ms where a
  // count of the raw table would scan it and take CPU from the pipeline being measured.
  const benchScaleIds = scales.map((scale) => scale.id);
  async function countWeighings(): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT COALESCE(sum("weighingCount"), 0)::int AS n FROM "ScaleDay" WHERE "scaleId" = ANY($1::int[])`,
      [benchScaleIds],
    );
    return rows[0]!.n;
  }

  let relayPerS = 0;
  let pipelinePerS = 0;
  let baselinePerS = 0;
  let copyPerS = 0;
  let p50 = NaN;
  let p99 = NaN;

  // ── (4) broker ceiling ──
  const pubs = await publishers();
  say('publishers connected');
  {
    const messages = makeMessages(N);
    const sub = await mqtt.connectAsync(mqttUrl, { clientId: `bench-relay-${process.pid}`, protocolVersion: 4, clean: true });
    let received = 0;
    let last = 0;
    const done = new Promise<void>((resolve) => sub.on('message', () => {
      if (++received === N) { last = performance.now(); resolve(); }
    }));
    await sub.subscribeAsync('sunshine/v1/scales/+/weighings', { qos: 1 });
    const t0 = performance.now();
    await blast(pubs, messages);
    await watch('broker ceiling', done, () => received);
    relayPerS = N / ((last - t0) / 1000);
    await sub.endAsync();
    say(`broker ceiling: ${Math.round(relayPerS)} msg/s`);
  }

  // ── (1) the pipeline ──
  const group = `bench${process.pid}`;
  // BENCH_PROFILE=dir writes a V8 CPU profile of the ingest worker there (see README: where the time goes)
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const ingest = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/ingest.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, MQTT_URL: mqttUrl, SCALE_SECRET_KEY: platformKey.toString('base64'), INGEST_GROUP: group, INGEST_METRICS_PORT: '0', INGEST_SESSION_EXPIRY_S: '60' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  ingest.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/ingest\.(stopped|trace)/.test(line)) say(`ingest worker: ${line}`);
  });
  await new Promise<void>((resolve, reject) => {
    ingest.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ingest.started')) resolve(); });
    ingest.once('exit', (code) => reject(new Error(`ingest exited with ${code}`)));
  });
  {
    const messages = makeMessages(N);
    const before = await countWeighings();
    const t0 = performance.now();
    await blast(pubs, messages);
    let n = before;
    let stalledSince = Date.now();
    while (n < before + N) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const next = await countWeighings();
      if (next !== n) stalledSince = Date.now();
      else if (Date.now() - stalledSince > 30_000) throw new Error(`pipeline: stalled at ${n - before} of ${N}`);
      n = next;
    }
    pipelinePerS = N / ((performance.now() - t0) / 1000);
    say(`pipeline: ${Math.round(pipelinePerS)} weighings/s (every check on, exactly once)`);
  }
  {
    // publish → commit latency at a fixed rate: commits are observed by polling new rows
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const messages = makeMessages(total);
    const sentAt = new Map<string, number>();
    const { rows: maxRows } = await pool.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM "Weighing"`);
    let lastId = maxRows[0]?.max ?? '0';
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || latencies.length < total) {
        // Lanes commit out of id order: look back a window below the highest id seen, skip what was counted.
        const { rows } = await pool.query<{ id: string; k: string }>(
          `SELECT id::text AS id, "scaleId" || ':' || seq AS k FROM "Weighing" WHERE id > $1::bigint - 5000 ORDER BY id`,
          [lastId],
        );
        const now = performance.now();
        for (const row of rows) {
          const sent = sentAt.get(row.k);
          if (sent !== undefined) {
            latencies.push(now - sent);
            sentAt.delete(row.k);
          }
          if (BigInt(row.id) > BigInt(lastId)) lastId = row.id;
        }
        if (!polling && !rows.length && latencies.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (!polling && latencies.length >= total) break;
      }
    })();
    const perTick = LATENCY_RATE / 100;
    const start = performance.now();
    for (let i = 0; i < total; i += perTick) {
      const due = start + (i / LATENCY_RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      for (const m of messages.slice(i, i + perTick)) {
        sentAt.set(m.key, performance.now());
        void pubs[(i / perTick) % PUBLISHERS]!.publishAsync(m.topic, m.payload, { qos: 1 });
      }
    }
    polling = false;
    await poller;
    latencies.sort((a, b) => a - b);
    p50 = latencies[Math.floor(latencies.length * 0.5)] ?? NaN;
    p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
    say(`latency at ${LATENCY_RATE}/s: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`);
  }
  ingest.kill('SIGTERM');
  await new Promise((resolve) => ingest.once('exit', resolve));

  // ── (2) naive baseline: one Prisma create per message, acknowledged after each ──
  {
    const db = createDb(databaseUrl);
    const messages = makeMessages(BASELINE_N);
    const secrets = new Map(scales.map((s) => [s.serial, s]));
    const sub = await mqtt.connectAsync(mqttUrl, { clientId: `bench-naive-${process.pid}`, protocolVersion: 4, clean: true });
    let handled = 0;
    let last = 0;
    const done = new Promise<void>((resolve) => {
      sub.handleMessage = (packet, ack) => {
        const decoded = decodeMessage(packet.topic, packet.payload as Buffer);
        const scale = decoded.ok ? secrets.get(decoded.serial) : undefined;
        if (!decoded.ok || decoded.kind !== 'weighing' || !scale || !verifySignature(scale.secret, decoded.message)) return ack();
        const m = decoded.message;
        db.weighing.create({ data: {
          scaleId: scale.id, seq: BigInt(m.seq), scaleTime: new Date(m.at), marketId: 1, commodityId: commodity!.id, unitPriceFenPerKg: m.unitPriceFenPerKg,
          grossMg: m.grossMg, tareMg: m.tareMg, netMg: m.netMg, priceFen: m.priceFen, stable: m.stable, paymentMethod: m.payment,
        } }).then(() => {
          ack();
          if (++handled === BASELINE_N) { last = performance.now(); resolve(); }
        }, () => ack());
      };
    });
    await sub.subscribeAsync('sunshine/v1/scales/+/weighings', { qos: 1 });
    const t0 = performance.now();
    await blast(pubs, messages);
    await watch('naive baseline', done, () => handled);
    baselinePerS = BASELINE_N / ((last - t0) / 1000);
    say(`naive baseline: ${Math.round(baselinePerS)} weighings/s`);
    await sub.endAsync();
    await db.$disconnect();
  }
  await Promise.all(pubs.map((p) => p.endAsync()));

  // ── (3) database ceiling: COPY of the same rows into the same table ──
  {
    const rows = makeMessages(N).map((m) => JSON.parse(m.payload) as Record<string, number | string | boolean>);
    const byKey = new Map(scales.map((s) => [s.serial, s.id]));
    const lines = rows.map((m) => [byKey.get(String(m.serial)), m.seq, m.at, new Date().toISOString(), 1, commodity!.id, m.unitPriceFenPerKg, m.grossMg, m.tareMg, m.netMg, m.priceFen, m.stable ? 't' : 'f', m.payment, '{}'].join('\t') + '\n');
    const client = await pool.connect();
    const t0 = performance.now();
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY "Weighing" ("scaleId", seq, "scaleTime", "receivedAt", "marketId", "commodityId", "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod", findings) FROM STDIN`)));
    copyPerS = N / ((performance.now() - t0) / 1000);
    client.release();
    say(`database ceiling (COPY): ${Math.round(copyPerS)} rows/s`);
  }

  console.log(JSON.stringify({
    pipeline_per_s: Math.round(pipelinePerS),
    baseline_per_s: Math.round(baselinePerS),
    copy_per_s: Math.round(copyPerS),
    relay_per_s: Math.round(relayPerS),
    ratio_vs_baseline: Number((pipelinePerS / baselinePerS).toFixed(1)),
    share_of_relay: Number((pipelinePerS / relayPerS).toFixed(2)),
    p50_ms: Math.round(p50),
    p99_ms: Math.round(p99),
    messages: N,
    broker: brokerLabel,
  }));
} finally {
  await cleanup();
}
