// A fleet of simulated scales speaking protocol v1 exactly as a real one should — the reference
// scale: its own MQTT connection (persistent session, QoS 1), every message signed with its own
// secret, seq continuing where the platform last saw it, a signed last will, and store and forward
// to the end: every weighing, event and check stays in the scale's outbox until the platform's
// StoredAck covers it, and is sent again while it is not covered (a broker's PUBACK is not enough:
// a broker that crashes loses what it acknowledged since its last save).
import mqtt, { type MqttClient } from 'mqtt';
import type { FleetScale } from '../db/fleet.ts';
import type { EventMessage, StatusMessage } from '../domain/protocol/messages.ts';
import { withSignature } from '../domain/protocol/signature.ts';
import { readStoredAck, storedAckTopic } from '../domain/protocol/stored-ack.ts';
import { eventTopic, statusTopic, weighingTopic } from '../domain/protocol/topics.ts';
import { Outbox, type OutboxOptions } from './outbox.ts';
import { CHEATS, nextWeighing, type Cheat, type Random } from './trade.ts';

export interface FleetOptions {
  mqttUrl: string;
  scales: FleetScale[];
  /** weighings per second over the whole fleet (at the peak, when `activity` is given) */
  rate: number;
  /** share of `rate` to trade at a moment (0–1), e.g. marketActivity for market hours; default: a
   *  steady `rate`, which the tests rely on */
  activity?: (now: Date) => number;
  heartbeatMs: number;
  /** share of scales that cheat (each with one method) */
  misbehaving: number;
  random?: Random;
  /** the outbox of each scale (default: 10 000 records, first resend after 30 s, then up to 10 min) */
  outbox?: Partial<OutboxOptions>;
  /** MQTT reconnect period (default 2 s) */
  reconnectMs?: number;
}

export interface FleetStats {
  /** records made (weighings and events) */
  published: number;
  /** records still waiting for a StoredAck */
  unconfirmed: number;
  /** records sent again because no StoredAck covered them in time */
  resent: number;
  /** StoredAcks applied / refused (bad signature, other serial, malformed) */
  acks: number;
  acksRefused: number;
  /** weighings not made because a scale's outbox was full */
  blocked: number;
}

export interface FleetScaleState {
  serial: string;
  /** the first seq this fleet used for the scale, and the next one it would use */
  firstSeq: number;
  nextSeq: number;
}

export interface Fleet {
  published(): number;
  stats(): FleetStats;
  scales(): FleetScaleState[];
  /** stops making new records; the scales stay connected and keep sending what is unconfirmed */
  pause(): void;
  stop(): Promise<void>;
}

const DEFAULT_OUTBOX: OutboxOptions = { capacity: 10_000, resendAfterMs: 30_000, maxResendAfterMs: 600_000 };
const RESEND_SWEEP_MS = 1000;

interface Simulated {
  scale: FleetScale;
  client: MqttClient;
  firstSeq: number;
  seq: number;
  cheat: Cheat | null;
  outbox: Outbox;
}

function status(sim: Simulated, state: StatusMessage['state'], at = new Date()) {
  // a status reports the scale's current seq without consuming one
  return JSON.stringify(withSignature(sim.scale.secret, { v: 1, serial: sim.scale.serial, seq: sim.seq - 1, at: at.toISOString(), state }));
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const random = options.random ?? Math.random;
  const outboxOptions = { ...DEFAULT_OUTBOX, ...options.outbox };
  const stats: Omit<FleetStats, 'unconfirmed'> = { published: 0, resent: 0, acks: 0, acksRefused: 0, blocked: 0 };
  const sims: Simulated[] = options.scales.map((scale) => {
    const sim: Simulated = {
      scale, client: undefined as unknown as MqttClient, firstSeq: scale.nextSeq, seq: scale.nextSeq,
      cheat: random() < options.misbehaving ? CHEATS[Math.floor(random() * CHEATS.length)]! : null,
      outbox: new Outbox(outboxOptions),
    };
    sim.client = mqtt.connect(options.mqttUrl, {
      clientId: `scale-${scale.serial}`,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: options.reconnectMs ?? 2000,
      will: { topic: statusTopic(scale.serial), payload: Buffer.from(status(sim, 'offline')), qos: 1, retain: false },
    });
    sim.client.on('error', () => {}); // reconnects by itself; unacknowledged messages are resent
    sim.client.on('connect', () => {
      // On every connect, whatever the broker says of the session: a broker that crashed before
      // saving has forgotten the subscription. The retained StoredAck arrives at once.
      sim.client.subscribe(storedAckTopic(scale.serial), { qos: 1 }, () => {});
      sim.client.publish(statusTopic(scale.serial), status(sim, 'online'), { qos: 1 });
    });
    sim.client.on('message', (_topic, payload) => {
      const reading = readStoredAck(payload, scale.serial, scale.secret);
      if (!reading.ok) {
        stats.acksRefused++;
        return;
      }
      stats.acks++;
      sim.outbox.confirm(reading.ack);
    });
    return sim;
  });
  await Promise.all(sims.map((sim) => new Promise<void>((resolve) => (sim.client.connected ? resolve() : sim.client.once('connect', () => resolve())))));

  /** A record (weighing, event, check): sent, and kept until the platform confirms it. */
  const publishRecord = (sim: Simulated, topic: string, message: Record<string, unknown> & { seq: number }) => {
    const payload = JSON.stringify(withSignature(sim.scale.secret, message));
    sim.outbox.add(message.seq, topic, payload, Date.now());
    sim.client.publish(topic, payload, { qos: 1 });
    stats.published++;
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
    publishRecord(sim, eventTopic(sim.scale.serial), event);
  }

  const tickMs = 100;
  let credit = 0;
  let trading = true;
  const trade = setInterval(() => {
    if (!trading) return;
    credit += (options.rate * (options.activity?.(new Date()) ?? 1) * tickMs) / 1000;
    for (; credit >= 1; credit--) {
      const sim = sims[Math.floor(random() * sims.length)]!;
      // a scale whose memory is full of unconfirmed records stops selling rather than forget one
      if (sim.outbox.full) {
        stats.blocked++;
        continue;
      }
      publishRecord(sim, weighingTopic(sim.scale.serial), nextWeighing(sim.scale, sim.seq++, new Date(), random, sim.cheat));
    }
  }, tickMs);
  const resend = setInterval(() => {
    const now = Date.now();
    for (const sim of sims) {
      // while disconnected mqtt.js holds what was sent; the outbox waits for the connection
      if (!sim.client.connected) continue;
      for (const record of sim.outbox.due(now)) {
        sim.client.publish(record.topic, record.payload, { qos: 1 });
        stats.resent++;
      }
    }
  }, RESEND_SWEEP_MS);
  const heartbeat = setInterval(() => {
    for (const sim of sims) if (sim.client.connected) sim.client.publish(statusTopic(sim.scale.serial), status(sim, 'online'), { qos: 1 });
  }, options.heartbeatMs);

  return {
    published: () => stats.published,
    stats: () => ({ ...stats, unconfirmed: sims.reduce((sum, sim) => sum + sim.outbox.size, 0) }),
    scales: () => sims.map((sim) => ({ serial: sim.scale.serial, firstSeq: sim.firstSeq, nextSeq: sim.seq })),
    pause: () => {
      trading = false;
    },
    stop: async () => {
      clearInterval(trade);
      clearInterval(resend);
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
