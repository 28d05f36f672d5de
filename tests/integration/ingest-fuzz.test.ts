// The ingest facing the open network: 100 000 malformed or hostile MQTT messages (random bytes,
// control characters, over-large, deeply nested, wrong types, extra members, forged signatures,
// replayed seqs, unknown serials, topic/serial mismatches, bad topics, skewed clocks, a revoked
// scale) interleaved with 5 000 genuine weighings, through a real Mosquitto (the test's own, no
// queue limits: nothing is dropped) into the ingest, and PostgreSQL.
// Every hostile message must land in the dead letter once, with the reason its category calls for
// (matched row by row: reason, topic and the whole payload's SHA-256, which the row keeps when it cuts the payload), no batch may fail (a message that makes
// its batch fail is redelivered for ever: a poison message), every genuine weighing is stored
// exactly once, and the ingest still works at the end.
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startIngest, type Ingest } from '../../lib/ingest/consumer.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { eventTopic } from '../../lib/domain/protocol/topics.ts';
import { log } from '../../lib/log.ts';
import type { OwnBroker } from '../../lib/platform/mosquitto.ts';
import {
  connectPublishers, endAll, exactlyOnceFacts, fleetWeighings, maxRejectedId, nextWeighing, provisionFleet, publishAll, publishedRanges,
  registeredPlu, settle, storedInRanges, type Publication, type SignedWeighing,
} from '../support/fleet-messages.ts';
import { CATEGORY_COUNTS, generateHostile, prng, rejectionKey, sha256, type Hostile } from '../support/hostile-payloads.ts';
import { startOwnMosquitto } from '../support/own-mosquitto.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** What the ingest logs as errors and warnings (batch failures above all), kept instead of printed. */
function captureIngestLog() {
  const errors: string[] = [];
  let count = 0;
  const keep = (level: string) => (event: string, fields?: Record<string, unknown>) => {
    count++;
    errors.push(`${level} ${event} ${JSON.stringify(fields ?? {}).slice(0, 300)}`);
    if (errors.length > 20) errors.shift();
  };
  const spies = [vi.spyOn(log, 'error').mockImplementation(keep('error')), vi.spyOn(log, 'warn').mockImplementation(keep('warn'))];
  return { errors, get count() { return count; }, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

/** Stops an ingest, but never hangs the suite: a stuck drain is reported, not waited for. */
async function stopIngest(ingest: Ingest | undefined, broker: OwnBroker | undefined): Promise<void> {
  if (!ingest) return;
  const stopping = ingest.stop();
  const done = await Promise.race([stopping.then(() => true, () => true), sleep(15_000).then(() => false)]);
  if (done) return;
  console.error('ingest.stop() did not finish in 15 s (redeliveries keep its drain busy): stopping the broker under it');
  await broker?.stop();
  await Promise.race([stopping.catch(() => {}), sleep(10_000)]);
}

/** Dead-letter rows written after `afterId`: per reason, and as (reason, topic, payload digest) keys. */
async function deadLetter(pool: pg.Pool, afterId: string) {
  const { rows } = await pool.query<{ reason: string; topic: string; digest: string }>(
    `SELECT reason, topic, "payloadSha256" AS digest FROM "RejectedMessage" WHERE id > $1::bigint`,
    [afterId],
  );
  const byReason: Record<string, number> = {};
  const keys = new Map<string, number>();
  for (const row of rows) {
    byReason[row.reason] = (byReason[row.reason] ?? 0) + 1;
    const key = rejectionKey(row.reason, row.topic, row.digest);
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return { total: rows.length, byReason, keys };
}

const countRejected = (pool: pg.Pool, afterId: string) =>
  pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "RejectedMessage" WHERE id > $1::bigint`, [afterId]).then((r) => r.rows[0]!.n);

describe('ingest fuzz: 100 000 hostile messages among 5 000 genuine weighings', { timeout: 300_000 }, () => {
  const HOSTILE = Object.values(CATEGORY_COUNTS).reduce((a, b) => a + b, 0);
  const FIRST_VALID = 1_000; // stored before the flood: the replays reuse their seqs
  const VALID = 5_000;
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const key = randomBytes(32);
  const group = `fuzz${process.pid}${randomBytes(2).toString('hex')}`;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  let broker: OwnBroker | undefined;
  let pool: pg.Pool;
  let ingestPool: pg.Pool;
  let ingest: Ingest | undefined;
  let publishers: mqtt.MqttClient[] = [];
  let captured: ReturnType<typeof captureIngestLog> | undefined;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
    ingestPool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 6 });
    broker = await startOwnMosquitto();
  });

  afterAll(async () => {
    await endAll(publishers);
    await stopIngest(ingest, broker);
    captured?.restore();
    await ingestPool?.end();
    await pool?.end();
    await broker?.stop();
  });

  it(`dead-letters every hostile message with its reason, stores every genuine weighing once, and keeps working (seed ${seed})`, async () => {
    const t0 = performance.now();
    const fleet = await provisionFleet(pool, key, { count: 20, skip: 100 });
    const [revoked] = await provisionFleet(pool, key, { count: 1, skip: 120 });
    await pool.query(`UPDATE "Scale" SET "revokedAt" = now() WHERE id = $1`, [revoked!.id]);
    const plu = await registeredPlu(pool);
    captured = captureIngestLog();
    ingest = await startIngest({
      mqttUrl: broker!.url, pool: ingestPool, platformKey: key, group, workerId: 'fuzz', connections: 200, maxBatch: 100, sessionExpirySeconds: 600,
    });
    expect(ingest.protocol).toBe('mqtt5-shared');
    publishers = await connectPublishers(broker!.url, 4, group);
    const ranges = () => publishedRanges(fleet);

    // 1. genuine weighings first: the replays below reuse their seqs with other content
    const first = fleetWeighings(fleet, FIRST_VALID, plu);
    await publishAll(publishers, first);
    const firstStored = await settle(() => storedInRanges(pool, ranges()), { target: FIRST_VALID, quietMs: 0, stallMs: 30_000, timeoutMs: 120_000 });
    expect(firstStored, `the first genuine weighings were not stored; ingest log:\n${captured.errors.join('\n')}`).toMatchObject({ value: FIRST_VALID });

    // 2. the flood: hostile messages and the rest of the genuine ones, shuffled together
    const rejectedBefore = await maxRejectedId(pool);
    const metricsBefore = { received: ingest.metrics.received, accepted: ingest.metrics.accepted, failedBatches: ingest.metrics.failedBatches };
    const hostile = generateHostile({
      seed, tag, plu, fleet, revoked: revoked!,
      stored: first.map((m) => ({ scale: m.scale, seq: m.seq, fields: withoutSig(m) })),
    });
    expect(hostile).toHaveLength(HOSTILE);
    const valid = fleetWeighings(fleet, VALID - FIRST_VALID, plu);
    const flood: (Publication & { hostile?: Hostile })[] = [...hostile.map((h) => ({ topic: h.topic, payload: h.payload, hostile: h })), ...valid];
    const rnd = prng(seed ^ 0x5eed);
    for (let i = flood.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [flood[i], flood[j]] = [flood[j]!, flood[i]!];
    }
    const tFlood = performance.now();
    await publishAll(publishers, flood, { window: 500 });
    const publishedIn = elapsed(tFlood);
    const result = await settle(
      async () => (await countRejected(pool, rejectedBefore)) + (await storedInRanges(pool, ranges())),
      {
        target: HOSTILE + VALID, quietMs: 2000, stallMs: 30_000, timeoutMs: 200_000, everyMs: 500,
        // batches failing again and again: a poison message; waiting longer would only repeat it
        abort: () => (ingest!.metrics.failedBatches - metricsBefore.failedBatches > 100 ? 'aborted: over 100 failed batches' : null),
      },
    );
    const ingestedIn = elapsed(tFlood);

    // every hostile message in the dead letter, once, with its category's reason
    const expectedByReason: Record<string, number> = {};
    const expectedKeys = new Map<string, { n: number; category: string }>();
    for (const h of hostile) {
      expectedByReason[h.reason] = (expectedByReason[h.reason] ?? 0) + 1;
      const k = rejectionKey(h.reason, h.topic, sha256(h.payload));
      const entry = expectedKeys.get(k) ?? { n: 0, category: h.category };
      entry.n++;
      expectedKeys.set(k, entry);
    }
    const dead = await deadLetter(pool, rejectedBefore);
    const missingByCategory: Record<string, number> = {};
    const missing: string[] = [];
    for (const [k, { n, category }] of expectedKeys) {
      const short = n - (dead.keys.get(k) ?? 0);
      if (short > 0) {
        missingByCategory[category] = (missingByCategory[category] ?? 0) + short;
        if (missing.length < 10) missing.push(`${category}: ${k.slice(0, 200)}`);
      }
    }
    const unexpected = [...dead.keys].filter(([k, n]) => n > (expectedKeys.get(k)?.n ?? 0)).map(([k, n]) => `${n}× ${k.slice(0, 200)}`);
    const report =
      `seed ${seed}; published ${flood.length} in ${publishedIn}; settled ${JSON.stringify(result)} after ${ingestedIn}; ` +
      `failed batches ${ingest.metrics.failedBatches - metricsBefore.failedBatches}; missing by category ${JSON.stringify(missingByCategory)}\n` +
      `missing (first 10):\n${missing.join('\n')}\nunexpected (first 10):\n${unexpected.slice(0, 10).join('\n')}\n` +
      `last ingest errors:\n${captured.errors.slice(-8).join('\n')}`;
    console.info(`[fuzz] ${elapsed(t0)} in all; ${report.split('\n')[0]}`);

    expect(ingest.metrics.failedBatches - metricsBefore.failedBatches, `no batch may fail (a poison message is redelivered for ever)\n${report}`).toBe(0);
    expect(dead.byReason, report).toEqual(expectedByReason);
    expect({ missing: missing.length, unexpected: unexpected.length }, report).toEqual({ missing: 0, unexpected: 0 });
    expect(dead.total, report).toBe(HOSTILE);

    // every genuine weighing stored once, as published (no replay took a stored seq's place)
    const facts = await exactlyOnceFacts(pool, ranges());
    expect(facts, report).toEqual({ rows: VALID, distinct: VALID, beyond: 0, receipts: VALID, gapsInRanges: 0, lastSeqWrong: 0 });
    expect(await storedAsPublished(pool, [...first, ...valid])).toBe(VALID);
    expect(ingest.metrics.accepted - metricsBefore.accepted).toBe(VALID - FIRST_VALID);
    expect(ingest.metrics.received - metricsBefore.received).toBe(HOSTILE + VALID - FIRST_VALID);

    // still consuming: one more genuine weighing goes through, then the ingest stops cleanly
    const last = nextWeighing(fleet[0]!, plu);
    await publishAll(publishers, [last]);
    const lastStored = await settle(() => storedInRanges(pool, ranges()), { target: VALID + 1, quietMs: 0, stallMs: 30_000, timeoutMs: 60_000 });
    expect(lastStored.value, 'a genuine weighing after the flood').toBe(VALID + 1);
    const stopping = ingest;
    ingest = undefined;
    await expect(Promise.race([stopping.stop().then(() => 'stopped'), sleep(15_000).then(() => 'stuck')])).resolves.toBe('stopped');
  });
});

function withoutSig(m: SignedWeighing): Record<string, unknown> {
  const { sig: _sig, ...fields } = JSON.parse(String(m.payload)) as Record<string, unknown>;
  return fields;
}

/** How many of these weighings are stored with the signature they were published with. */
async function storedAsPublished(pool: pg.Pool, messages: SignedWeighing[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Weighing" w JOIN unnest($1::int[], $2::bigint[], $3::bytea[]) AS p(s, q, sig)
        ON w."scaleId" = p.s AND w.seq = p.q AND w.signature = p.sig`,
    [messages.map((m) => m.scale.id), messages.map((m) => m.seq), messages.map((m) => Buffer.from(m.sig, 'hex'))],
  );
  return rows[0]!.n;
}

describe('ingest fuzz: a genuine message carrying a NUL character', { timeout: 60_000 }, () => {
  // The protocol lets an event's change values be any well-formed string of up to 64 characters,
  // NUL included, and a scale signs it correctly; PostgreSQL refuses U+0000 in text and jsonb. So
  // the ingest must either refuse it (dead letter) or store it escaped — but never let it fail its
  // batch, which would redeliver it (and the batch with it) for ever: one scale stalling the ingest.
  const key = randomBytes(32);
  const group = `fuzznul${process.pid}${randomBytes(2).toString('hex')}`;
  let broker: OwnBroker | undefined;
  let pool: pg.Pool;
  let ingest: Ingest | undefined;
  let publisher: mqtt.MqttClient | undefined;
  let captured: ReturnType<typeof captureIngestLog> | undefined;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 6 });
    broker = await startOwnMosquitto();
  });

  afterAll(async () => {
    await publisher?.endAsync(true);
    await stopIngest(ingest, broker);
    captured?.restore();
    await pool?.end();
    await broker?.stop();
  });

  it('is dead-lettered or stored, never a poison message', async () => {
    const [scale, other] = await provisionFleet(pool, key, { count: 2, skip: 125 });
    const plu = await registeredPlu(pool);
    captured = captureIngestLog();
    ingest = await startIngest({ mqttUrl: broker!.url, pool, platformKey: key, group, workerId: 'nul', connections: 8, maxBatch: 4, sessionExpirySeconds: 600 });
    [publisher] = await connectPublishers(broker!.url, 1, group);
    const rejectedBefore = await maxRejectedId(pool);
    const { rows: [counters] } = await pool.query<{ calibrationCounter: number; configurationCounter: number }>(
      `SELECT "calibrationCounter", "configurationCounter" FROM "Scale" WHERE id = $1`, [scale!.id],
    );
    const seq = scale!.nextSeq++;
    const event = withSignature(scale!.secret, {
      v: 1, serial: scale!.serial, seq, at: new Date().toISOString(), kind: 'configuration',
      counters: { calibration: counters!.calibrationCounter, configuration: counters!.configurationCounter + 1 },
      change: { param: 'software', old: 'v1.2\u0000', new: 'v1.3' },
    });
    await publishAll([publisher!], [{ topic: eventTopic(scale!.serial), payload: JSON.stringify(event) }, nextWeighing(other!, plu)]);
    const outcome = async () => {
      const stored = await pool.query(`SELECT 1 FROM "ScaleEvent" WHERE "scaleId" = $1 AND seq = $2`, [scale!.id, seq]);
      const rejected = await pool.query(`SELECT reason FROM "RejectedMessage" WHERE id > $1::bigint AND "scaleSerial" = $2`, [rejectedBefore, scale!.serial]);
      return stored.rowCount ? 'stored' : rejected.rowCount ? `rejected: ${rejected.rows[0].reason}` : 'nowhere';
    };
    const deadline = Date.now() + 10_000;
    let where = await outcome();
    while (where === 'nowhere' && Date.now() < deadline) {
      await sleep(200);
      where = await outcome();
    }
    expect(where, `the event is nowhere after 10 s; failed batches ${ingest.metrics.failedBatches}; ingest log:\n${captured.errors.slice(-5).join('\n')}`).not.toBe('nowhere');
    expect(ingest.metrics.failedBatches, `no batch may fail; ingest log:\n${captured.errors.slice(-5).join('\n')}`).toBe(0);
    // the other scale's weighing may be in another lane's batch, committed a moment later
    const other1 = await settle(() => storedInRanges(pool, publishedRanges([other!])), { target: 1, quietMs: 0, timeoutMs: 30_000 });
    expect(other1.value).toBe(1);
  });
});
