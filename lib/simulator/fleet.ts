// A fleet of simulated scales. Each is its own MQTT connection, as a real scale would be, with a
// last will that reports it offline if the connection drops. For now the fleet speaks the status
// part of protocol v1 (online on connect, a heartbeat, offline on a clean stop); weighings come
// with the ingest capability.
import mqtt, { type MqttClient } from 'mqtt';
import type { StatusMessage } from '../domain/protocol/status.ts';
import { statusTopic } from '../domain/protocol/topics.ts';

export interface FleetOptions {
  mqttUrl: string;
  serials: string[];
  heartbeatMs: number;
}

export interface Fleet {
  stop(): Promise<void>;
}

function status(serial: string, state: StatusMessage['state']): string {
  const message: StatusMessage = { v: 1, serial, state, at: new Date().toISOString() };
  return JSON.stringify(message);
}

async function startScale(serial: string, options: FleetOptions): Promise<{ client: MqttClient; timer: NodeJS.Timeout }> {
  const client = mqtt.connect(options.mqttUrl, {
    clientId: `scale-${serial}`,
    protocolVersion: 4,
    reconnectPeriod: 2000,
    will: { topic: statusTopic(serial), payload: Buffer.from(status(serial, 'offline')), qos: 1, retain: false },
  });
  const announce = () => client.publish(statusTopic(serial), status(serial, 'online'), { qos: 1 });
  client.on('connect', announce);
  client.on('error', () => {}); // reconnects by itself; the ingest sees the gap through the will
  const timer = setInterval(announce, options.heartbeatMs);
  return { client, timer };
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const scales = await Promise.all(options.serials.map((serial) => startScale(serial, options)));
  return {
    stop: async () => {
      await Promise.all(
        scales.map(async ({ client, timer }, index) => {
          clearInterval(timer);
          const serial = options.serials[index] ?? '';
          if (client.connected) await client.publishAsync(statusTopic(serial), status(serial, 'offline'), { qos: 1 }).catch(() => {});
          await client.endAsync();
        }),
      );
    },
  };
}
