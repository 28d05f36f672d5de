// `npm start`: the whole platform from one command.
//   database  DATABASE_URL, or an embedded PostgreSQL with its data in .data/postgres (as root, when
//             the server's account cannot reach this folder: /var/lib/sunshine-scale/<hash>/postgres)
//   broker    MQTT_URL, or an in-process MQTT broker (MQTT 3.1.1)
//   then: migrations, demo seed when the database is empty, ingest worker, simulated fleet, web app,
//   simulated bank (signed payment notifications for the fleet's bank-QR sales), job runner (the
//   business-day close).
import path from 'node:path';
import { assertPortFree, createDatabaseIfMissing, databaseUrlFor, startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/platform/embedded-postgres.ts';
import { postgresRuntime, projectDataDir } from '../lib/platform/embedded-postgres-setup.ts';
import { oneLine } from '../lib/platform/embedded-service-errors.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../lib/platform/embedded-broker.ts';
import { buildIsStale } from '../lib/platform/build-state.ts';
import { run, startChild, stopChild, waitForHttp, type Child } from '../lib/platform/processes.ts';
import { migrate } from '../lib/db/migrate.ts';
import { ensurePlatformKey } from '../lib/platform/platform-key.ts';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { isSeeded, seedDemoCity } from '../lib/db/seed/index.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../lib/db/seed/demo-users.ts';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// the whole demo fleet trades, so that the floor maps and coverage show a live city
const fleetSize = process.env.SIMULATED_SCALES ?? '1000';
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const say = (message: string) => console.log(`[start] ${message}`);

let database: EmbeddedDatabase | undefined;
let broker: EmbeddedBroker | undefined;
const children: Child[] = [];
let stopping = false;

// Ctrl-C reaches every process of the terminal's group, and npm relays signals as well, so a
// second signal is normal while stopping: it must not cut the orderly shutdown short.
async function bounded(promise: Promise<void> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise?.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  setTimeout(() => {
    console.error('[start] shutdown took too long; exiting');
    process.exit(1);
  }, 20_000).unref();
  // the app and the fleet first, then the ingest (so it can finish what it holds), then the services
  for (const name of ['jobs', 'bank', 'web', 'simulate', 'ingest']) {
    const child = children.find((c) => c.name === name);
    if (child) await stopChild(child);
  }
  // Ctrl-C also reached PostgreSQL (same process group), which then shuts down by itself (a clean
  // "fast" shutdown); its stop() would wait for an exit that already happened, so bound both waits.
  await bounded(broker?.stop(), 5000);
  await bounded(database?.stop(), 10_000);
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// whatever fails, and wherever (a library's event emitter included), ends in one line, not a trace
const fail = (error: unknown) => {
  console.error(`[start] ${oneLine(error)}`);
  void shutdown(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

try {
  const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const mqttPort = Number(process.env.EMBEDDED_MQTT_PORT ?? 18830);
  const metricsPort = process.env.INGEST_METRICS_PORT ?? '9464';
  // before anything starts (and the first start's build): a taken port is the likeliest failure
  if (!process.env.DATABASE_URL) await assertPortFree(pgPort, 'EMBEDDED_PG_PORT', 'DATABASE_URL to use a PostgreSQL of your own');
  if (!process.env.MQTT_URL) await assertPortFree(mqttPort, 'EMBEDDED_MQTT_PORT', 'MQTT_URL to use a broker of your own');
  await assertPortFree(port, 'PORT', undefined, host);
  await assertPortFree(Number(metricsPort), 'INGEST_METRICS_PORT');

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const runtime = postgresRuntime();
    const data = projectDataDir(root, process.env, runtime.account);
    if (data.outsideProject && !process.env.EMBEDDED_PG_DATA) {
      say(`PostgreSQL runs as ${runtime.account?.name}, which cannot enter ${root}: its data lives in ${data.dir} (EMBEDDED_PG_DATA chooses another place)`);
    }
    if (!runtime.binDir.startsWith(root + path.sep)) say(`PostgreSQL's binaries run from ${runtime.binDir}, a copy its account can read`);
    say(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${data.outsideProject ? data.dir : path.relative(root, data.dir)})`);
    database = await startEmbeddedPostgres({ dataDir: data.dir, port: pgPort });
    await createDatabaseIfMissing(database.serverUrl, 'sunshine');
    databaseUrl = databaseUrlFor(database.serverUrl, 'sunshine');
  } else {
    say('using DATABASE_URL');
  }

  let mqttUrl = process.env.MQTT_URL;
  if (!mqttUrl) {
    broker = await startEmbeddedBroker({ port: mqttPort });
    mqttUrl = broker.url;
    say(`embedded MQTT broker on ${mqttUrl} (MQTT 3.1.1, no shared subscriptions)`);
  } else {
    say('using MQTT_URL');
  }

  const platformKey = ensurePlatformKey(path.join(root, '.data'));
  const platformKeyBytes = loadPlatformKey({ SCALE_SECRET_KEY: platformKey }); // a bad key fails here, clearly
  const applied = await migrate(databaseUrl);
  if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
  if (!(await isSeeded(databaseUrl))) {
    say('empty database: seeding the demo city of Hengyang (30 days of history)…');
    const summary = await seedDemoCity(databaseUrl, { platformKey: platformKeyBytes, log: (message) => say(message) });
    say(`seeded: ${JSON.stringify(summary)}`);
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MQTT_URL: mqttUrl,
    SCALE_SECRET_KEY: platformKey,
    INGEST_METRICS_PORT: metricsPort,
    INGEST_METRICS_URL: `http://127.0.0.1:${metricsPort}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  if (buildIsStale(root, distDir)) {
    say('building the web app (first start, or sources changed)…');
    await run(bin('next'), ['build'], env, root);
  }

  // node --import tsx rather than the tsx CLI: the CLI's own signal relay would cut a graceful stop short
  children.push(startChild('ingest', process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], env, root));
  children.push(startChild('simulate', process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--scales', fleetSize], env, root));
  children.push(startChild('web', bin('next'), ['start', '-p', String(port), '-H', host], env, root));
  // it retries until the web app answers, so it need not wait for it
  children.push(startChild('bank', process.execPath, ['--import', 'tsx', 'scripts/bank.ts'], { ...env, BANK_WEBHOOK_URL: `http://${host}:${port}/api/bank/payments` }, root));
  children.push(startChild('jobs', process.execPath, ['--import', 'tsx', 'scripts/jobs.ts'], env, root));
  for (const child of children) {
    void child.exited.then((code) => {
      if (!stopping) {
        console.error(`[start] ${child.name} exited unexpectedly (code ${code}); stopping everything`);
        void shutdown(1);
      }
    });
  }

  const url = `http://${host}:${port}`;
  await waitForHttp(`${url}/login`, 60_000);
  console.log(`\n  ☀ Sunshine Scale is running at ${url}\n`);
  console.log(`  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) console.log(`    ${user.username.padEnd(10)} ${user.description.zh} · ${user.description.en}`);
  console.log('\n  Ctrl-C stops everything.\n');
} catch (error) {
  fail(error);
}
