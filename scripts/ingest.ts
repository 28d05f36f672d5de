// The ingest worker process: `npm run ingest` (DATABASE_URL and MQTT_URL required).
import { hostname } from 'node:os';
import { createDb } from '../lib/db/client.ts';
import { startStatusWorker } from '../lib/ingest/status-worker.ts';
import { log } from '../lib/log.ts';

const mqttUrl = process.env.MQTT_URL;
if (!mqttUrl) {
  console.error('MQTT_URL is not set (npm start sets it for the embedded broker)');
  process.exit(2);
}
const db = createDb();
// A stable client id keeps the persistent session (and its queued messages) across restarts.
const worker = await startStatusWorker(db, { mqttUrl, clientId: process.env.INGEST_CLIENT_ID ?? `ingest-${hostname()}` });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('ingest.stopping', { signal });
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
