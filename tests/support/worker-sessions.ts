// Ends the persistent sessions an in-process ingest worker (id w0) kept on a shared broker, so the
// machine's Mosquitto keeps nothing queued for a test run that is over.
import mqtt from 'mqtt';
import type { Ingest } from '../../lib/ingest/consumer.ts';

export async function endWorkerSessions(mqttUrl: string, group: string, ingest: Ingest | undefined): Promise<void> {
  for (let i = 0; i < (ingest?.connections ?? 0); i++) {
    const v5 = ingest!.protocol === 'mqtt5-shared';
    const cleaner = await mqtt.connectAsync(mqttUrl, { clientId: `${group}-w0-${i}`, clean: true, protocolVersion: v5 ? 5 : 4, properties: v5 ? { sessionExpiryInterval: 0 } : undefined });
    await cleaner.endAsync();
  }
}
