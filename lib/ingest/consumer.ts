// The ingest worker's MQTT side: a few connections on an MQTT 5 shared subscription (the broker
// spreads messages over them and over other workers), each allowed `receiveMaximum` messages in
// flight, feeding batchers in lanes; every message is acknowledged only after its batch's COMMIT,
// by the worker itself and in bulk (see acks.ts: mqtt.js alone would acknowledge one at a time).
// A broker without MQTT 5 (the embedded aedes) gets one plain MQTT 3.1.1 connection.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type pg from 'pg';
import { serialOfTopic, sharedSubscription, SUBSCRIPTION } from '../domain/protocol/topics.ts';
import { log } from '../log.ts';
import { ACK_LATER, AckQueue } from './acks.ts';
import { Batcher } from './batcher.ts';
import { IngestMetrics } from './metrics.ts';
import { StoredAcks } from './stored-acks.ts';
import { processBatch, type Inbound, type IngestContext, type Outcome } from './pipeline.ts';
import { alertStaleGaps } from '../db/ingest-store.ts';
import { ensureWeighingPartitions, ingestPartitionWindow } from '../db/partitions.ts';
import { MAX_MESSAGE_AGE_MS } from '../domain/protocol/judge.ts';

const STALE_GAP_MS = 10 * 60_000;

export interface IngestOptions {
  mqttUrl: string;
  pool: pg.Pool;
  platformKey: Buffer;
  /** the shared-subscription group: every worker of one deployment uses the same */
  group: string;
  /** this worker's name within the group, stable across its restarts (its persistent sessions are
   *  found again by client id `${group}-${workerId}-${i}`); two workers must not share one */
  workerId?: string;
  /** MQTT connections (default 4) */
  connections?: number;
  /** messages in flight per connection (MQTT 5 receive maximum; default maxBatch) */
  receiveMaximum?: number;
  maxBatch?: number;
  maxWaitMs?: number;
  /** force MQTT 3.1.1 without shared subscription (e.g. a broker known to lack MQTT 5) */
  mqtt311?: boolean;
  /** batch writers working in parallel, each on its own share of the scales (default 2) */
  lanes?: number;
  /** log the mean time of each write step every 5 s */
  trace?: boolean;
  /** how long the broker keeps a session (and queues for it) while its worker is away; default 7 days */
  sessionExpirySeconds?: number;
}

export interface Ingest {
  metrics: IngestMetrics;
  protocol: 'mqtt5-shared' | 'mqtt311';
  connections: number;
  /**
   * Writes and acknowledges what it holds, then disconnects. By default its persistent sessions
   * stay, so the same worker id resumes them (a restart). With `leave` it first leaves the shared
   * subscription and empties its sessions, then ends them: for taking a worker away for good
   * while others go on (see LEAVE_QUIET_MS).
   */
  stop(options?: { leave?: boolean }): Promise<void>;
}

// Mosquitto hands a shared subscription's messages round robin to its members' sessions, connected
// or not, and discards a session's queue when the session ends. A worker leaving for good must
// therefore unsubscribe first (no new share), take in what is already queued for it, and only then
// end its sessions. The broker sends queued messages as fast as they are acknowledged: a second
// without any is an empty queue.
export const LEAVE_QUIET_MS = 1_000;

/**
 * Subscribes, and again after a reconnect if the first attempt was cut off: a resumed session may
 * deliver at once, and if the database is down that batch fails and drops the connection before
 * the SUBACK. The worker must then carry on, not exit.
 */
async function subscribe(client: MqttClient, topic: string): Promise<void> {
  for (;;) {
    try {
      await client.subscribeAsync(topic, { qos: 1 });
      return;
    } catch (error) {
      log.warn('ingest.subscribe_retry', { topic, error: (error as Error).message });
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    }
  }
}

/** The lane of a message: by the scale's serial in its topic, so one scale always has one lane. */
export function laneIndex(topic: string, lanes: number): number {
  const serial = serialOfTopic(topic) ?? topic; // a foreign topic is dead-lettered by whichever lane
  let hash = 0;
  for (let i = 0; i < serial.length; i++) hash = (hash * 31 + serial.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

type OnMessage = (client: MqttClient, packet: { topic: string; payload: Buffer | string }, committed: (() => void) | null) => void;

function connect(url: string, options: IClientOptions, onMessage: OnMessage): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, reconnectPeriod: 1000, connectTimeout: 10_000 });
    const acks = new AckQueue(client);
    // Installed before CONNACK: queued session messages are not auto-acknowledged on arrival.
    // Answered at once, with ACK_LATER for QoS 1: mqtt.js reads on and leaves the PUBACK to us.
    client.handleMessage = (packet, done) => {
      const qos1 = packet.qos === 1 && packet.messageId !== undefined;
      onMessage(client, packet, qos1 ? acks.arrived(packet.messageId!) : null);
      done(qos1 ? ACK_LATER : undefined);
    };
    const fail = (error: Error) => {
      client.end(true);
      reject(error);
    };
    // a broker that refuses the protocol version may just close the connection
    const closed = () => fail(new Error('connection closed before CONNACK'));
    client.once('error', fail);
    client.once('close', closed);
    client.once('connect', () => {
      client.off('error', fail);
      client.off('close', closed);
      client.on('error', (error) => log.warn('ingest.mqtt_error', { clientId: options.clientId, error: error.message }));
      resolve(client);
    });
  });
}

export async function startIngest(options: IngestOptions): Promise<Ingest> {
  const metrics = new IngestMetrics();
  const ctx: IngestContext = { platformKey: options.platformKey };
  // The months a weighing may belong to get their partitions before the first message, then hourly.
  const preparePartitions = async () => {
    const { from, to } = ingestPartitionWindow(new Date(), MAX_MESSAGE_AGE_MS);
    const made = await ensureWeighingPartitions(options.pool, from, to);
    if (made) log.info('ingest.partitions_made', { made });
  };
  await preparePartitions();
  const partitionUpkeep = setInterval(() => {
    preparePartitions().catch((error: unknown) => log.error('ingest.partition_upkeep_failed', { error: String(error) }));
  }, 3_600_000);
  partitionUpkeep.unref();
  if (options.trace) {
    const totals = new Map<string, { ms: number; n: number }>();
    ctx.trace = (step, ms) => {
      const total = totals.get(step) ?? { ms: 0, n: 0 };
      total.ms += ms;
      total.n++;
      totals.set(step, total);
    };
    setInterval(() => {
      if (totals.size) log.info('ingest.trace', Object.fromEntries([...totals].map(([step, t]) => [step, Number((t.ms / t.n).toFixed(2))])));
    }, 5000).unref();
  }
  const maxBatch = options.maxBatch ?? 500;
  // Lanes: messages are routed by scale, so each lane's transactions touch their own scale rows and
  // several batches can be written at once (the database has more than one core).
  const lanes = Array.from({ length: Math.max(1, options.lanes ?? 2) }, () =>
    new Batcher<Inbound, Outcome>({
      maxItems: maxBatch,
      maxWaitMs: options.maxWaitMs ?? 10,
      write: (items) => processBatch(options.pool, ctx, items),
      onBatch: (size, ms, error) => {
        metrics.batch(size, ms, Boolean(error));
        if (error) log.error('ingest.batch_failed', { size, error: String(error) });
      },
    }),
  );
  const laneOf = (topic: string) => lanes[laneIndex(topic, lanes.length)]!;

  let lastReceivedAt = 0;
  const onMessage: OnMessage = (client, packet, committed) => {
    metrics.received++;
    lastReceivedAt = Date.now();
    const inbound: Inbound = { topic: packet.topic, payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload), receivedAt: new Date() };
    laneOf(inbound.topic).add(inbound).then(
      (outcome) => {
        metrics.record(outcome, inbound.receivedAt, Date.now());
        committed?.();
      },
      () => {
        // Not acknowledged: drop the connection so the broker redelivers after we reconnect.
        client.stream.destroy();
      },
    );
  };

  const clients: MqttClient[] = [];
  // After each COMMIT every scale that sent a record hears what is durably stored (its StoredAck),
  // through whichever connection is up.
  const storedAcks = new StoredAcks((topic, payload) => {
    const client = clients.find((c) => c.connected);
    if (!client) return false;
    client.publish(topic, payload, { qos: 1, retain: true });
    return true;
  });
  ctx.onStored = (states) => storedAcks.note(states);
  metrics.storedAcks = () => storedAcks.sent;
  let protocol: Ingest['protocol'] = 'mqtt5-shared';
  const clientId = (i: number) => `${options.group}-${options.workerId ?? 'w0'}-${i}`;
  const v5 = (i: number): IClientOptions => ({
    clientId: clientId(i),
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 7 * 24 * 3600, receiveMaximum: options.receiveMaximum ?? maxBatch },
  });
  try {
    if (options.mqtt311) throw new Error('MQTT 3.1.1 requested');
    clients.push(await connect(options.mqttUrl, v5(0), onMessage));
  } catch (error) {
    protocol = 'mqtt311';
    log.warn('ingest.no_mqtt5', { reason: (error as Error).message, fallback: 'one MQTT 3.1.1 connection, no shared subscription' });
  }
  if (protocol === 'mqtt5-shared') {
    const count = options.connections ?? 4;
    for (let i = 1; i < count; i++) clients.push(await connect(options.mqttUrl, v5(i), onMessage));
    await Promise.all(clients.map((client) => subscribe(client, sharedSubscription(options.group))));
  } else {
    clients.push(await connect(options.mqttUrl, { clientId: clientId(0), protocolVersion: 4, clean: false }, onMessage));
    await subscribe(clients[0]!, SUBSCRIPTION);
  }
  // gaps still open after STALE_GAP_MS are records that never came: alert on them
  const gapSweep = setInterval(() => {
    alertStaleGaps(options.pool, STALE_GAP_MS, new Date())
      .then((raised) => raised && log.warn('ingest.stale_gaps', { alertsRaised: raised }))
      .catch((error: unknown) => log.error('ingest.gap_sweep_failed', { error: String(error) }));
  }, 60_000);
  gapSweep.unref();
  log.info('ingest.started', { protocol, connections: clients.length, group: options.group, workerId: options.workerId ?? 'w0' });

  return {
    metrics,
    protocol,
    connections: clients.length,
    stop: async ({ leave = false } = {}) => {
      clearInterval(gapSweep);
      clearInterval(partitionUpkeep);
      if (leave && protocol === 'mqtt5-shared') {
        await Promise.all(clients.map((client) => client.unsubscribeAsync(sharedSubscription(options.group))));
        lastReceivedAt = Date.now();
        while (Date.now() - lastReceivedAt < LEAVE_QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // write what is held, acknowledge it, then disconnect (ending the sessions when leaving)
      await Promise.all(lanes.map((lane) => lane.drain()));
      storedAcks.stop();
      const disconnect = leave ? { reasonCode: 0, properties: { sessionExpiryInterval: 0 } } : undefined;
      await Promise.all(clients.map((client) => client.endAsync(false, disconnect)));
    },
  };
}
