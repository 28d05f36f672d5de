// The ingest's exactly-once promise under failure, end to end: signed weighings through a real
// Mosquitto (the test's own, without queue limits) into the worker PROCESS (scripts/ingest.ts, as
// production runs it), and PostgreSQL.
//   a. the worker SIGKILLed ten times, each while it works (it has stored more since it started),
//      and restarted at once (its persistent sessions resume): every weighing stored exactly once;
//   b. two workers on one shared subscription, one SIGKILLed mid-stream and brought back; and
//      one of two leaving the group for good (SIGUSR2);
//   c. PostgreSQL stopped for 10 s mid-stream, then started again.
// "Exactly once" is checked on the rows (one Weighing and one Receipt per published (scale, seq),
// nothing past what was published), on the bookkeeping (no gap left open, lastSeq = the last seq)
// and on the rollups (ScaleDay counts grew by exactly what was published): a redelivery counted
// twice would show there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../lib/db/migrate.ts';
import { seedDemoCity } from '../../lib/db/seed/index.ts';
import { createDatabaseIfMissing, databaseUrlFor, startEmbeddedPostgres, type EmbeddedDatabase } from '../../lib/platform/embedded-postgres.ts';
import type { OwnBroker } from '../../lib/platform/mosquitto.ts';
import {
  connectPublishers, endAll, exactlyOnce, fleetWeighings, maxRejectedId, perfect, provisionFleet, publishAll, publishedRanges, registeredPlu,
  rollupCount, settle, storedInRanges,
} from '../support/fleet-messages.ts';
import { startOwnMosquitto } from '../support/own-mosquitto.ts';
import { freePort } from '../support/services.ts';
import { killAllWorkers, Supervisor, type WorkerEnv } from '../support/worker-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
/** the worker keeps its sessions this long while it is away: far longer than any restart here */
const SESSION_EXPIRY_S = '600';

/** Whether the broker holds a session for this client id; the probe's own session ends with it. */
async function sessionExists(url: string, clientId: string): Promise<boolean> {
  const probe = mqtt.connect(url, { clientId, protocolVersion: 5, clean: false, reconnectPeriod: 0, properties: { sessionExpiryInterval: 0 } });
  probe.handleMessage = (_packet, _done) => {}; // installed before CONNACK: whatever comes stays unacknowledged, the session's
  try {
    const connack = await new Promise<{ sessionPresent: boolean }>((resolve, reject) => {
      probe.once('connect', resolve);
      probe.once('error', reject);
    });
    return connack.sessionPresent;
  } finally {
    await probe.endAsync(true);
  }
}

afterAll(async () => {
  await killAllWorkers();
});

describe('ingest chaos: the worker SIGKILLed at random moments while it works', { timeout: 360_000 }, () => {
  const MESSAGES = 50_000;
  const KILLS = 10;
  /** a kill comes only once the restarted worker has stored this many more: it kills work, not start-up */
  const PROGRESS = 300;
  const key = randomBytes(32);
  const group = `chaosa${process.pid}${randomBytes(2).toString('hex')}`;
  let broker: OwnBroker | undefined;
  let pool: pg.Pool;
  let supervisor: Supervisor | undefined;
  let publishers: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    broker = await startOwnMosquitto();
  });

  afterAll(async () => {
    await supervisor?.stop().catch(() => {});
    await endAll(publishers);
    await broker?.stop();
    await pool?.end();
  });

  it(`stores ${MESSAGES} weighings exactly once although the worker is SIGKILLed ${KILLS} times mid-work`, async () => {
    const t0 = performance.now();
    const scales = await provisionFleet(pool, key, { count: 50, skip: 0 });
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const env: WorkerEnv = {
      DATABASE_URL: inject('databaseUrl'), MQTT_URL: broker!.url, SCALE_SECRET_KEY: key.toString('base64'), INGEST_GROUP: group,
      // production's connections (4) with far smaller batches than its 500: many short
      // transactions a second, so a kill lands mid-batch
      INGEST_CONNECTIONS: '4', INGEST_MAX_BATCH: '64', INGEST_SESSION_EXPIRY_S: SESSION_EXPIRY_S,
    };
    supervisor = new Supervisor(env, 'chaos-a');
    supervisor.start();
    await supervisor.ready();

    const messages = fleetWeighings(scales, MESSAGES, plu);
    publishers = await connectPublishers(broker!.url, 4, group);
    let acked = 0;
    // paced (50 s of publishing): the worker, restarted ten times, stays behind the stream here
    // and on slower machines alike, so every kill finds messages not yet stored
    const publishing = publishAll(publishers, messages, { window: 500, perSecond: 1000, onProgress: (n) => (acked = n) });
    const ranges = publishedRanges(scales);

    // Each kill waits for the worker to be up AND working (PROGRESS more stored since it started),
    // then a random moment; all waits are conditions, bounded only as a safety net.
    const kills: { at: string; stored: number; acked: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      await supervisor.ready(120_000);
      const since = await storedInRanges(pool, ranges);
      const progress = await settle(() => storedInRanges(pool, ranges), { target: since + PROGRESS, quietMs: 0, stallMs: 60_000, timeoutMs: 120_000, everyMs: 250 });
      if (progress.value < since + PROGRESS) throw new Error(`the worker made no progress before kill ${k + 1}: ${JSON.stringify(progress)}\n${supervisor.current?.tail()}`);
      await sleep(between(100, 1500));
      const stored = await storedInRanges(pool, ranges);
      await supervisor.kill(true);
      kills.push({ at: elapsed(t0), stored, acked });
    }
    await publishing;
    const published = messages.length;
    // done when everything is stored and stays so, or when nothing moves for 30 s
    const result = await settle(() => storedInRanges(pool, ranges), { target: published, quietMs: 2000, stallMs: 30_000, timeoutMs: 240_000 });
    const facts = await exactlyOnce(pool, scales, published, rollupBefore, rejectedBefore);
    await supervisor.stop();
    const summary = `kills ${JSON.stringify(kills)}\nsettled: ${JSON.stringify(result)} after ${elapsed(t0)}\ncrashes: ${JSON.stringify(supervisor.crashes)}`;
    console.info(`[chaos a] ${elapsed(t0)}; ${kills.length} kills, stored ${kills.map((k) => k.stored).join(' → ')} → ${result.value}; last worker: ${JSON.stringify(supervisor.lastSummary)}`);

    expect(facts, summary).toEqual(perfect(published));
    // every kill came while the worker was storing and messages were still unstored
    expect(kills.filter((k) => k.stored < published).length, summary).toBe(KILLS);
    expect(new Set(kills.map((k) => k.stored)).size, 'the worker stored more between every two kills').toBe(KILLS);
    expect(supervisor.crashes, 'the worker exited on its own (not killed by the test)').toEqual([]);
  });
});

describe('ingest chaos: two workers on one shared subscription', { timeout: 60_000 }, () => {
  const CONNECTIONS = 8;
  const key = randomBytes(32);
  let broker: OwnBroker | undefined;
  let pool: pg.Pool;
  const supervisors: Supervisor[] = [];
  const publishers: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    broker = await startOwnMosquitto();
  });

  afterAll(async () => {
    for (const supervisor of supervisors) await supervisor.stop().catch(() => {});
    await endAll(publishers);
    await broker?.stop();
    await pool?.end();
  });

  /**
   * Workers `a` and `b`, both started, in one group of their own (one shared subscription: the
   * broker splits the messages) with a worker id each, so that their client ids
   * (`${group}-${workerId}-${i}`) differ; and a fleet of scales of this test's own, with publishers.
   */
  async function twoWorkers(label: string, fleet: { count: number; skip: number }) {
    const group = `${label}${process.pid}${randomBytes(2).toString('hex')}`;
    const scales = await provisionFleet(pool, key, fleet);
    const plu = await registeredPlu(pool);
    const rejectedBefore = await maxRejectedId(pool);
    const rollupBefore = await rollupCount(pool, scales.map((s) => s.id));
    const env = (workerId: string): WorkerEnv => ({
      DATABASE_URL: inject('databaseUrl'), MQTT_URL: broker!.url, SCALE_SECRET_KEY: key.toString('base64'), INGEST_GROUP: group,
      INGEST_WORKER_ID: workerId, INGEST_CONNECTIONS: String(CONNECTIONS), INGEST_MAX_BATCH: '32', INGEST_SESSION_EXPIRY_S: SESSION_EXPIRY_S,
    });
    const [a, b] = [new Supervisor(env('a'), `${label}/a`), new Supervisor(env('b'), `${label}/b`)];
    supervisors.push(a, b);
    a.start();
    await a.ready();
    b.start();
    await b.ready();
    publishers.push(...await connectPublishers(broker!.url, 4, group));
    return { group, scales, plu, rejectedBefore, rollupBefore, a, b, publishers: publishers.slice(-4) };
  }

  it('splits 20000 weighings over two workers and loses none when one is SIGKILLed', async () => {
    const MESSAGES = 20_000;
    const t0 = performance.now();
    const { group, scales, plu, rejectedBefore, rollupBefore, a, b, publishers } = await twoWorkers('chaosb', { count: 50, skip: 50 });
    const messages = fleetWeighings(scales, MESSAGES, plu);
    // paced over ~5 s, so the kill comes while messages are still arriving
    const publishing = publishAll(publishers, messages, { window: 200, perSecond: 4000 });
    const ranges = publishedRanges(scales);

    await sleep(between(1000, 2500));
    const storedAtKill = await storedInRanges(pool, ranges);
    await b.kill(false);
    // What operations do: the worker's supervisor (systemd Restart=always, a Kubernetes
    // StatefulSet pod keeping its ordinal as INGEST_WORKER_ID) brings it back with the SAME id a
    // few seconds later. That is the only way to lose nothing: Mosquitto (2.0) hands the messages
    // of a shared subscription round robin to the members' sessions, connected or not, and keeps
    // them queued there until that client id comes back (with one of two members away, half of
    // the stream waits in its sessions). A short INGEST_SESSION_EXPIRY_S would not move them to
    // the surviving worker: at expiry the broker DISCARDS the session and its queue. So the
    // session expiry must outlast any outage, and a dead worker's id must come back (a worker id
    // that changes on restart, e.g. the default host name of a Deployment pod, orphans its share).
    await sleep(3000);
    const storedWhileAway = await storedInRanges(pool, ranges);
    b.start();
    await b.ready();
    await publishing;
    const published = messages.length;
    const result = await settle(() => storedInRanges(pool, ranges), { target: published, quietMs: 2000, stallMs: 20_000, timeoutMs: 40_000 });
    const facts = await exactlyOnce(pool, scales, published, rollupBefore, rejectedBefore);
    await a.stop();
    await b.stop();
    // Two workers of one group must not share client ids: the second would take the first one's
    // sessions over (and be taken over in turn, every second, for ever). Stopped gracefully, each
    // left its persistent sessions, `${group}-${workerId}-${i}`: all 2 × CONNECTIONS must be there. (The
    // probe ends each session: nothing is published any more, nothing can be lost.)
    const sessions = { a: 0, b: 0 };
    for (const id of ['a', 'b'] as const) {
      for (let i = 0; i < CONNECTIONS; i++) if (await sessionExists(broker!.url, `${group}-${id}-${i}`)) sessions[id]++;
    }
    const summary = `stored at kill ${storedAtKill}, 3 s later ${storedWhileAway}; settled ${JSON.stringify(result)} after ${elapsed(t0)}; ` +
      `a: ${JSON.stringify(a.lastSummary)}, b (restarted): ${JSON.stringify(b.lastSummary)}; crashes ${JSON.stringify([...a.crashes, ...b.crashes])}`;
    console.info(`[chaos b] ${elapsed(t0)}; ${summary}`);

    expect(facts, summary).toEqual(perfect(published));
    expect(sessions, 'each worker keeps sessions of its own (client ids `${group}-${INGEST_WORKER_ID}-${i}`)').toEqual({ a: CONNECTIONS, b: CONNECTIONS });
    expect(storedAtKill, 'the kill came mid-stream').toBeLessThan(published);
    // both did share the work
    expect(Number(a.lastSummary?.received ?? 0), summary).toBeGreaterThan(0);
    expect(Number(b.lastSummary?.received ?? 0), summary).toBeGreaterThan(0);
    expect([...a.crashes, ...b.crashes], 'a worker exited on its own').toEqual([]);
  });

  // Scaling down: a worker told to leave (SIGUSR2) must not strand its round-robin share in
  // sessions nobody will resume (a plain stop would: see the test above).
  it('stores all 12000 with the remaining worker when one leaves the group for good, and leaves no session behind', async () => {
    const MESSAGES = 12_000;
    const t0 = performance.now();
    const { group, scales, plu, rejectedBefore, rollupBefore, a, b, publishers } = await twoWorkers('chaosd', { count: 40, skip: 100 });
    const messages = fleetWeighings(scales, MESSAGES, plu);
    const publishing = publishAll(publishers, messages, { window: 200, perSecond: 3000 });
    const ranges = publishedRanges(scales);

    await sleep(between(1000, 2000));
    const storedAtLeave = await storedInRanges(pool, ranges);
    const leaving = b.leave();
    await publishing;
    const exit = await leaving;
    const published = messages.length;
    const result = await settle(() => storedInRanges(pool, ranges), { target: published, quietMs: 2000, stallMs: 15_000, timeoutMs: 30_000 });
    const facts = await exactlyOnce(pool, scales, published, rollupBefore, rejectedBefore);
    await a.stop();
    let leftSessions = 0;
    for (let i = 0; i < CONNECTIONS; i++) if (await sessionExists(broker!.url, `${group}-b-${i}`)) leftSessions++;
    const summary = `stored at leave ${storedAtLeave}; settled ${JSON.stringify(result)} after ${elapsed(t0)}; ` +
      `a: ${JSON.stringify(a.lastSummary)}, b (left): ${JSON.stringify(b.lastSummary)}, exit ${JSON.stringify(exit)}`;
    console.info(`[chaos d] ${elapsed(t0)}; ${summary}`);

    expect(facts, summary).toEqual(perfect(published));
    expect(storedAtLeave, 'the worker left mid-stream').toBeLessThan(published);
    expect(exit, 'it left on its own, not killed after the grace period').toEqual({ code: 0, signal: null });
    expect(leftSessions, 'the leaver ended its sessions').toBe(0);
    expect(Number(b.lastSummary?.received ?? 0), summary).toBeGreaterThan(0);
    expect([...a.crashes, ...b.crashes], 'a worker exited on its own').toEqual([]);
  });
});

describe('ingest chaos: PostgreSQL stopped for 10 s mid-stream', { timeout: 90_000 }, () => {
  const MESSAGES = 10_000;
  const RATE = 500; // per second: publishing goes on for 20 s, before, during and after the outage
  const key = randomBytes(32);
  const group = `chaosc${process.pid}${randomBytes(2).toString('hex')}`;
  let dataDir = '';
  let port = 0;
  let database: EmbeddedDatabase | undefined;
  let broker: OwnBroker | undefined;
  let pool: pg.Pool | undefined;
  let supervisor: Supervisor | undefined;
  let publishers: mqtt.MqttClient[] = [];
  let databaseUrl = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ss-chaos-pg-'));
    port = await freePort();
    database = await startEmbeddedPostgres({ dataDir, port });
    await createDatabaseIfMissing(database.serverUrl, 'ss_chaos');
    databaseUrl = databaseUrlFor(database.serverUrl, 'ss_chaos');
    await migrate(databaseUrl);
    await seedDemoCity(databaseUrl, { historyDays: 1, platformKey: key });
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => {}); // idle connections die with the server: expected here
    broker = await startOwnMosquitto();
  });

  afterAll(async () => {
    await supervisor?.stop().catch(() => {});
    await endAll(publishers);
    await broker?.stop();
    await pool?.end().catch(() => {});
    await database?.stop().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`stores ${MESSAGES} weighings exactly once across a 10 s database outage`, async () => {
    const t0 = performance.now();
    const scales = await provisionFleet(pool!, key, { count: 50, skip: 0 });
    const plu = await registeredPlu(pool!);
    const rejectedBefore = await maxRejectedId(pool!);
    const rollupBefore = await rollupCount(pool!, scales.map((s) => s.id));
    supervisor = new Supervisor({
      DATABASE_URL: databaseUrl, MQTT_URL: broker!.url, SCALE_SECRET_KEY: key.toString('base64'), INGEST_GROUP: group,
      INGEST_CONNECTIONS: '32', INGEST_MAX_BATCH: '16', INGEST_SESSION_EXPIRY_S: SESSION_EXPIRY_S,
    }, 'chaos-c', 500);
    supervisor.start();
    await supervisor.ready();

    const messages = fleetWeighings(scales, MESSAGES, plu);
    publishers = await connectPublishers(broker!.url, 2, group);
    let acked = 0;
    const publishing = publishAll(publishers, messages, { window: 200, perSecond: RATE, onProgress: (n) => (acked = n) });
    const ranges = publishedRanges(scales);

    await sleep(4000);
    const storedBeforeOutage = await storedInRanges(pool!, ranges);
    await pool!.end(); // the test's own connections go with the server; a new pool after
    await database!.stop();
    const outageAt = { at: elapsed(t0), published: acked };
    await sleep(10_000);
    database = await startEmbeddedPostgres({ dataDir, port });
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => {});
    const back = { at: elapsed(t0), published: acked };
    await publishing;
    const published = messages.length;
    const result = await settle(() => storedInRanges(pool!, ranges), { target: published, quietMs: 2000, stallMs: 20_000, timeoutMs: 40_000 });
    const facts = await exactlyOnce(pool!, scales, published, rollupBefore, rejectedBefore);
    const failedBatches = supervisor.failedBatches;
    await supervisor.stop();
    const summary = `stored before the outage ${storedBeforeOutage}; outage ${JSON.stringify(outageAt)} → ${JSON.stringify(back)}; ` +
      `settled ${JSON.stringify(result)} after ${elapsed(t0)}; failed batches ${failedBatches}; worker starts ${supervisor.starts}`;
    console.info(`[chaos c] ${summary}`);
    expect(facts, summary).toEqual(perfect(published));
    expect(storedBeforeOutage, 'the outage came mid-stream').toBeGreaterThan(0);
    expect(storedBeforeOutage, 'the outage came mid-stream').toBeLessThan(published);
    // the worker rides out a database restart: its batches fail and come again, it never exits
    expect(supervisor.crashes.map((c) => ({ exit: c.exit, tail: c.tail.split('\n').slice(-5) })), summary).toEqual([]);
    expect(supervisor.starts).toBe(1);
  });
});
