// A database of the run's own, seeded, the built app served on it, and an ingest worker.
import path from 'node:path';
import { startTestServices } from '../support/services.ts';
import { startChild, stopChild, waitForHttp } from '../../lib/platform/processes.ts';
import { E2E_PORT } from '../../playwright.config.ts';

export default async function globalSetup() {
  const root = path.resolve(import.meta.dirname, '../..');
  const services = await startTestServices({ label: 'e2e', historyDays: 7 });
  const env = { ...process.env, DATABASE_URL: services.databaseUrl, MQTT_URL: services.mqttUrl, SCALE_SECRET_KEY: services.platformKey, NEXT_TELEMETRY_DISABLED: '1' };
  const ingest = startChild('ingest', process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], {
    ...env,
    INGEST_GROUP: `e2e${process.pid}`,
    INGEST_WORKER_ID: 'w0',
    INGEST_CONNECTIONS: '8',
    INGEST_METRICS_PORT: '0',
    INGEST_SESSION_EXPIRY_S: '60', // a shared broker forgets this run's sessions soon after it ends
  }, root);
  const web = startChild('web', path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(E2E_PORT), '-H', '127.0.0.1'], env, root);
  // the specs read the database directly to pick rows of other scopes
  process.env.E2E_DATABASE_URL = services.databaseUrl;
  process.env.SCALE_SECRET_KEY = services.platformKey;
  process.env.E2E_MQTT_URL = services.mqttUrl;
  try {
    await waitForHttp(`http://127.0.0.1:${E2E_PORT}/login`, 60_000);
  } catch (error) {
    await stopChild(web);
    await stopChild(ingest);
    await services.stop();
    throw error;
  }
  return async () => {
    await stopChild(web);
    await stopChild(ingest);
    await services.stop();
  };
}
