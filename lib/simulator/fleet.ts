// A fleet of simulated scales speaking protocol v1 exactly as a real one would: its own MQTT
// connection (persistent session, QoS 1), every message signed with its own secret, seq continuing
// where the platform last saw it, a signed last will, and store-and-forward — mqtt.js keeps every
// unacknowledged QoS 1 message and sends it again after a reconnect.
import mqtt, { type MqttClient } from 'mqtt';
import type { FleetScale } from '../db/fleet.ts';
import type { EventMessage, StatusMessage } from '../domain/protocol/messages.ts';
import { withSignature } from '../domain/protocol/signature.ts';
import { eventTopic, statusTopic, weighingTopic } from '../domain/protocol/topics.ts';
import { CHEATS, nextWeighing, type Cheat, type Random } from './trade.ts';

export interface FleetOptions {
  mqttUrl: string;
  scales: FleetScale[];
  /** weighings per second over the whole fleet */
  rate: number;
  heartbeatMs: number;
  /** share of scales that cheat (each with one method) */
  misbehaving: number;
  random?: Random;
}

export interface Fleet {
  published(): number;
  stop(): Promise<void>;
}

interface Simulated {
  scale: FleetScale;
  client: MqttClient;
  seq: number;
  cheat: Cheat | null;
}

function status(sim: Simulated, state: StatusMessage['state'], at = new Date()) {
  // a status reports the scale's current seq without consuming one
  return JSON.stringify(withSignature(sim.scale.secret, { v: 1, serial: sim.scale.serial, seq: sim.seq - 1, at: at.toISOString(), state }));
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const random = options.random ?? Math.random;
  let published = 0;
  const sims: Simulated[] = options.scales.map((scale) => {
    const sim: Simulated = { scale, client: undefined as unknown as MqttClient, seq: scale.nextSeq, cheat: random() < options.misbehaving ? CHEATS[Math.floor(random() * CHEATS.length)]! : null };
    sim.client = mqtt.connect(options.mqttUrl, {
      clientId: `scale-${scale.serial}`,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 2000,
      will: { topic: statusTopic(scale.serial), payload: Buffer.from(status(sim, 'offline')), qos: 1, retain: false },
    });
    sim.client.on('error', () => {}); // reconnects by itself; unacknowledged messages are resent
    sim.client.on('connect', () => {
      sim.client.publish(statusTopic(scale.serial), status(sim, 'online'), { qos: 1 });
    });
    return sim;
  });
  await Promise.all(sims.map((sim) => new Promise<void>((resolve) => (sim.client.connected ? resolve() : sim.client.once('connect', () => resolve())))));

  const publishSigned = (sim: Simulated, topic: string, message: Record<string, unknown>) => {
    sim.client.publish(topic, JSON.stringify(withSignature(sim.scale.secret, message)), { qos: 1 });
    published++;
  };
  for (const sim of sims) {
    const event: Omit<EventMessage, 'sig'> = {
      v: 1, serial: sim.scale.serial, seq: sim.seq++, at: new Date().toISOString(), kind: 'power_on',
      counters: { calibration: sim.scale.calibrationCounter, configuration: sim.scale.configurationCounter },
    };
    if (sim.cheat === 'reconfigured') {
      // the unit factor changed with no verification behind it: the configuration counter moves
      event.kind = 'configuration';
      event.counters = { ...event.counters, configuration: (sim.scale.configurationCounter + 1) % 1000 };
      event.change = { param: 'unit_factor', old: '2.000', new: '2.150' };
    }
    publishSigned(sim, eventTopic(sim.scale.serial), event);
  }

  const tickMs = 100;
  let credit = 0;
  const trade = setInterval(() => {
    credit += (options.rate * tickMs) / 1000;
    for (; credit >= 1; credit--) {
      const sim = sims[Math.floor(random() * sims.length)]!;
      publishSigned(sim, weighingTopic(sim.scale.serial), nextWeighing(sim.scale, sim.seq++, new Date(), random, sim.cheat));
    }
  }, tickMs);
  const heartbeat = setInterval(() => {
    for (const sim of sims) if (sim.client.connected) sim.client.publish(statusTopic(sim.scale.serial), status(sim, 'online'), { qos: 1 });
  }, options.heartbeatMs);

  return {
    published: () => published,
    stop: async () => {
      clearInterval(trade);
      clearInterval(heartbeat);
      await Promise.all(
        sims.map(async (sim) => {
          if (sim.client.connected) await sim.client.publishAsync(statusTopic(sim.scale.serial), status(sim, 'offline'), { qos: 1 }).catch(() => {});
          await sim.client.endAsync(); // waits for the broker to acknowledge what is in flight
        }),
      );
    },
  };
}
