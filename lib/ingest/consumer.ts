// The ingest worker's MQTT side: a few connections on an MQTT 5 shared subscription (the broker
// spreads messages over them and over other workers), each allowed `receiveMaximum` messages in
// flight, feeding batchers in lanes; every message is acknowledged only after its batch's COMMIT,
// by the worker itself and in bulk (see acks.ts: mqtt.js alone would acknowledge one at a time).
// A broker without MQTT 5 (the embedded aedes) gets one plain MQTT 3.1.1 connection.
import type pg from 'pg';
import { serialOfTopic, sharedSubscription, SUBSCRIPTION } from '../domain/protocol/topics.ts';
import { log } from '../log.ts';
import { backoffDelay, BROKER_BACKOFF } from './backoff.ts';
import { BrokerConnection, type ConnectionState, type MessageHandler } from './connection.ts';
import { probeBrokerProtocol, type BrokerProtocol, type ProbeProgress } from './protocol-probe.ts';
import { Batcher } from './batcher.ts';
import { IngestMetrics } from './metrics.ts';
import { StoredAcks } from './stored-acks.ts';
import { processBatch, type Inbound, type IngestContext, type Outcome } from './pipeline.ts';
import { alertStaleGaps } from '../db/ingest-store.ts';
import { matchWaitingPayments } from '../db/payment-intake.ts';
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

export interface IngestHealth {
  /** ok: every connection up and subscribed; starting: the broker has not answered yet */
  status: 'ok' | 'starting' | 'degraded';
  protocol: BrokerProtocol | null;
  connections: ConnectionState[];
  /** messages received and not yet written, over all connections */
  held: number;
  /** while the broker has not answered at start: failed attempts and the last error */
  probe: ProbeProgress;
  /** while the database is unreachable at start: the last error */
  database: string | null;
}

export interface Ingest {
  metrics: IngestMetrics;
  /** the broker's protocol, once it has answered (null before) */
  readonly protocol: BrokerProtocol | null;
  readonly connections: number;
  /** resolves once the worker is connected and subscribed on every connection (it may take long:
   *  the worker waits for the broker and the database as long as they are away) */
  readonly ready: Promise<void>;
  health(): IngestHealth;
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

/** The lane of a message: by the scale's serial in its topic, so one scale always has one lane. */
export function laneIndex(topic: string, lanes: number): number {
  const serial = serialOfTopic(topic) ?? topic; // a foreign topic is dead-lettered by whichever lane
  let hash = 0;
  for (let i = 0; i < serial.length; i++) hash = (hash * 31 + serial.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

/** Connects, subscribes and ingests; resolves once ready (see `createIngest` to watch the way there). */
export async function startIngest(options: IngestOptions): Promise<Ingest> {
  const ingest = createIngest(options);
  await ingest.ready;
  return ingest;
}

/**
 * The worker, returned at once: it waits for the database and the broker as long as they are away
 * (retrying with backoff, reporting it in `health()` and the log), and never gives up on them.
 */
export function createIngest(options: IngestOptions): Ingest {
  const metrics = new IngestMetrics();
  const ctx: IngestContext = { platformKey: options.platformKey };
  let stopping = false;
  const probe: ProbeProgress = { failures: 0, lastError: null };
  let databaseError: string | null = null;
  // The months a weighing may belong to get their partitions before the first message, then hourly.
  const preparePartitions = async () => {
    const { from, to } = ingestPartitionWindow(new Date(), MAX_MESSAGE_AGE_MS);
    const made = await ensureWeighingPartitions(options.pool, from, to);
    if (made) log.info('ingest.partitions_made', { made });
  };
  const partitionUpkeep = setInterval(() => {
    preparePartitions().catch((error: unknown) => log.error('ingest.partition_upkeep_failed', { error: String(error) }));
  }, 3_600_000);
  partitionUpkeep.unref();
  const traceTimer = options.trace ? traceSteps(ctx) : null;
  const maxBatch = options.maxBatch ?? 500;
  const receiveMaximum = options.receiveMaximum ?? maxBatch;
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
  const onMessage: MessageHandler = (packet, ack, connection) => {
    metrics.received++;
    lastReceivedAt = Date.now();
    const inbound: Inbound = { topic: packet.topic, payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload), receivedAt: new Date() };
    laneOf(inbound.topic).add(inbound).then(
      (outcome) => {
        metrics.record(outcome, inbound.receivedAt, Date.now());
        ack?.committed();
      },
      () => {
        // Not acknowledged: drop the connection so the broker sends it again after we reconnect.
        ack?.abandoned();
        connection.drop();
      },
    );
  };

  const connections: BrokerConnection[] = [];
  metrics.held = () => connections.reduce((sum, c) => sum + c.health.held, 0);
  metrics.connectionsUp = () => connections.filter((c) => c.up).length;
  // After each COMMIT every scale that sent a record hears what is durably stored (its StoredAck),
  // through whichever connection is up.
  const storedAcks = new StoredAcks((topic, payload) => {
    const connection = connections.find((c) => c.up);
    if (!connection) return false;
    connection.client.publish(topic, payload, { qos: 1, retain: true });
    return true;
  });
  ctx.onStored = (states) => storedAcks.note(states);
  metrics.storedAcks = () => storedAcks.sent;
  let protocol: BrokerProtocol | null = null;
  const clientId = (i: number) => `${options.group}-${options.workerId ?? 'w0'}-${i}`;

  async function start(): Promise<void> {
    // the database first: partitions must exist before the first weighing is written
    for (let failures = 1; ; failures++) {
      try {
        await preparePartitions();
        databaseError = null;
        break;
      } catch (error) {
        databaseError = (error as Error).message;
        const retryInMs = backoffDelay(failures, BROKER_BACKOFF);
        log.warn('ingest.database_unreachable', { error: databaseError, failures, retryInMs });
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
        if (stopping) throw new Error('stopped before the database answered');
      }
    }
    protocol = options.mqtt311 ? 'mqtt311' : await probeBrokerProtocol(options.mqttUrl, clientId(0) + '-probe', probe, () => stopping);
    if (stopping) throw new Error('stopped before connecting');
    if (protocol === 'mqtt5-shared') {
      for (let i = 0; i < (options.connections ?? 4); i++) {
        connections.push(new BrokerConnection({
          url: options.mqttUrl,
          client: { clientId: clientId(i), protocolVersion: 5, clean: false, properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 7 * 24 * 3600, receiveMaximum } },
          topic: sharedSubscription(options.group),
          receiveMaximum,
          onMessage,
        }));
      }
    } else {
      connections.push(new BrokerConnection({ url: options.mqttUrl, client: { clientId: clientId(0), protocolVersion: 4, clean: false }, topic: SUBSCRIPTION, receiveMaximum, onMessage }));
    }
    await Promise.all(connections.map((c) => c.subscribed));
    log.info('ingest.started', { protocol, connections: connections.length, group: options.group, workerId: options.workerId ?? 'w0' });
  }
  const ready = start();
  ready.catch(() => {}); // a stop before the broker answered; whoever awaits `ready` sees it

  // gaps still open after STALE_GAP_MS are records that never came: alert on them
  const gapSweep = setInterval(() => {
    alertStaleGaps(options.pool, STALE_GAP_MS, new Date())
      .then((raised) => raised && log.warn('ingest.stale_gaps', { alertsRaised: raised }))
      .catch((error: unknown) => log.error('ingest.gap_sweep_failed', { error: String(error) }));
  }, 60_000);
  gapSweep.unref();
  // bank payments that came before their weighing: match them now that the weighing may be stored
  // (the webhook runs the same matcher, but only while the bank keeps calling)
  const paymentMatcher = setInterval(() => {
    matchWaitingPayments(options.pool)
      .then((run) => (run.matched || run.unmatched) && log.info('ingest.payments_matched', { ...run }))
      .catch((error: unknown) => log.error('ingest.payment_matcher_failed', { error: String(error) }));
  }, 5_000);
  paymentMatcher.unref();

  return {
    metrics,
    get protocol() {
      return protocol;
    },
    get connections() {
      return connections.length;
    },
    ready,
    health: () => {
      const states = connections.map((c) => c.health);
      const allUp = states.length > 0 && states.every((c) => c.up && c.subscribed);
      return {
        status: allUp ? 'ok' : protocol === null ? 'starting' : 'degraded',
        protocol,
        connections: states,
        held: states.reduce((sum, c) => sum + c.held, 0),
        probe: { ...probe },
        database: databaseError,
      };
    },
    stop: async ({ leave = false } = {}) => {
      stopping = true;
      clearInterval(gapSweep);
      clearInterval(paymentMatcher);
      clearInterval(partitionUpkeep);
      if (traceTimer) clearInterval(traceTimer);
      if (leave && protocol === 'mqtt5-shared') {
        await Promise.all(connections.filter((c) => c.up).map((c) => c.unsubscribe()));
        lastReceivedAt = Date.now();
        while (Date.now() - lastReceivedAt < LEAVE_QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // write what is held, acknowledge it, then disconnect (ending the sessions when leaving)
      await Promise.all(lanes.map((lane) => lane.drain()));
      storedAcks.stop();
      const disconnect = leave ? { reasonCode: 0, properties: { sessionExpiryInterval: 0 } } : undefined;
      await Promise.all(connections.map((c) => c.end(disconnect)));
    },
  };
}

/** Logs the mean time of each write step every 5 s (INGEST_TRACE=1). */
function traceSteps(ctx: IngestContext): NodeJS.Timeout {
  const totals = new Map<string, { ms: number; n: number }>();
  ctx.trace = (step, ms) => {
    const total = totals.get(step) ?? { ms: 0, n: 0 };
    total.ms += ms;
    total.n++;
    totals.set(step, total);
  };
  const timer = setInterval(() => {
    if (totals.size) log.info('ingest.trace', Object.fromEntries([...totals].map(([step, t]) => [step, Number((t.ms / t.n).toFixed(2))])));
  }, 5000);
  timer.unref();
  return timer;
}
