// The ingest over a real broker and a real database: every rejection reason, every finding,
// duplicates stored once, sequence gaps opened and closed, status, rollups.
import { createHash, randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seal } from '../../lib/crypto/secret-box.ts';
import { startIngest, type Ingest } from '../../lib/ingest/consumer.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { checkTopic, eventTopic, statusTopic, weighingTopic } from '../../lib/domain/protocol/topics.ts';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import { businessDay } from '../../lib/domain/business-day.ts';
import { rebuildDailyRollups } from '../../lib/db/rollups.ts';
import { DEAD_LETTER_PAYLOAD_BYTES } from '../../lib/db/ingest-store.ts';
import { eventually } from '../support/eventually.ts';
import { endWorkerSessions } from '../support/worker-sessions.ts';

const key = randomBytes(32);
const group = `it${process.pid}${Date.now().toString(36)}`;
let pool: pg.Pool;
let ingest: Ingest;
let publisher: MqttClient;

interface TestScale {
  id: number;
  serial: string;
  secret: string;
  seq: number;
  minMg: number;
  dMg: number;
  marketId: number;
}
let good: TestScale;
let suspended: TestScale;
let revoked: TestScale;

/** Gives a scale a secret of the test's own (sealed with the test's key), whatever the seed gave it. */
async function provision(where: string): Promise<TestScale> {
  const secret = randomBytes(32).toString('hex');
  const { rows } = await pool.query<{ id: number; serial: string; minMg: number; dMg: number; marketId: number; lastSeq: string | null }>(
    `UPDATE "Scale" SET "secretSealed" = $1, "secretIssuedAt" = now()
      WHERE id = (SELECT id FROM "Scale" WHERE ${where} ORDER BY id LIMIT 1)
      RETURNING id, serial, "minMg", "dMg", "marketId", "lastSeq"::text AS "lastSeq"`,
    [seal(key, secret)],
  );
  const row = rows[0]!;
  return { ...row, secret, seq: Number(row.lastSeq ?? 0) + 1 };
}

function weighing(scale: TestScale, overrides: Record<string, unknown> = {}) {
  const netMg = 1_250_000;
  const unitPriceFenPerKg = 1234;
  return {
    v: 1, serial: scale.serial, seq: scale.seq++, at: new Date().toISOString(), plu: '1001', unitPriceFenPerKg,
    grossMg: netMg, tareMg: 0, netMg, priceFen: priceToPay({ unitPriceFenPerKg, netMg }), stable: true, payment: 'bank_qr',
    receipt: randomBytes(16).toString('base64url'), ...overrides,
  };
}

const signed = (scale: TestScale, message: Record<string, unknown>) => JSON.stringify(withSignature(scale.secret, message));

async function publish(topic: string, payload: string | Buffer) {
  await publisher.publishAsync(topic, payload, { qos: 1 });
}

const rejectedFor = (serialLike: string) =>
  pool.query<{ reason: string; payload: Buffer }>(`SELECT reason, payload FROM "RejectedMessage" WHERE "scaleSerial" LIKE $1 OR topic LIKE $2 ORDER BY id`, [serialLike, `%${serialLike}%`]).then((r) => r.rows);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
  good = await provision(`purpose = 'trade' AND status = 'in_service'`);
  suspended = await provision(`status = 'suspended'`);
  revoked = await provision(`purpose = 'trade' AND status = 'in_service' AND id <> ${good.id}`);
  await pool.query(`UPDATE "Scale" SET "revokedAt" = now() WHERE id = $1`, [revoked.id]);
  ingest = await startIngest({ mqttUrl: inject('mqttUrl'), pool, platformKey: key, group, connections: 8, maxBatch: 4, maxWaitMs: 5 });
  publisher = await mqtt.connectAsync(inject('mqttUrl'), { clientId: `${group}-pub`, protocolVersion: 4 });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingest?.stop();
  await pool?.end();
  await endWorkerSessions(inject('mqttUrl'), group, ingest);
});

describe('ingest of weighings', () => {
  it('stores a signed weighing once, with its receipt, and counts it in the rollups', async () => {
    const before = await pool.query<{ n: number }>(`SELECT COALESCE(SUM("weighingCount"), 0)::int AS n FROM "ScaleDay" WHERE "scaleId" = $1`, [good.id]);
    const message = weighing(good);
    const payload = signed(good, message);
    await publish(weighingTopic(good.serial), payload);
    await publish(weighingTopic(good.serial), payload); // a redelivery
    const rows = await eventually(
      () => pool.query(`SELECT w.id, w."priceFen", w.findings, r.token FROM "Weighing" w JOIN "Receipt" r ON r."weighingId" = w.id WHERE w."scaleId" = $1 AND w.seq = $2`, [good.id, message.seq]).then((r) => r.rows),
      (r) => r.length > 0,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ priceFen: message.priceFen, findings: [], token: message.receipt });
    await eventually(async () => ingest.metrics.duplicates, (n) => n >= 1);
    expect(ingest.metrics.duplicates).toBeGreaterThanOrEqual(1);
    const after = await pool.query<{ n: number }>(`SELECT COALESCE(SUM("weighingCount"), 0)::int AS n FROM "ScaleDay" WHERE "scaleId" = $1`, [good.id]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
    const count = await pool.query(`SELECT count(*)::int AS n FROM "Weighing" WHERE "scaleId" = $1 AND seq = $2`, [good.id, message.seq]);
    expect(count.rows[0].n).toBe(1);
  });

  it('puts each kind of untrustworthy message in the dead letter with its reason and bytes', async () => {
    const tag = `ZZ${Date.now().toString(36).toUpperCase()}`;
    const unknown = { ...good, serial: `${tag}-UNK` };
    const cases: [string, string | Buffer, string][] = [
      [weighingTopic(`${tag}-J`), '{"v":1,', 'not_json'],
      [weighingTopic(`${tag}-S`), signed(good, { ...weighing(good), serial: `${tag}-S`, plu: 'apple' }), 'schema'],
      [`sunshine/v1/scales/${tag}-T/nonsense`, signed(good, weighing(good)), 'bad_topic'],
      [weighingTopic(`${tag}-M`), signed(good, weighing(good)), 'topic_serial_mismatch'],
      [weighingTopic(unknown.serial), signed(unknown, weighing(unknown)), 'unknown_scale'],
      [weighingTopic(`${tag}-B`), Buffer.alloc(8000, 0x7b), 'too_large'],
    ];
    for (const [topic, payload] of cases) await publish(topic, payload);
    const rows = await eventually(() => rejectedFor(`${tag}%`), (r) => r.length >= cases.length);
    expect(rows.map((row) => row.reason).sort()).toEqual(cases.map((c) => c[2]).sort());
    expect(rows.find((row) => row.reason === 'not_json')!.payload.toString()).toBe('{"v":1,');
  });

  it('keeps only the first 8 KiB of an over-large payload, with its whole size and SHA-256', async () => {
    // the machine's Mosquitto runs Debian's stock config: no message_size_limit, 1 MiB passes
    const tag = `ZZ${Date.now().toString(36).toUpperCase()}-BIG`;
    const payload = randomBytes(1024 * 1024);
    await publish(weighingTopic(tag), payload);
    const rows = await eventually(
      () => pool.query<{ reason: string; payload: Buffer; payloadBytes: number; payloadSha256: string }>(
        `SELECT reason, payload, "payloadBytes", "payloadSha256" FROM "RejectedMessage" WHERE "scaleSerial" = $1`, [tag],
      ).then((r) => r.rows),
      (r) => r.length > 0,
    );
    expect(rows).toEqual([{
      reason: 'too_large', payload: payload.subarray(0, DEAD_LETTER_PAYLOAD_BYTES), payloadBytes: payload.length,
      payloadSha256: createHash('sha256').update(payload).digest('hex'),
    }]);
    expect(DEAD_LETTER_PAYLOAD_BYTES).toBe(8 * 1024);
  });

  it('refuses a revoked scale, a forged signature, a replayed seq and a far-off clock', async () => {
    await publish(weighingTopic(revoked.serial), signed(revoked, weighing(revoked)));
    const forged = Buffer.from(signed(good, weighing(good)));
    forged[forged.indexOf('"netMg":') + 8] = '2'.charCodeAt(0); // one byte changed
    await publish(weighingTopic(good.serial), forged);
    const original = weighing(good);
    await publish(weighingTopic(good.serial), signed(good, original));
    await publish(weighingTopic(good.serial), signed(good, { ...original, priceFen: original.priceFen - 100 })); // same seq, other content
    await publish(weighingTopic(good.serial), signed(good, weighing(good, { at: new Date(Date.now() + 3_600_000).toISOString() }))); // an hour ahead: no network cut explains that
    const revokedRows = await eventually(() => rejectedFor(revoked.serial), (r) => r.length >= 1);
    expect(revokedRows.map((r) => r.reason)).toEqual(['revoked_scale']);
    const rows = await eventually(() => rejectedFor(good.serial), (r) => r.length >= 3);
    expect(rows.map((r) => r.reason).sort()).toEqual(['bad_signature', 'clock_skew', 'replayed_seq']);
  });
});

describe('findings on genuine messages', () => {
  it('stores a weighing that breaks metrology rules, flags it and raises an alert', async () => {
    const belowMin = weighing(good, { netMg: good.minMg - good.dMg, grossMg: good.minMg - good.dMg, priceFen: 1, stable: false });
    const wrongPrice = weighing(good);
    wrongPrice.priceFen += 3;
    const notMultiple = weighing(good, { netMg: 1_250_001, grossMg: 1_250_001, priceFen: priceToPay({ unitPriceFenPerKg: 1234, netMg: 1_250_001 }) });
    for (const message of [belowMin, wrongPrice, notMultiple]) await publish(weighingTopic(good.serial), signed(good, message));
    const rows = await eventually(
      () => pool.query<{ seq: string; findings: string[] }>(`SELECT w.seq::text AS seq, w.findings FROM "Weighing" w WHERE w."scaleId" = $1 AND w.seq = ANY($2::bigint[]) ORDER BY w.seq`, [good.id, [belowMin.seq, wrongPrice.seq, notMultiple.seq]]).then((r) => r.rows),
      (r) => r.length === 3,
    );
    expect(rows[0]!.findings).toEqual(expect.arrayContaining(['below_min', 'unstable']));
    expect(rows[1]!.findings).toEqual(['price_mismatch']);
    expect(rows[2]!.findings).toEqual(expect.arrayContaining(['not_multiple_of_d']));
    const alerts = await pool.query<{ rule: string }>(`SELECT rule FROM "Alert" WHERE "scaleId" = $1 AND status = 'open'`, [good.id]);
    expect(alerts.rows.map((a) => a.rule)).toEqual(expect.arrayContaining(['price_mismatch', 'below_min', 'not_multiple_of_d']));
  });

  it('counts a weighing with a price finding once in the scale and merchant rollups, as a rebuild does', async () => {
    const { rows: [stall] } = await pool.query<{ merchantId: number }>(`SELECT st."merchantId" FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId" WHERE s.id = $1`, [good.id]);
    expect(stall?.merchantId).toEqual(expect.any(Number));
    const merchantId = stall!.merchantId;
    const totals = async () => {
      const { rows: [row] } = await pool.query<{ scaleWeighings: number; scaleFindings: number; scalePrice: number; merchantPrice: number }>(
        `SELECT (SELECT COALESCE(sum("weighingCount"), 0)::int FROM "ScaleDay" WHERE "scaleId" = $1) AS "scaleWeighings",
                (SELECT COALESCE(sum("findingCount"), 0)::int FROM "ScaleDay" WHERE "scaleId" = $1) AS "scaleFindings",
                (SELECT COALESCE(sum("priceFindingCount"), 0)::int FROM "ScaleDay" WHERE "scaleId" = $1) AS "scalePrice",
                (SELECT COALESCE(sum("priceFindingCount"), 0)::int FROM "MerchantDay" WHERE "merchantId" = $2) AS "merchantPrice"`,
        [good.id, merchantId],
      );
      return row!;
    };
    const before = await totals();
    const duplicatesBefore = ingest.metrics.duplicates;
    const overcharged = weighing(good);
    overcharged.priceFen += 2;
    const clean = weighing(good);
    const belowMin = weighing(good, { netMg: good.minMg - good.dMg, grossMg: good.minMg - good.dMg, priceFen: priceToPay({ unitPriceFenPerKg: 1234, netMg: good.minMg - good.dMg }) });
    const overchargedPayload = signed(good, overcharged);
    await publish(weighingTopic(good.serial), overchargedPayload);
    await publish(weighingTopic(good.serial), signed(good, clean));
    await publish(weighingTopic(good.serial), signed(good, belowMin));
    await publish(weighingTopic(good.serial), overchargedPayload); // a redelivery must not count again
    await eventually(() => totals(), (t) => t.scaleWeighings === before.scaleWeighings + 3);
    await eventually(async () => ingest.metrics.duplicates, (n) => n > duplicatesBefore);
    const after = await totals();
    expect(after).toEqual({
      scaleWeighings: before.scaleWeighings + 3,
      scaleFindings: before.scaleFindings + 2, // the overcharge and the below-Min weighing
      scalePrice: before.scalePrice + 1,
      merchantPrice: before.merchantPrice + 1,
    });
    // the seed's rebuild computes the same figures from the raw weighings
    const day = businessDay(new Date(overcharged.at));
    const client = await pool.connect();
    try {
      await rebuildDailyRollups(client, day, day);
    } finally {
      client.release();
    }
    expect(await totals()).toEqual(after);
  });

  it('flags every weighing of a suspended scale', async () => {
    const message = weighing(suspended);
    await publish(weighingTopic(suspended.serial), signed(suspended, message));
    const rows = await eventually(() => pool.query<{ findings: string[] }>(`SELECT findings FROM "Weighing" WHERE "scaleId" = $1 AND seq = $2`, [suspended.id, message.seq]).then((r) => r.rows), (r) => r.length > 0);
    expect(rows[0]!.findings).toContain('scale_suspended');
  });

  it('records events, moves the counters and raises counter_moved; judges self-checks', async () => {
    const { rows: [before] } = await pool.query(`SELECT "calibrationCounter", "configurationCounter" FROM "Scale" WHERE id = $1`, [good.id]);
    const event = { v: 1, serial: good.serial, seq: good.seq++, at: new Date().toISOString(), kind: 'configuration', counters: { calibration: before.calibrationCounter, configuration: before.configurationCounter + 1 }, change: { param: 'unit_factor', old: '2.000', new: '2.150' } };
    const check = { v: 1, serial: good.serial, seq: good.seq++, at: new Date().toISOString(), referenceMg: 2_000_000, indicationMg: 2_050_000 };
    await publish(eventTopic(good.serial), signed(good, event));
    await publish(checkTopic(good.serial), signed(good, check));
    const scale = await eventually(() => pool.query(`SELECT "configurationCounter" FROM "Scale" WHERE id = $1`, [good.id]).then((r) => r.rows[0]), (r) => r.configurationCounter === before.configurationCounter + 1);
    expect(scale.configurationCounter).toBe(before.configurationCounter + 1);
    const events = await pool.query(`SELECT kind FROM "ScaleEvent" WHERE "scaleId" = $1 AND seq = $2`, [good.id, event.seq]);
    expect(events.rows).toEqual([{ kind: 'configuration' }]);
    const checks = await eventually(() => pool.query(`SELECT passed, "mpeMg" FROM "CheckWeighing" WHERE "scaleId" = $1 AND source = 'self_check'`, [good.id]).then((r) => r.rows), (r) => r.length > 0);
    expect(checks[0]).toMatchObject({ passed: false });
    const alerts = await eventually(() => pool.query<{ rule: string }>(`SELECT rule FROM "Alert" WHERE "scaleId" = $1 AND rule IN ('counter_moved', 'check_failed')`, [good.id]).then((r) => r.rows.map((a) => a.rule).sort()), (r) => r.length >= 2);
    expect(alerts).toEqual(['check_failed', 'counter_moved']);
  });

  it('keeps a self-check the MPE cannot judge as an event with the reason, and raises check_unjudged', async () => {
    // class III, e = 5 g: the MPE bands end at 10 000 e = 50 kg; 60 kg is a valid message but beyond them
    const scale = await provision(`purpose = 'trade' AND status = 'in_service' AND "accuracyClass" = 'III' AND "eMg" = 5000 AND id NOT IN (${good.id}, ${revoked.id})`);
    const check = { v: 1, serial: scale.serial, seq: scale.seq++, at: new Date().toISOString(), referenceMg: 60_000_000, indicationMg: 60_000_000 };
    await publish(checkTopic(scale.serial), signed(scale, check));
    const events = await eventually(() => pool.query(`SELECT kind, detail FROM "ScaleEvent" WHERE "scaleId" = $1 AND seq = $2`, [scale.id, check.seq]).then((r) => r.rows), (r) => r.length > 0);
    expect(events).toEqual([{ kind: 'check', detail: expect.objectContaining({ referenceMg: 60_000_000, unjudged: true, reason: 'load_above_bands' }) }]);
    const checks = await pool.query(`SELECT id FROM "CheckWeighing" WHERE "scaleId" = $1 AND source = 'self_check' AND "referenceMg" = 60000000`, [scale.id]);
    expect(checks.rows).toEqual([]);
    const alerts = await eventually(() => pool.query<{ rule: string; severity: string }>(`SELECT rule, severity FROM "Alert" WHERE "scaleId" = $1 AND rule = 'check_unjudged'`, [scale.id]).then((r) => r.rows), (r) => r.length > 0);
    expect(alerts).toEqual([{ rule: 'check_unjudged', severity: 'info' }]);
  });
});

describe('sequence and status', () => {
  it('stores both first messages of a new scale when the second overtakes the first', async () => {
    // a scale that never sent anything (the seed's fair scales): its counter starts at 1, so seq 1
    // arriving after seq 2 is late, not seen before
    const fresh = await provision(`purpose = 'fair' AND status = 'in_service' AND "lastSeq" IS NULL`);
    expect(fresh.seq).toBe(1);
    const first = weighing(fresh);
    const second = weighing(fresh);
    await publish(weighingTopic(fresh.serial), signed(fresh, second));
    await eventually(() => pool.query(`SELECT 1 FROM "Weighing" WHERE "scaleId" = $1 AND seq = 2`, [fresh.id]).then((r) => r.rows), (r) => r.length > 0);
    await publish(weighingTopic(fresh.serial), signed(fresh, first));
    const stored = await eventually(
      () => pool.query<{ seq: string }>(`SELECT seq::text AS seq FROM "Weighing" WHERE "scaleId" = $1 ORDER BY seq`, [fresh.id]).then((r) => r.rows.map((row) => row.seq)),
      (r) => r.length >= 2,
    );
    expect(stored).toEqual(['1', '2']);
    expect(await rejectedFor(fresh.serial)).toEqual([]);
  });

  it('dead-letters a weighing under a seq an event already used, as replayed_seq', async () => {
    const { rows: [counters] } = await pool.query(`SELECT "calibrationCounter", "configurationCounter" FROM "Scale" WHERE id = $1`, [good.id]);
    const seq = good.seq++;
    const event = { v: 1, serial: good.serial, seq, at: new Date().toISOString(), kind: 'power_on', counters: { calibration: counters.calibrationCounter, configuration: counters.configurationCounter } };
    await publish(eventTopic(good.serial), signed(good, event));
    await eventually(() => pool.query(`SELECT 1 FROM "ScaleEvent" WHERE "scaleId" = $1 AND seq = $2`, [good.id, seq]).then((r) => r.rows), (r) => r.length > 0);
    const before = (await rejectedFor(good.serial)).length;
    await publish(weighingTopic(good.serial), signed(good, { ...weighing(good), seq }));
    good.seq--; // weighing() took a seq the message did not use
    const rows = await eventually(() => rejectedFor(good.serial), (r) => r.length > before);
    expect(rows.slice(before).map((r) => r.reason)).toEqual(['replayed_seq']);
    expect((await pool.query(`SELECT 1 FROM "Weighing" WHERE "scaleId" = $1 AND seq = $2`, [good.id, seq])).rows).toEqual([]);
  });

  it('opens a gap for a skipped seq and closes it when the late message arrives', async () => {
    const skipped = weighing(good);
    const next = weighing(good);
    await publish(weighingTopic(good.serial), signed(good, next));
    // (seqs of the messages refused above stay missing too: a rejected message never fills its seq)
    const gap = { f: String(skipped.seq), t: String(skipped.seq) };
    const gaps = () => pool.query<{ f: string; t: string }>(`SELECT "fromSeq"::text AS f, "toSeq"::text AS t FROM "SequenceGap" WHERE "scaleId" = $1`, [good.id]).then((r) => r.rows);
    expect(await eventually(gaps, (r) => r.some((g) => g.f === gap.f))).toContainEqual(gap);
    await publish(weighingTopic(good.serial), signed(good, skipped));
    expect(await eventually(gaps, (r) => !r.some((g) => g.f === gap.f))).not.toContainEqual(gap);
    const stored = await pool.query(`SELECT count(*)::int AS n FROM "Weighing" WHERE "scaleId" = $1 AND seq IN ($2, $3)`, [good.id, skipped.seq, next.seq]);
    expect(stored.rows[0].n).toBe(2);
  });

  it('marks a scale online and offline from its signed status', async () => {
    const status = (state: string) => signed(good, { v: 1, serial: good.serial, seq: good.seq - 1, at: new Date().toISOString(), state });
    await publish(statusTopic(good.serial), status('online'));
    expect((await eventually(() => pool.query(`SELECT online FROM "Scale" WHERE id = $1`, [good.id]).then((r) => r.rows[0].online), (o) => o === true))).toBe(true);
    await publish(statusTopic(good.serial), status('offline'));
    expect((await eventually(() => pool.query(`SELECT online FROM "Scale" WHERE id = $1`, [good.id]).then((r) => r.rows[0].online), (o) => o === false))).toBe(false);
  });
});

describe('stale sequence gaps', () => {
  it('alerts on a gap still open after the grace period, once', async () => {
    const { alertStaleGaps } = await import('../../lib/db/ingest-store.ts');
    await pool.query(`INSERT INTO "SequenceGap" ("scaleId", "fromSeq", "toSeq", "detectedAt") VALUES ($1, 1, 3, now() - interval '1 hour')`, [suspended.id]);
    expect(await alertStaleGaps(pool, 10 * 60_000, new Date())).toBeGreaterThanOrEqual(1);
    const alerts = await pool.query(`SELECT detail FROM "Alert" WHERE "scaleId" = $1 AND rule = 'sequence_gap' AND status = 'open'`, [suspended.id]);
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0].detail).toMatchObject({ missing: 3 });
    await alertStaleGaps(pool, 10 * 60_000, new Date());
    const again = await pool.query(`SELECT count(*)::int AS n FROM "Alert" WHERE "scaleId" = $1 AND rule = 'sequence_gap'`, [suspended.id]);
    expect(again.rows[0].n).toBe(1);
  });
});
