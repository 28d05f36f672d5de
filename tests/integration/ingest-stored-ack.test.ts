// End-to-end acknowledgement (the StoredAck) against the one fault no broker setting survives:
// Mosquitto killed with SIGKILL. It keeps what it acknowledged in memory until its next autosave
// (30 s in deploy/mosquitto.conf), so a crash loses messages the scales already let go of after its
// PUBACK. The reference scales (lib/simulator/fleet.ts) keep every record until a StoredAck covers
// it and send again what stays uncovered: the database must end up with every record they made,
// exactly once, and every scale's outbox empty (each record confirmed by a signed StoredAck).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadFleet } from '../../lib/db/fleet.ts';
import { startIngest } from '../../lib/ingest/consumer.ts';
import { startEmbeddedBroker } from '../../lib/platform/embedded-broker.ts';
import type { OwnBroker } from '../../lib/platform/mosquitto.ts';
import { startFleet, type Fleet } from '../../lib/simulator/fleet.ts';
import { provisionFleet, settle } from '../support/fleet-messages.ts';
import { startOwnMosquitto } from '../support/own-mosquitto.ts';
import { recordFacts } from '../support/record-facts.ts';
import { freePort } from '../support/services.ts';
import { killAllWorkers, Supervisor } from '../support/worker-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await killAllWorkers();
});

describe('StoredAck: nothing lost when the broker is killed with SIGKILL', { timeout: 240_000 }, () => {
  const key = randomBytes(32);
  const group = `stored${process.pid}${randomBytes(2).toString('hex')}`;
  let broker: OwnBroker | undefined;
  let pool: pg.Pool;
  let supervisor: Supervisor | undefined;
  let fleet: Fleet | undefined;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    // the production settings that matter here: persistence on, saved every 30 s
    broker = await startOwnMosquitto({ persistence: true, autosaveInterval: 30 });
  });

  afterAll(async () => {
    await fleet?.stop().catch(() => {});
    await supervisor?.stop().catch(() => {});
    await broker?.stop();
    await pool?.end();
  });

  it('stores every record of the reference scales exactly once, each confirmed by a StoredAck', async () => {
    const t0 = performance.now();
    const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    // scales of this test's own (disjoint from the chaos tests' highest ids), re-keyed with its key
    const provisioned = await provisionFleet(pool, key, { count: 40, skip: 200 });
    const scales = await loadFleet(pool, key, 40, provisioned.map((s) => s.serial));
    expect(scales.length, 'scales at a merchant stall among those provisioned').toBeGreaterThanOrEqual(20);
    const ids = new Map(provisioned.map((s) => [s.serial, s.id]));

    supervisor = new Supervisor({
      DATABASE_URL: inject('databaseUrl'), MQTT_URL: broker!.url, SCALE_SECRET_KEY: key.toString('base64'), INGEST_GROUP: group,
      INGEST_CONNECTIONS: '4', INGEST_MAX_BATCH: '64', INGEST_SESSION_EXPIRY_S: '600',
    }, 'stored-ack');
    supervisor.start();
    await supervisor.ready();

    // A first resend long after the outage below: by then the platform has taken in everything the
    // broker still had, so what is missing then is what the broker lost.
    const RESEND_AFTER_MS = 20_000;
    fleet = await startFleet({
      mqttUrl: broker!.url, scales, rate: 300, heartbeatMs: 60_000, misbehaving: 0, reconnectMs: 300,
      outbox: { resendAfterMs: RESEND_AFTER_MS, maxResendAfterMs: RESEND_AFTER_MS },
    });
    await sleep(3000);
    // The worker goes away (a deploy, a crash): the broker queues the fleet's records for its
    // persistent sessions, acknowledging each to its scale. Then the broker is killed before any
    // autosave: everything queued is gone, and so are the sessions.
    await supervisor.kill(false);
    await sleep(2000);
    const atKill = { at: at(), ...fleet.stats() };
    await broker!.halt('SIGKILL');
    await sleep(1000);
    await broker!.resume();
    supervisor.start();
    await supervisor.ready();
    await sleep(2000);
    fleet.pause(); // the set of records is now fixed; the scales keep resending what is uncovered
    const made = fleet.scales();

    // before the first resend: what the broker lost is missing
    const before = await settle(async () => (await recordFacts(pool, ids, made)).rows, { target: Number.MAX_SAFE_INTEGER, stallMs: 3000, timeoutMs: RESEND_AFTER_MS });
    const statsBefore = fleet.stats();
    const factsBefore = await recordFacts(pool, ids, made);

    // then every record comes back until each is covered
    const deadline = Date.now() + 150_000;
    while (fleet.stats().unconfirmed > 0 && Date.now() < deadline) await sleep(500);
    const facts = await recordFacts(pool, ids, made);
    const stats = fleet.stats();
    const summary = `at kill ${JSON.stringify(atKill)}; before resends (${before.reason}) ${JSON.stringify(factsBefore)} resent ${statsBefore.resent}; ` +
      `end ${at()}: ${JSON.stringify(stats)}; crashes ${JSON.stringify(supervisor.crashes.map((c) => c.exit))}`;
    console.info(`[stored-ack] ${summary}`);

    expect(facts, summary).toEqual({ rows: facts.expected, distinct: facts.expected, missing: 0, beyond: 0, expected: facts.expected });
    expect(stats.unconfirmed, summary).toBe(0);
    expect(stats.acksRefused, summary).toBe(0);
    // the fault was real: the broker had lost records that only the StoredAck brought back
    if (statsBefore.resent === 0) expect(factsBefore.missing, summary).toBeGreaterThan(0);
    expect(stats.resent, summary).toBeGreaterThan(0);
    expect(supervisor.crashes, 'the worker exited on its own').toEqual([]);
  });
});

// What `npm start` runs without MQTT_URL: the embedded broker (aedes, MQTT 3.1.1, one ingest
// connection). StoredAcks must reach the reference scales there too, or their outboxes would fill.
describe('StoredAck on the embedded broker', { timeout: 120_000 }, () => {
  it('confirms every record of the simulated fleet', async () => {
    const key = randomBytes(32);
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    const broker = await startEmbeddedBroker({ port: await freePort() });
    const provisioned = await provisionFleet(pool, key, { count: 10, skip: 250 });
    const scales = await loadFleet(pool, key, 10, provisioned.map((s) => s.serial));
    const ids = new Map(provisioned.map((s) => [s.serial, s.id]));
    const ingest = await startIngest({ mqttUrl: broker.url, pool, platformKey: key, group: `embedded${process.pid}`, mqtt311: true, maxBatch: 32 });
    const fleet = await startFleet({ mqttUrl: broker.url, scales, rate: 50, heartbeatMs: 60_000, misbehaving: 0, outbox: { resendAfterMs: 30_000 } });
    try {
      await sleep(3000);
      fleet.pause();
      const deadline = Date.now() + 60_000;
      while (fleet.stats().unconfirmed > 0 && Date.now() < deadline) await sleep(200);
      const stats = fleet.stats();
      const facts = await recordFacts(pool, ids, fleet.scales());
      expect(ingest.protocol).toBe('mqtt311');
      expect(stats.published, JSON.stringify(stats)).toBeGreaterThan(scales.length);
      expect(stats.unconfirmed, JSON.stringify(stats)).toBe(0);
      // confirmed without a single resend: the StoredAcks came, not the timer
      expect(stats.resent, JSON.stringify(stats)).toBe(0);
      expect(facts).toEqual({ rows: facts.expected, distinct: facts.expected, missing: 0, beyond: 0, expected: stats.published });
    } finally {
      await fleet.stop();
      await ingest.stop();
      await broker.stop();
      await pool.end();
    }
  });
});
