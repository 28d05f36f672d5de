// The ingest worker, first capability: scale status. Each message is written before it is
// acknowledged (ack after commit), so a crash means redelivery, never loss. A message it cannot
// trust goes to the dead letter with its reason.
import mqtt, { type MqttClient } from 'mqtt';
import type { Db } from '../db/client.ts';
import { recordStatus, markSilentScalesOffline } from '../db/scale-status.ts';
import { recordRejected } from '../db/rejected-messages.ts';
import { parseStatus } from '../domain/protocol/status.ts';
import { serialOfTopic, TOPIC_ROOT } from '../domain/protocol/topics.ts';
import { log } from '../log.ts';

export interface StatusWorkerOptions {
  mqttUrl: string;
  clientId: string;
  /** a scale silent this long is marked offline even if its last will never arrived */
  silenceMs?: number;
}

export interface StatusWorker {
  client: MqttClient;
  stop(): Promise<void>;
}

export async function handleStatus(db: Db, topic: string, payload: Uint8Array): Promise<'stored' | 'rejected'> {
  const serial = serialOfTopic(topic);
  if (!serial) {
    await recordRejected(db, { topic, payload, reason: 'bad_topic' });
    return 'rejected';
  }
  const verdict = parseStatus(serial, payload);
  if (!verdict.ok) {
    await recordRejected(db, { topic, payload, reason: verdict.reason, detail: verdict.detail, scaleSerial: serial });
    return 'rejected';
  }
  const known = await recordStatus(db, serial, verdict.message.state === 'online', new Date(verdict.message.at));
  if (!known) {
    await recordRejected(db, { topic, payload, reason: 'unknown_scale', scaleSerial: serial });
    return 'rejected';
  }
  return 'stored';
}

export async function startStatusWorker(db: Db, options: StatusWorkerOptions): Promise<StatusWorker> {
  const client = mqtt.connect(options.mqttUrl, {
    clientId: options.clientId,
    clean: false, // persistent session: messages queued while we are down are delivered after
    protocolVersion: 4,
    reconnectPeriod: 1000,
  });
  // Acknowledge only after the database write (mqtt.js would otherwise ack on receipt).
  client.handleMessage = (packet, done) => {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    handleStatus(db, packet.topic, payload)
      .then(() => done())
      .catch((error: unknown) => {
        // Not acknowledged: the broker redelivers after we reconnect. Drop the connection so it does.
        log.error('ingest.status_failed', { topic: packet.topic, error: String(error) });
        client.stream.destroy();
      });
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  client.on('error', (error) => log.error('ingest.mqtt_error', { error: String(error) }));
  await client.subscribeAsync(`${TOPIC_ROOT}/+/status`, { qos: 1 });
  const silenceMs = options.silenceMs ?? 3 * 60_000;
  const sweeper = setInterval(() => {
    markSilentScalesOffline(db, silenceMs).catch((error: unknown) => log.error('ingest.sweep_failed', { error: String(error) }));
  }, Math.min(30_000, silenceMs));
  log.info('ingest.started', { clientId: options.clientId, topics: `${TOPIC_ROOT}/+/status` });
  return {
    client,
    stop: async () => {
      clearInterval(sweeper);
      await client.endAsync();
    },
  };
}
