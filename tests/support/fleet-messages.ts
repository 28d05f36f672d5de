// A fleet of test scales for the ingest's chaos and fuzz tests: scales of the seeded city given
// fresh secrets of the test's own (sealed with a random platform key the worker gets as
// SCALE_SECRET_KEY), signed weighings that continue each scale's seq, publishing with a window of
// outstanding QoS 1 publishes, and the exactly-once accounting of what was published.
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type pg from 'pg';
import { seal } from '../../lib/crypto/secret-box.ts';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { weighingTopic } from '../../lib/domain/protocol/topics.ts';

export interface FleetScale {
  id: number;
  serial: string;
  secret: string;
  minMg: number;
  dMg: number;
  /** the first seq this test publishes (the scale's lastSeq + 1 when provisioned) */
  firstSeq: number;
  /** the next seq to publish */
  nextSeq: number;
}

/**
 * Gives `count` in-service trade scales (taken from the highest ids down, skipping `skip`, so
 * tests that run one after another on the run's database use disjoint scales) a fresh secret
 * sealed with `key`, and continues from each one's lastSeq.
 */
export async function provisionFleet(pool: pg.Pool, key: Buffer, options: { count: number; skip: number }): Promise<FleetScale[]> {
  const { rows } = await pool.query<{ id: number; serial: string; minMg: number; dMg: number }>(
    `SELECT id, serial, "minMg", "dMg" FROM "Scale"
      WHERE purpose = 'trade' AND status = 'in_service' AND "revokedAt" IS NULL
      ORDER BY id DESC OFFSET $1 LIMIT $2`,
    [options.skip, options.count],
  );
  if (rows.length < options.count) throw new Error(`the seed has only ${rows.length} spare in-service trade scales, ${options.count} wanted`);
  const scales: FleetScale[] = [];
  for (const row of rows) {
    const secret = randomBytes(32).toString('hex');
    const { rows: [updated] } = await pool.query<{ lastSeq: string | null }>(
      `UPDATE "Scale" SET "secretSealed" = $1, "secretIssuedAt" = now() WHERE id = $2 RETURNING "lastSeq"::text AS "lastSeq"`,
      [seal(key, secret), row.id],
    );
    const firstSeq = Number(updated!.lastSeq ?? 0) + 1;
    scales.push({ ...row, secret, firstSeq, nextSeq: firstSeq });
  }
  return scales;
}

export interface Publication {
  topic: string;
  payload: string | Buffer;
}

export interface SignedWeighing extends Publication {
  scale: FleetScale;
  seq: number;
  sig: string;
}

/** The fields of a correct weighing of `scale` (price computed, net a multiple of d above Min). */
export function weighingFields(scale: FleetScale, seq: number, variant: number, plu: string): Record<string, unknown> {
  const netMg = scale.minMg + scale.dMg * (variant % 500);
  const unitPriceFenPerKg = 600 + (variant % 97) * 10;
  return {
    v: 1, serial: scale.serial, seq, at: new Date().toISOString(), plu, unitPriceFenPerKg,
    grossMg: netMg, tareMg: 0, netMg, priceFen: priceToPay({ unitPriceFenPerKg, netMg }), stable: true,
    payment: variant % 3 === 0 ? 'cash' : 'bank_qr', receipt: randomBytes(16).toString('base64url'),
  };
}

/** The next signed weighing of a scale (consumes its next seq). */
export function nextWeighing(scale: FleetScale, plu: string, variant = scale.nextSeq): SignedWeighing {
  const seq = scale.nextSeq++;
  const message = withSignature(scale.secret, weighingFields(scale, seq, variant, plu));
  return { topic: weighingTopic(scale.serial), payload: JSON.stringify(message), scale, seq, sig: message.sig };
}

/** `count` signed weighings, round robin over the scales, each with its scale's next seq. */
export function fleetWeighings(scales: FleetScale[], count: number, plu: string): SignedWeighing[] {
  const out: SignedWeighing[] = [];
  for (let i = 0; i < count; i++) out.push(nextWeighing(scales[i % scales.length]!, plu, i));
  return out;
}

/** Any registered PLU of the seed (a weighing with an unknown PLU would add a commodity). */
export async function registeredPlu(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ plu: string }>(`SELECT plu FROM "Commodity" ORDER BY plu LIMIT 1`);
  if (!rows[0]) throw new Error('no commodity in the seed');
  return rows[0].plu;
}

export async function connectPublishers(url: string, count: number, label: string): Promise<MqttClient[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      mqtt.connectAsync(url, { clientId: `${label}-pub-${i}-${randomBytes(3).toString('hex')}`, protocolVersion: 4, clean: true, reconnectPeriod: 0 }),
    ),
  );
}

/**
 * Publishes every message with QoS 1, spread over the clients, each with at most `window`
 * publishes awaiting their PUBACK. `perSecond` paces the whole stream (0: as fast as it goes);
 * `onProgress` hears how many were acknowledged by the broker so far.
 */
export async function publishAll(
  clients: MqttClient[],
  messages: readonly Publication[],
  options: { window?: number; perSecond?: number; onProgress?: (acked: number) => void } = {},
): Promise<void> {
  const window = options.window ?? 500;
  const started = performance.now();
  let acked = 0;
  let next = 0; // shared cursor: the clients take the messages in order
  await Promise.all(
    clients.map(async (client) => {
      const inflight = new Set<Promise<unknown>>();
      for (;;) {
        const index = next++;
        if (index >= messages.length) break;
        if (options.perSecond) {
          const due = started + (index / options.perSecond) * 1000;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const m = messages[index]!;
        const p: Promise<unknown> = client.publishAsync(m.topic, m.payload, { qos: 1 }).then(() => {
          inflight.delete(p);
          options.onProgress?.(++acked);
        });
        inflight.add(p);
        if (inflight.size >= window) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    }),
  );
}

export async function endAll(clients: MqttClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.endAsync(true).catch(() => {})));
}

export interface SeqRange {
  scaleId: number;
  fromSeq: number;
  toSeq: number;
}

/** The seq range each scale published in this test (firstSeq … nextSeq − 1). */
export function publishedRanges(scales: FleetScale[]): SeqRange[] {
  return scales.filter((s) => s.nextSeq > s.firstSeq).map((s) => ({ scaleId: s.id, fromSeq: s.firstSeq, toSeq: s.nextSeq - 1 }));
}

const RANGES = `unnest($1::int[], $2::bigint[], $3::bigint[]) AS r(s, f, t)`;
const rangeParams = (ranges: SeqRange[]) => [ranges.map((r) => r.scaleId), ranges.map((r) => r.fromSeq), ranges.map((r) => r.toSeq)];

/** Weighings stored in the published ranges. */
export async function storedInRanges(pool: pg.Pool, ranges: SeqRange[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Weighing" w JOIN ${RANGES} ON w."scaleId" = r.s AND w.seq BETWEEN r.f AND r.t`,
    rangeParams(ranges),
  );
  return rows[0]!.n;
}

export interface ExactlyOnceFacts {
  /** weighing rows in the published ranges */
  rows: number;
  /** distinct (scaleId, seq) among them */
  distinct: number;
  /** weighing rows of these scales past the published ranges (nothing was published there) */
  beyond: number;
  /** receipts of the weighings in the ranges */
  receipts: number;
  /** open sequence gaps overlapping the published ranges */
  gapsInRanges: number;
  /** scales whose lastSeq is not the last published seq */
  lastSeqWrong: number;
}

export async function exactlyOnceFacts(pool: pg.Pool, ranges: SeqRange[]): Promise<ExactlyOnceFacts> {
  const params = rangeParams(ranges);
  const { rows: [w] } = await pool.query<{ rows: number; distinct: number; receipts: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT (w."scaleId", w.seq))::int AS distinct,
            (SELECT count(*)::int FROM "Receipt" rc JOIN "Weighing" w2 ON w2.id = rc."weighingId"
               JOIN ${RANGES.replace(' r(', ' r2(')} ON w2."scaleId" = r2.s AND w2.seq BETWEEN r2.f AND r2.t) AS receipts
       FROM "Weighing" w JOIN ${RANGES} ON w."scaleId" = r.s AND w.seq BETWEEN r.f AND r.t`,
    params,
  );
  const { rows: [b] } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Weighing" w JOIN ${RANGES} ON w."scaleId" = r.s AND w.seq > r.t`, params);
  const { rows: [g] } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "SequenceGap" g JOIN ${RANGES} ON g."scaleId" = r.s AND g."toSeq" >= r.f AND g."fromSeq" <= r.t`,
    params,
  );
  const { rows: [l] } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Scale" s JOIN ${RANGES} ON s.id = r.s WHERE s."lastSeq" IS DISTINCT FROM r.t`,
    params,
  );
  return { rows: w!.rows, distinct: w!.distinct, beyond: b!.n, receipts: w!.receipts, gapsInRanges: g!.n, lastSeqWrong: l!.n };
}

/** Sum of the ScaleDay rollup counts of some scales (all days): must grow by exactly what was stored. */
export async function rollupCount(pool: pg.Pool, scaleIds: number[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT COALESCE(sum("weighingCount"), 0)::int AS n FROM "ScaleDay" WHERE "scaleId" = ANY($1::int[])`, [scaleIds]);
  return rows[0]!.n;
}

/** Dead-letter rows for these serials written after id `afterId`. */
export async function rejectedFor(pool: pg.Pool, serials: string[], afterId: string): Promise<{ reason: string; n: number }[]> {
  const { rows } = await pool.query<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM "RejectedMessage" WHERE id > $2::bigint AND ("scaleSerial" = ANY($1::text[]) OR split_part(topic, '/', 4) = ANY($1::text[]))
      GROUP BY reason ORDER BY reason`,
    [serials, afterId],
  );
  return rows;
}

export async function maxRejectedId(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`SELECT COALESCE(max(id), 0)::text AS id FROM "RejectedMessage"`);
  return rows[0]!.id;
}

/**
 * Polls `read` until it reaches `target` and then holds still for `quietMs` (nothing more arrives),
 * or stops moving below it for `stallMs`, or `timeoutMs` passes, or `abort` says why to give up.
 * Returns the last value.
 */
export async function settle(
  read: () => Promise<number>,
  options: { target: number; quietMs?: number; stallMs?: number; timeoutMs: number; everyMs?: number; abort?: () => string | null },
): Promise<{ value: number; reason: 'settled' | 'stalled' | 'timeout' | string }> {
  const quietMs = options.quietMs ?? 1500;
  const stallMs = options.stallMs ?? 15_000;
  const deadline = Date.now() + options.timeoutMs;
  let value = await read();
  let since = Date.now();
  for (;;) {
    const abort = options.abort?.();
    if (abort) return { value, reason: abort };
    const still = Date.now() - since;
    if (value >= options.target && still >= quietMs) return { value, reason: 'settled' };
    if (value < options.target && still >= stallMs) return { value, reason: 'stalled' };
    if (Date.now() > deadline) return { value, reason: 'timeout' };
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 250));
    const next = await read();
    if (next !== value) {
      value = next;
      since = Date.now();
    }
  }
}

/** Everything a test must assert about the stored result, in one object (one readable diff on failure). */
export async function exactlyOnce(pool: pg.Pool, scales: FleetScale[], published: number, rollupBefore: number, rejectedAfterId: string) {
  const ranges = publishedRanges(scales);
  const facts = await exactlyOnceFacts(pool, ranges);
  return {
    ...facts,
    rollupAdded: (await rollupCount(pool, scales.map((s) => s.id))) - rollupBefore,
    rejected: await rejectedFor(pool, scales.map((s) => s.serial), rejectedAfterId),
    expected: published,
  };
}

/** What `exactlyOnce` must equal when every published weighing is stored once. */
export const perfect = (published: number) => ({
  rows: published, distinct: published, beyond: 0, receipts: published, gapsInRanges: 0, lastSeqWrong: 0, rollupAdded: published, rejected: [], expected: published,
});
