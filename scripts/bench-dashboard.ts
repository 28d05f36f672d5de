// `npm run bench:dashboard`: does the dashboards' cost grow with history? A database of its own
// (on DATABASE_URL's server, or an embedded PostgreSQL) is seeded with the demo city, then grown
// with older trade (COPY, with receipts, predecessor scales, partitions and daily rollups; see
// lib/db/seed/older-history.ts) to BENCH_ROWS_SMALL weighings; the production web server runs on
// it and each page is requested BENCH_REQUESTS times in a row, signed in as the city regulator and
// as the busiest merchant. Then the history grows to BENCH_ROWS_LARGE and the same requests run
// again. Progress goes to stderr, one JSON line to stdout; the database is dropped at the end,
// also after a failure or Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createSession, SESSION_COOKIE } from '../lib/auth/session.ts';
import { createDb, type Db } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { prepareOlderHistory, writeOlderHistory } from '../lib/db/seed/older-history-load.ts';
import { seedDemoCity } from '../lib/db/seed/index.ts';
import { buildIsStale } from '../lib/platform/build-state.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase, startEmbeddedPostgres } from '../lib/platform/embedded-postgres.ts';
import { freePort, waitForHttp } from '../lib/platform/processes.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const ROWS_SMALL = intEnv('BENCH_ROWS_SMALL', 1_000_000);
const ROWS_LARGE = intEnv('BENCH_ROWS_LARGE', 10_000_000);
const REQUESTS = intEnv('BENCH_REQUESTS', 50);
const WARMUP = intEnv('BENCH_WARMUP', 10);
/** once, after the server starts: its code paths are compiled (JIT) before anything is timed */
const SERVER_WARMUP = intEnv('BENCH_SERVER_WARMUP', 40);
/** the demo seed's own history in days (its ~17 000 weighings a day count towards the rows) */
const SEED_DAYS = intEnv('BENCH_SEED_DAYS', 30);
const HISTORY_SEED = 20_261_128;
/** the whole database over its weighings, measured at 3 M: ~420 bytes (weighing, receipt, their indexes, rollups) */
const BYTES_PER_ROW = 450;
if (ROWS_LARGE < ROWS_SMALL) throw new Error('BENCH_ROWS_LARGE must not be smaller than BENCH_ROWS_SMALL');

const root = path.resolve(import.meta.dirname, '..');
const say = (message: string) => console.error(`[bench] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ── cleanup, also on Ctrl-C ──
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups) await step().catch((error: unknown) => say(`cleanup: ${String(error)}`));
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    say(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** A child whose output goes to our stderr (stdout carries the result line only). */
function spawnQuiet(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited(child);
  clearTimeout(timer);
}

// ── measuring ──
interface Latency {
  p50_ms: number;
  p95_ms: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

interface Probe {
  name: string;
  path: string;
  cookie: string;
  /** text the right answer contains: a redirect to sign-in or an error page does not */
  marker: string;
}

/** One request, timed to the last byte of the body. */
async function timed(base: string, probe: Probe): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${probe.path}`, { headers: { cookie: `${SESSION_COOKIE}=${probe.cookie}` }, redirect: 'manual' });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || !body.includes(probe.marker)) {
    throw new Error(`${probe.name}: GET ${probe.path} → ${response.status}${response.status === 200 ? `, without "${probe.marker}"` : ''}`);
  }
  return ms;
}

async function measure(base: string, probes: Probe[]): Promise<Record<string, Latency>> {
  const result: Record<string, Latency> = {};
  for (const probe of probes) {
    for (let i = 0; i < WARMUP; i++) await timed(base, probe);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push(await timed(base, probe));
    times.sort((a, b) => a - b);
    result[probe.name] = { p50_ms: Math.round(percentile(times, 0.5) * 10) / 10, p95_ms: Math.round(percentile(times, 0.95) * 10) / 10 };
    say(`  ${probe.name.padEnd(12)} ${probe.path.padEnd(34)} p50 ${result[probe.name]!.p50_ms} ms, p95 ${result[probe.name]!.p95_ms} ms`);
  }
  return result;
}

async function countWeighings(client: pg.Client): Promise<number> {
  const { rows: [row] } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Weighing"`);
  return Number(row?.n ?? 0);
}

/** Statistics and visibility as a live database has them after autovacuum: plans and index-only scans as in production. */
async function settle(client: pg.Client): Promise<void> {
  const started = performance.now();
  for (const table of ['Weighing', 'Receipt', 'ScaleDay', 'MerchantDay', 'MarketDay', 'CommodityDay', 'Scale']) await client.query(`VACUUM (ANALYZE) "${table}"`);
  say(`vacuum and analyze in ${seconds(performance.now() - started)}`);
}

/** A session of the city regulator, and one of the busiest merchant (a user is made for it when the seed has none). */
async function signIns(db: Db): Promise<{ city: string; merchant: string; merchantId: number; marketId: number }> {
  const city = await db.user.findUniqueOrThrow({ where: { username: 'city' } });
  const [busiest] = await db.merchantDay.groupBy({ by: ['merchantId'], _sum: { weighingCount: true }, orderBy: { _sum: { weighingCount: 'desc' } }, take: 1 });
  const [market] = await db.marketDay.groupBy({ by: ['marketId'], _sum: { weighingCount: true }, orderBy: { _sum: { weighingCount: 'desc' } }, take: 1 });
  if (!busiest || !market) throw new Error('no trade in the rollups');
  const template = await db.user.findUniqueOrThrow({ where: { username: 'merchant' } });
  const merchantUser = (await db.user.findFirst({ where: { role: 'merchant', merchantId: busiest.merchantId } }))
    ?? await db.user.create({
      data: {
        username: `bench-merchant-${busiest.merchantId}`, passwordHash: template.passwordHash, displayName: 'bench',
        role: 'merchant', cityId: template.cityId, merchantId: busiest.merchantId,
      },
    });
  return {
    city: (await createSession(db, city.id)).token,
    merchant: (await createSession(db, merchantUser.id)).token,
    merchantId: busiest.merchantId,
    marketId: market.marketId,
  };
}

function checkDisk(serverUrl: string): void {
  const host = new URL(serverUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) return say(`database on ${host}: disk not checked`);
  const stats = statfsSync(root);
  const free = stats.bavail * stats.bsize;
  const needed = ROWS_LARGE * BYTES_PER_ROW;
  say(`disk: ${(free / 2 ** 30).toFixed(1)} GiB free, about ${(needed / 2 ** 30).toFixed(1)} GiB needed for ${ROWS_LARGE.toLocaleString('en')} weighings`);
  if (free < needed && process.env.BENCH_SKIP_DISK_CHECK !== '1') {
    throw new Error('not enough free disk for the large run (BENCH_SKIP_DISK_CHECK=1 to try anyway)');
  }
}

try {
  const began = performance.now();
  // ── services ──
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-bench-dashboard-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    serverUrl = embedded.serverUrl;
    cleanups.push(async () => { await embedded.stop(); rmSync(dir, { recursive: true, force: true }); });
    say('no DATABASE_URL: embedded PostgreSQL');
  }
  checkDisk(serverUrl);
  const dbName = `ss_bench_dashboard_${process.pid}`;
  await createDatabaseIfMissing(serverUrl, dbName);
  const databaseUrl = databaseUrlFor(serverUrl, dbName);
  const server = serverUrl;
  cleanups.unshift(async () => {
    await dropDatabase(server, dbName);
    say(`database ${dbName} dropped`);
  });

  // ── the demo city, then older history up to the small size ──
  say(`database ${dbName}: migrating and seeding ${SEED_DAYS} days of the demo city`);
  await migrate(databaseUrl);
  const seeded = await seedDemoCity(databaseUrl, { historyDays: SEED_DAYS });
  say(`seeded: ${seeded.counts.Weighing.toLocaleString('en')} weighings in ${seconds(seeded.generateMs + seeded.writeMs)}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.unshift(() => client.end());
  const history = await prepareOlderHistory(client, { seed: HISTORY_SEED });
  say(`older history learnt from ${history.chains.length} trade scales`);

  async function growTo(target: number): Promise<{ rows: number; loadMs: number }> {
    const started = performance.now();
    const current = await countWeighings(client);
    if (target > current) {
      const written = await writeOlderHistory(client, history, target - current, say);
      say(`older history: ${written.rows.toLocaleString('en')} rows, ${written.fromDay} … ${written.toDay}: copy ${seconds(written.copyMs)}, indexes ${seconds(written.indexMs)}, rollups ${seconds(written.rollupMs)}`);
    } else {
      say(`${current.toLocaleString('en')} weighings already (the seed alone): nothing to add for ${target.toLocaleString('en')}`);
    }
    await settle(client);
    return { rows: await countWeighings(client), loadMs: performance.now() - started };
  }
  const small = await growTo(ROWS_SMALL);

  // ── the production web server on the bench database ──
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' };
  const next = path.join(root, 'node_modules/.bin/next');
  if (buildIsStale(root, distDir)) {
    say('building the web app (no build, or sources changed)…');
    const build = spawnQuiet('build', next, ['build'], env);
    cleanups.unshift(() => stop(build));
    const code = await exited(build);
    if (code !== 0) throw new Error(`next build exited with ${code}`);
  } else {
    say(`reusing the build in ${distDir}`);
  }
  const port = await freePort();
  const web = spawnQuiet('web', next, ['start', '-p', String(port), '-H', '127.0.0.1'], env);
  cleanups.unshift(() => stop(web));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/login`, 60_000);

  const db = createDb(databaseUrl);
  cleanups.unshift(() => db.$disconnect());
  const sessions = await signIns(db);
  const probes: Probe[] = [
    { name: 'overview', path: '/regulator', cookie: sessions.city, marker: 'data-testid="stat-markets"' },
    { name: 'market', path: `/regulator/markets/${sessions.marketId}`, cookie: sessions.city, marker: 'data-testid="floor-map"' },
    { name: 'floor', path: `/api/markets/${sessions.marketId}/floor`, cookie: sessions.city, marker: '"tiles"' },
    { name: 'merchant', path: '/merchant', cookie: sessions.merchant, marker: 'data-testid="stat-takings-today"' },
    { name: 'transactions', path: '/merchant/transactions', cookie: sessions.merchant, marker: 'data-testid="transaction-table"' },
  ];
  say(`warming the server up: ${SERVER_WARMUP} requests per page`);
  for (const probe of probes) for (let i = 0; i < SERVER_WARMUP; i++) await timed(base, probe);
  say(`measuring at ${small.rows.toLocaleString('en')} weighings (${WARMUP} warm-up + ${REQUESTS} requests per page, one at a time); market ${sessions.marketId}, merchant ${sessions.merchantId}`);
  const atSmall = await measure(base, probes);

  const large = await growTo(ROWS_LARGE);
  say(`measuring at ${large.rows.toLocaleString('en')} weighings`);
  const atLarge = await measure(base, probes);

  const ratio = Object.fromEntries(probes.map(({ name }) => [name, Math.round((atLarge[name]!.p95_ms / atSmall[name]!.p95_ms) * 100) / 100]));
  say(`done in ${seconds(performance.now() - began)} (loading ${seconds(small.loadMs)} + ${seconds(large.loadMs)})`);
  console.log(JSON.stringify({
    at_1m: atSmall,
    at_10m: atLarge,
    ratio_10m_1m: ratio,
    rows: large.rows,
    rows_small: small.rows,
    requests: REQUESTS,
    load_s: { small: Math.round(small.loadMs / 1000), large: Math.round(large.loadMs / 1000) },
  }));
} catch (error) {
  say(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
