// The ingest worker process: `npm run ingest` (DATABASE_URL, MQTT_URL and SCALE_SECRET_KEY required).
// Serves its metrics at http://127.0.0.1:$INGEST_METRICS_PORT/metrics (default 9464).
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import pg from 'pg';
import { z } from 'zod';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { createIngest } from '../lib/ingest/consumer.ts';
import { log } from '../lib/log.ts';

const env = z
  .object({
    DATABASE_URL: z.string().min(1, 'DATABASE_URL is not set'),
    MQTT_URL: z.string().min(1, 'MQTT_URL is not set'),
    INGEST_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('ingest'),
    INGEST_WORKER_ID: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default(hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) || 'w0'),
    INGEST_CONNECTIONS: z.coerce.number().int().min(1).max(5000).optional(),
    INGEST_RECEIVE_MAXIMUM: z.coerce.number().int().min(1).max(65_535).optional(),
    INGEST_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
    INGEST_LANES: z.coerce.number().int().min(1).max(16).default(2),
    INGEST_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
    MQTT_V311: z.enum(['0', '1']).default('0'),
    INGEST_SESSION_EXPIRY_S: z.coerce.number().int().min(1).optional(),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(`ingest: ${env.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  process.exit(2);
}
const config = env.data;
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.INGEST_LANES + 2 });
// A database restart ends the pool's connections: the batch in flight fails (and is redelivered);
// the worker itself must live on and reconnect, not die of an unhandled 'error' event.
pool.on('error', (error) => log.warn('ingest.db_connection_lost', { error: error.message }));
pool.on('connect', (client) => client.on('error', (error) => log.warn('ingest.db_connection_lost', { error: error.message })));
// Returned at once: the worker waits for the broker and the database as long as they are away, and
// says so on /health and in its log; it never exits over them.
const ingest = createIngest({
  mqttUrl: config.MQTT_URL,
  pool,
  platformKey: loadPlatformKey(),
  group: config.INGEST_GROUP,
  workerId: config.INGEST_WORKER_ID,
  connections: config.INGEST_CONNECTIONS,
  receiveMaximum: config.INGEST_RECEIVE_MAXIMUM,
  maxBatch: config.INGEST_MAX_BATCH,
  lanes: config.INGEST_LANES,
  mqtt311: config.MQTT_V311 === '1',
  sessionExpirySeconds: config.INGEST_SESSION_EXPIRY_S,
  trace: process.env.INGEST_TRACE === '1',
});

const server = createServer((request, response) => {
  if (request.url === '/metrics') {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(ingest.metrics.render());
  } else if (request.url === '/health') {
    // 503 until every broker connection is up and subscribed: a worker cut off stores nothing
    const health = ingest.health();
    response.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ...health, host: hostname() }));
  } else response.writeHead(404).end();
});
server.on('error', (error) => log.warn('ingest.metrics_unavailable', { port: config.INGEST_METRICS_PORT, error: error.message }));
server.listen(config.INGEST_METRICS_PORT, '127.0.0.1', () => {
  const address = server.address();
  log.info('ingest.metrics_listening', { port: typeof address === 'object' && address ? address.port : config.INGEST_METRICS_PORT });
});
ingest.ready.catch(() => {}); // only a stop before the broker answered ends the wait

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  // SIGTERM/SIGINT: a restart; the worker id's sessions wait for it. SIGUSR2: leaving for good.
  const leave = signal === 'SIGUSR2';
  log.info(leave ? 'ingest.leaving' : 'ingest.stopping', { signal });
  await ingest.stop({ leave });
  const { metrics } = ingest;
  log.info('ingest.stopped', {
    received: metrics.received,
    accepted: metrics.accepted,
    duplicates: metrics.duplicates,
    batches: metrics.batchSize.total,
    meanBatch: Math.round(metrics.batchSize.sum / Math.max(1, metrics.batchSize.total)),
    meanCommitMs: Number((metrics.commitMs.sum / Math.max(1, metrics.commitMs.total)).toFixed(1)),
  });
  server.close();
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGUSR2', () => void stop('SIGUSR2'));
