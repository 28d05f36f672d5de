// Real services for tests: the machine's PostgreSQL and broker when DATABASE_URL / MQTT_URL are
// set, embedded ones otherwise. Every run gets a database of its own, dropped at the end.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase, startEmbeddedPostgres } from '../../lib/platform/embedded-postgres.ts';
import { startEmbeddedBroker } from '../../lib/platform/embedded-broker.ts';
import { freePort } from '../../lib/platform/processes.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { seedDemoCity } from '../../lib/db/seed/index.ts';
import { loadPlatformKey } from '../../lib/crypto/secret-box.ts';

export { freePort };

export interface TestServices {
  databaseUrl: string;
  mqttUrl: string;
  /** base64 of this run's random platform key; the seed sealed every scale's secret with it */
  platformKey: string;
  stop(): Promise<void>;
}

export async function startTestServices(options: { label: string; historyDays: number }): Promise<TestServices> {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ss-test-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = embedded.serverUrl;
    stops.push(async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }
  const name = `ss_${options.label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(serverUrl, name);
  const databaseUrl = databaseUrlFor(serverUrl, name);
  const server = serverUrl;
  stops.unshift(() => dropDatabase(server, name));

  let mqttUrl = process.env.MQTT_URL;
  if (!mqttUrl) {
    const broker = await startEmbeddedBroker({ port: await freePort() });
    mqttUrl = broker.url;
    stops.unshift(() => broker.stop());
  }

  const platformKey = randomBytes(32).toString('base64');
  try {
    await migrate(databaseUrl);
    await seedDemoCity(databaseUrl, { historyDays: options.historyDays, platformKey: loadPlatformKey({ SCALE_SECRET_KEY: platformKey }) });
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
  return {
    databaseUrl,
    mqttUrl,
    platformKey,
    stop: async () => {
      for (const stop of stops) await stop().catch((error: unknown) => console.error('cleanup:', error));
    },
  };
}
