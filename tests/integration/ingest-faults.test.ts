// The ingest under the faults of the world around it, each test ending with the database compared
// to what was published (the worker runs as a process, as production runs it):
//   a. Mosquitto restarted cleanly (SIGTERM, same persistence): it finds the worker's sessions again
//      but not their $share subscriptions; the worker subscribes again by itself, and the reference
//      scales send again what the broker dropped while nobody was subscribed;
//   b. the broker unreachable when the worker starts, then reset by a proxy: the worker waits
//      (health 503) and neither exits nor falls back to MQTT 3.1.1;
//   c. the network cut between the scales and the broker and between the worker and the broker;
//   d. the database stalled (a table lock): the worker holds a bounded number of messages, loses none.
// Elsewhere: the worker SIGKILLed ten times and PostgreSQL restarted mid-stream (ingest-chaos),
// Mosquitto SIGKILLed and the StoredAck (ingest-stored-ack).
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadFleet } from '../../lib/db/fleet.ts';
import { startIngest } from '../../lib/ingest/consumer.ts';
import { startEmbeddedBroker } from '../../lib/platform/embedded-broker.ts';
import { startMosquitto, type OwnBroker } from '../../lib/platform/mosquitto.ts';
import { startFleet } from '../../lib/simulator/fleet.ts';
import {
  endAll, exactlyOnce, fleetWeighings, maxRejectedId, perfect, provisionFleet, publishAll, publishedRanges, registeredPlu, rollupCount,
  settle, storedInRanges,
} from '../support/fleet-messages.ts';
import { startOwnMosquitto } from '../support/own-mosquitto.ts';
import { recordFacts } from '../support/record-facts.ts';
import { freePort } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { killAllWorkers, Supervisor, type WorkerEnv, type WorkerProcess } from '../support/worker-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SESSION_EXPIRY_S = '600';

const key = randomBytes(32);
let pool: pg.Pool;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await killAllWorkers();
  await pool?.end();
});

function workerEnv(mqttUrl: string, group: string, extra: Partial<WorkerEnv> = {}): WorkerEnv {
  return {
    DATABASE_URL: inject('databaseUrl'), MQTT_URL: mqttUrl, SCALE_SECRET_KEY: key.toString('base64'), INGEST_GROUP: group,
    INGEST_CONNECTIONS: '4', INGEST_MAX_BATCH: '64', INGEST_SESSION_EXPIRY_S: SESSION_EXPIRY_S, ...extra,
  };
}

/** Publishers that reconnect and send again what the broker did not acknowledge (as a scale does). */
async function reconnectingPublishers(url: string, count: number, label: string): Promise<mqtt.MqttClient[]> {
  const clients = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      mqtt.connectAsync(url, { clientId: `${label}-pub-${i}-${randomBytes(3).toString('hex')}`, protocolVersion: 4, clean: false, reconnectPeriod: 300 }),
    ),
  );
  for (const client of clients) client.on('error', () => {});
  cleanups.push(() => endAll(clients));
  return clients;
}

async function waitFor<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms; last ${JSON.stringify(value)}`);
    await sleep(200);
    value = await read();
  }
  return value;
}

const healthOf = (worker: WorkerProcess) => worker.health().catch((error: Error) => ({ status: 0, body: { error: error.message } as Record<string, unknown> }));

describe('ingest faults: the broker restarted cleanly (SIGTERM, same persistence)', { timeout: 300_000 }, () => {
  const group = `faulta${process.pid}${randomBytes(2).toString('hex')}`;
  let broker: OwnBroker;
  let supervisor: Supervisor;

  beforeAll(async () => {
    broker = await startOwnMosquitto({ persistence: true });
    cleanups.push(() => broker.stop());
    supervisor = new Supervisor(workerEnv(broker.url, group), 'fault-a');
    cleanups.push(() => supervisor.stop());
    supervisor.start();
    await supervisor.ready(120_000);
  });

  it('the worker subscribes again by itself: what is published after the restart is stored', async () => {
    // the outside tester's reproduction: 500 before the restart, 500 after it (the old worker: 0)
    const scales = await provisionFleet(pool, key, { count: 20, skip: 260 });
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const ranges = () => publishedRanges(scales);
    const publishers = await reconnectingPublishers(broker.url, 2, `${group}a`);
    await publishAll(publishers, fleetWeighings(scales, 500, plu), { window: 100 });
    await settle(() => storedInRanges(pool, ranges()), { target: 500, quietMs: 500, stallMs: 30_000, timeoutMs: 60_000 });
    await broker.halt('SIGTERM');
    await broker.resume();
    const worker = supervisor.current!;
    const health = await waitFor('health after the restart', () => healthOf(worker), (h) => h.status === 200, 60_000);
    await publishAll(publishers, fleetWeighings(scales, 500, plu), { window: 100 });
    const result = await settle(() => storedInRanges(pool, ranges()), { target: 1000, quietMs: 1500, stallMs: 30_000, timeoutMs: 60_000 });
    const facts = await exactlyOnce(pool, scales, 1000, rollupBefore, rejectedBefore);
    const summary = `settled ${JSON.stringify(result)}; health ${JSON.stringify(health)}\n${worker.tail(12)}`;

    expect(facts, summary).toEqual(perfect(1000));
    // the broker had found every session again, without its $share subscription
    const connections = health.body.connections as { sessionPresent: boolean; connects: number }[];
    expect(connections.map((c) => [c.sessionPresent, c.connects]), summary).toEqual(connections.map(() => [true, 2]));
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
  });

  it('mid-stream: every record of the reference scales is stored exactly once and confirmed', async () => {
    // Between the broker's restart and the worker's new SUBSCRIBE (about a second) the broker
    // has no subscriber for what scales publish, and drops it after acknowledging it: only the
    // StoredAck brings that back (the reference scales send again what stays unconfirmed).
    const provisioned = await provisionFleet(pool, key, { count: 20, skip: 280 });
    const scales = await loadFleet(pool, key, 20, provisioned.map((s) => s.serial));
    const ids = new Map(provisioned.map((s) => [s.serial, s.id]));
    const fleet = await startFleet({
      mqttUrl: broker.url, scales, rate: 400, heartbeatMs: 60_000, misbehaving: 0, reconnectMs: 300,
      outbox: { resendAfterMs: 10_000, maxResendAfterMs: 10_000 },
    });
    cleanups.push(() => fleet.stop());
    const made = () => recordFacts(pool, ids, fleet.scales());
    // the restart comes once a thousand are stored: mid-stream on any machine
    await settle(async () => (await made()).rows, { target: 1000, quietMs: 0, stallMs: 60_000, timeoutMs: 120_000 });
    const before = await made();
    await broker.halt('SIGTERM');
    await broker.resume();
    await sleep(3000);
    fleet.pause();
    const deadline = Date.now() + 120_000;
    while (fleet.stats().unconfirmed > 0 && Date.now() < deadline) await sleep(500);
    const facts = await made();
    const stats = fleet.stats();
    const summary = `before the restart ${JSON.stringify(before)}; fleet ${JSON.stringify(stats)}\n${supervisor.current!.tail(12)}`;
    console.info(`[faults a] ${summary.split('\n')[0]}`);

    expect(facts, summary).toEqual({ rows: facts.expected, distinct: facts.expected, missing: 0, beyond: 0, expected: facts.expected });
    expect(facts.expected, 'the restart came mid-stream').toBeGreaterThan(before.rows);
    expect(stats.unconfirmed, summary).toBe(0);
    expect(stats.acksRefused, summary).toBe(0);
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
    expect(supervisor.starts, 'one worker process did it all').toBe(1);
  });
});

describe('ingest faults: the broker unreachable when the worker starts', { timeout: 180_000 }, () => {
  it('waits with health 503 (no exit, no fallback to MQTT 3.1.1) and ingests once the broker is there', async () => {
    const group = `faultb${process.pid}${randomBytes(2).toString('hex')}`;
    const brokerPort = await freePort();
    // first through a proxy that resets every connection (ECONNRESET during the MQTT 5 probe)
    const proxy = await startTcpProxy({ port: brokerPort }, 'reset');
    cleanups.push(() => proxy.close());
    const supervisor = new Supervisor(workerEnv(proxy.url, group), 'fault-b');
    cleanups.push(() => supervisor.stop());
    const worker = supervisor.start();
    const resetHealth = await waitFor('probe failures while reset', () => healthOf(worker), (h) => Number((h.body.probe as { failures?: number } | undefined)?.failures ?? 0) >= 2, 60_000);
    // then nothing listening behind it at all (ECONNREFUSED upstream: the proxy closes at once)
    proxy.restore();
    await sleep(1500);
    const refusedHealth = await healthOf(worker);
    expect(worker.done, `the worker exited while the broker was away:\n${worker.tail()}`).toBe(false);
    expect(resetHealth.status, JSON.stringify(resetHealth)).toBe(503);
    expect(resetHealth.body, JSON.stringify(resetHealth)).toMatchObject({ status: 'starting', protocol: null });
    expect(refusedHealth.status, JSON.stringify(refusedHealth)).toBe(503);

    const broker = await startMosquitto({ port: brokerPort, persistence: false });
    cleanups.push(() => broker.stop());
    await supervisor.ready(120_000);
    const health = await waitFor('health once connected', () => healthOf(worker), (h) => h.status === 200, 30_000);
    expect(health.body, JSON.stringify(health)).toMatchObject({ status: 'ok', protocol: 'mqtt5-shared' });
    expect((health.body.connections as unknown[]).length).toBe(4);

    const scales = await provisionFleet(pool, key, { count: 20, skip: 300 });
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const messages = fleetWeighings(scales, 2000, plu);
    await publishAll(await reconnectingPublishers(proxy.url, 2, group), messages, { window: 200 });
    const result = await settle(() => storedInRanges(pool, publishedRanges(scales)), { target: messages.length, quietMs: 1500, stallMs: 30_000, timeoutMs: 90_000 });
    expect(await exactlyOnce(pool, scales, messages.length, rollupBefore, rejectedBefore), JSON.stringify(result)).toEqual(perfect(messages.length));
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
    expect(worker.tail(200)).not.toContain('ingest.no_mqtt5');
  });
});

describe('ingest faults: the network cut between scales, broker and worker', { timeout: 300_000 }, () => {
  it('stores every record of the reference scales exactly once, each confirmed', async () => {
    const group = `faultc${process.pid}${randomBytes(2).toString('hex')}`;
    const broker = await startOwnMosquitto({ persistence: true });
    cleanups.push(() => broker.stop());
    const scalesSide: TcpProxy = await startTcpProxy({ port: broker.port });
    const workerSide: TcpProxy = await startTcpProxy({ port: broker.port });
    cleanups.push(() => scalesSide.close(), () => workerSide.close());
    const provisioned = await provisionFleet(pool, key, { count: 30, skip: 320 });
    const scales = await loadFleet(pool, key, 30, provisioned.map((s) => s.serial));
    const ids = new Map(provisioned.map((s) => [s.serial, s.id]));
    const supervisor = new Supervisor(workerEnv(workerSide.url, group), 'fault-c');
    cleanups.push(() => supervisor.stop());
    supervisor.start();
    await supervisor.ready(120_000);
    const fleet = await startFleet({
      mqttUrl: scalesSide.url, scales, rate: 300, heartbeatMs: 60_000, misbehaving: 0, reconnectMs: 300,
      outbox: { resendAfterMs: 10_000, maxResendAfterMs: 10_000 },
    });
    cleanups.push(() => fleet.stop());
    const worker = supervisor.current!;
    const cuts: string[] = [];
    const cut = async (proxies: TcpProxy[], ms: number, label: string) => {
      await sleep(2000);
      for (const proxy of proxies) proxy.cut();
      await sleep(ms);
      for (const proxy of proxies) proxy.restore();
      cuts.push(`${label} at ${fleet.stats().published} published`);
    };
    await cut([scalesSide], 3000, 'scales');
    await cut([workerSide], 4000, 'worker');
    const duringWorkerCut = await healthOf(worker);
    await cut([scalesSide, workerSide], 4000, 'both');
    await sleep(2000);
    fleet.pause(); // the set of records is now fixed; the scales keep sending what is unconfirmed
    const deadline = Date.now() + 150_000;
    while (fleet.stats().unconfirmed > 0 && Date.now() < deadline) await sleep(500);
    const made = fleet.scales();
    const facts = await recordFacts(pool, ids, made);
    const stats = fleet.stats();
    const health = await waitFor('health back', () => healthOf(worker), (h) => h.status === 200, 60_000);
    const summary = `cuts ${cuts.join('; ')}; fleet ${JSON.stringify(stats)}; health during worker cut ${duringWorkerCut.status}\n${worker.tail(30)}`;
    console.info(`[faults c] ${summary.split('\n')[0]}`);

    expect(facts, summary).toEqual({ rows: facts.expected, distinct: facts.expected, missing: 0, beyond: 0, expected: facts.expected });
    expect(facts.expected, summary).toBeGreaterThan(1000);
    expect(stats.unconfirmed, summary).toBe(0);
    expect(stats.acksRefused, summary).toBe(0);
    expect(health.body.status).toBe('ok');
    expect(worker.tail(200), 'the worker noticed the cut and came back').toContain('ingest.broker_reconnected');
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
    expect(supervisor.starts).toBe(1);
  });
});

describe('ingest faults: the database stalled', { timeout: 240_000 }, () => {
  it('holds at most connections × receive maximum messages while stalled, and loses none', async () => {
    const CONNECTIONS = 4;
    const RECEIVE_MAXIMUM = 50;
    const MESSAGES = 6000;
    const group = `faultd${process.pid}${randomBytes(2).toString('hex')}`;
    const broker = await startOwnMosquitto();
    cleanups.push(() => broker.stop());
    const scales = await provisionFleet(pool, key, { count: 20, skip: 130 });
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const supervisor = new Supervisor(workerEnv(broker.url, group, { INGEST_CONNECTIONS: String(CONNECTIONS), INGEST_MAX_BATCH: String(RECEIVE_MAXIMUM) }), 'fault-d');
    cleanups.push(() => supervisor.stop());
    supervisor.start();
    await supervisor.ready(120_000);
    const worker = supervisor.current!;

    // The stall: every batch locks its scales' rows (FOR UPDATE), which EXCLUSIVE mode forbids
    // (reads still work: the web pages go on). Held for 15 s while the scales keep publishing.
    const locker = new pg.Client({ connectionString: inject('databaseUrl') });
    await locker.connect();
    cleanups.push(() => locker.end());
    const messages = fleetWeighings(scales, MESSAGES, plu);
    const publishers = await reconnectingPublishers(broker.url, 2, group);
    const ranges = publishedRanges(scales);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "Scale" IN EXCLUSIVE MODE');
    const publishing = publishAll(publishers, messages, { window: 500 });
    let maxHeld = 0;
    const stallEnds = Date.now() + 15_000;
    while (Date.now() < stallEnds) {
      maxHeld = Math.max(maxHeld, await worker.metric('ingest_held_messages'));
      await sleep(100);
    }
    const storedDuringStall = await storedInRanges(pool, ranges);
    await locker.query('COMMIT');
    await publishing;
    const result = await settle(() => storedInRanges(pool, ranges), { target: MESSAGES, quietMs: 1500, stallMs: 30_000, timeoutMs: 150_000 });
    const facts = await exactlyOnce(pool, scales, MESSAGES, rollupBefore, rejectedBefore);
    const summary = `held at most ${maxHeld}; stored during the stall ${storedDuringStall}; settled ${JSON.stringify(result)}\n${worker.tail(20)}`;
    console.info(`[faults d] ${summary.split('\n')[0]}`);

    expect(facts, summary).toEqual(perfect(MESSAGES));
    expect(storedDuringStall, 'the stall held back the stream').toBe(0);
    // the worker did take messages in while stalled, but never more than its limit
    expect(maxHeld, summary).toBeGreaterThan(0);
    expect(maxHeld, summary).toBeLessThanOrEqual(CONNECTIONS * RECEIVE_MAXIMUM);
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
  });

  it('holds at most its receive maximum on MQTT 3.1.1 too, where the broker knows no such limit', async () => {
    // aedes (npm start's embedded broker) sends a 3.1.1 subscriber everything it has: the worker's
    // own limit is all that bounds its memory while the database is stalled
    const RECEIVE_MAXIMUM = 20;
    const MESSAGES = 600;
    const broker = await startEmbeddedBroker({ port: await freePort() });
    cleanups.push(() => broker.stop());
    const scales = await provisionFleet(pool, key, { count: 5, skip: 150 });
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const ingestPool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    cleanups.push(() => ingestPool.end());
    const ingest = await startIngest({ mqttUrl: broker.url, pool: ingestPool, platformKey: key, group: `faultd311${process.pid}`, mqtt311: true, maxBatch: 10, receiveMaximum: RECEIVE_MAXIMUM });
    cleanups.push(() => ingest.stop());
    const locker = new pg.Client({ connectionString: inject('databaseUrl') });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "Scale" IN EXCLUSIVE MODE');
    const publishers = await reconnectingPublishers(broker.url, 1, 'faultd311');
    await publishAll(publishers, fleetWeighings(scales, MESSAGES, plu), { window: 100 });
    let maxHeld = 0;
    const stallEnds = Date.now() + 3000;
    while (Date.now() < stallEnds) {
      maxHeld = Math.max(maxHeld, ingest.health().held);
      await sleep(50);
    }
    await locker.query('COMMIT');
    const result = await settle(() => storedInRanges(pool, publishedRanges(scales)), { target: MESSAGES, quietMs: 1000, stallMs: 20_000, timeoutMs: 60_000 });

    expect(await exactlyOnce(pool, scales, MESSAGES, rollupBefore, rejectedBefore), JSON.stringify(result)).toEqual(perfect(MESSAGES));
    expect(maxHeld).toBeGreaterThan(0);
    expect(maxHeld, 'held while the database was stalled').toBeLessThanOrEqual(RECEIVE_MAXIMUM);
  });
});
