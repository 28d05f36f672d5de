// The SQL of the ingest: everything a batch writes, in bulk (UNNEST), inside the caller's
// transaction. Row-per-message writes would cap the ingest near 1 000 messages/s.
import { createHash } from 'node:crypto';
import type pg from 'pg';

type Client = pg.PoolClient | pg.Client | pg.Pool;

export interface ScaleRow {
  id: number;
  serial: string;
  secretSealed: Buffer | null;
  revokedAt: Date | null;
  accuracyClass: 'I' | 'II' | 'III' | 'IIII';
  maxMg: number;
  minMg: number;
  eMg: number;
  dMg: number;
  priceIntervalFen: number;
  status: 'in_service' | 'suspended' | 'retired';
  marketId: number;
  stallId: number | null;
  merchantId: number | null;
  lastSeq: string | null; // bigint as text
  calibrationCounter: number;
  configurationCounter: number;
  verificationResult: 'passed' | 'failed' | null;
  verificationExpiresOn: string | null; // YYYY-MM-DD
}

/** Loads and locks the scales of a batch, in id order so concurrent workers cannot deadlock. */
export async function lockScales(client: Client, serials: string[]): Promise<ScaleRow[]> {
  if (!serials.length) return [];
  const { rows } = await client.query<ScaleRow>(
    `SELECT s.id, s.serial, s."secretSealed", s."revokedAt", s."accuracyClass", s."maxMg", s."minMg", s."eMg", s."dMg", s."priceIntervalFen",
            s.status, s."marketId", s."stallId", st."merchantId", s."lastSeq"::text AS "lastSeq",
            s."calibrationCounter", s."configurationCounter",
            v.result AS "verificationResult", to_char(v."expiresOn", 'YYYY-MM-DD') AS "verificationExpiresOn"
       FROM "Scale" s
       LEFT JOIN "Stall" st ON st.id = s."stallId"
       LEFT JOIN LATERAL (SELECT result, "expiresOn" FROM "Verification" WHERE "scaleId" = s.id
                          ORDER BY "verifiedOn" DESC, id DESC LIMIT 1) v ON true
      WHERE s.serial = ANY($1::text[])
      ORDER BY s.id
        FOR UPDATE OF s`,
    [serials],
  );
  return rows;
}

export interface GapRow {
  scaleId: number;
  fromSeq: bigint;
  toSeq: bigint;
}

export async function openGaps(client: Client, scaleIds: number[]): Promise<GapRow[]> {
  if (!scaleIds.length) return [];
  const { rows } = await client.query<{ scaleId: number; fromSeq: string; toSeq: string }>(
    `SELECT "scaleId", "fromSeq"::text AS "fromSeq", "toSeq"::text AS "toSeq" FROM "SequenceGap" WHERE "scaleId" = ANY($1::int[])`,
    [scaleIds],
  );
  return rows.map((row) => ({ scaleId: row.scaleId, fromSeq: BigInt(row.fromSeq), toSeq: BigInt(row.toSeq) }));
}

/** Replaces the gaps of the given scales with the given set (one statement: one round trip). */
export async function replaceGaps(client: Client, scaleIds: number[], gaps: GapRow[], now: Date): Promise<void> {
  if (!scaleIds.length && !gaps.length) return;
  await client.query(
    `WITH cleared AS (DELETE FROM "SequenceGap" WHERE "scaleId" = ANY($1::int[]))
     INSERT INTO "SequenceGap" ("scaleId", "fromSeq", "toSeq", "detectedAt")
     SELECT g.s, g.f, g.t, $5 FROM unnest($2::int[], $3::bigint[], $4::bigint[]) AS g(s, f, t)`,
    [scaleIds, gaps.map((g) => g.scaleId), gaps.map((g) => g.fromSeq.toString()), gaps.map((g) => g.toSeq.toString()), now],
  );
}

export interface ScaleUpdate {
  scaleId: number;
  lastSeq: bigint | null;
  lastSeenAt: Date;
  online: boolean;
  calibrationCounter: number;
  configurationCounter: number;
}

/** What a scale's sequence looks like after the batch: the StoredAck's source (stored-ack.ts). */
export interface SequenceAfter {
  scaleId: number;
  lastSeq: bigint | null;
  /** the open gaps, ascending; at most MAX_ACK_GAPS + 1 (enough to tell that the list goes on) */
  gaps: { fromSeq: bigint; toSeq: bigint }[];
}

/**
 * Updates the batch's scales and returns each one's sequence as stored now. Runs after the gaps are
 * written (replaceGaps): a statement sees what the transaction wrote before it, so the answer is
 * the state this COMMIT makes durable, in the same round trip.
 */
export async function updateScales(client: Client, updates: ScaleUpdate[], gapsListed: number): Promise<SequenceAfter[]> {
  if (!updates.length) return [];
  const { rows } = await client.query<{ id: number; lastSeq: string | null; gaps: string[] }>(
    `UPDATE "Scale" s SET "lastSeq" = u.seq, "lastSeenAt" = GREATEST(s."lastSeenAt", u.seen), online = u.online,
            "calibrationCounter" = u.cal, "configurationCounter" = u.conf
       FROM unnest($1::int[], $2::bigint[], $3::timestamptz[], $4::bool[], $5::int[], $6::int[]) AS u(id, seq, seen, online, cal, conf)
      WHERE s.id = u.id
     RETURNING s.id, s."lastSeq"::text AS "lastSeq",
               ARRAY(SELECT g."fromSeq"::text || ':' || g."toSeq"::text FROM "SequenceGap" g
                      WHERE g."scaleId" = s.id ORDER BY g."fromSeq" LIMIT $7) AS gaps`,
    [
      updates.map((u) => u.scaleId),
      updates.map((u) => u.lastSeq?.toString() ?? null),
      updates.map((u) => u.lastSeenAt),
      updates.map((u) => u.online),
      updates.map((u) => u.calibrationCounter),
      updates.map((u) => u.configurationCounter),
      gapsListed,
    ],
  );
  return rows.map((row) => ({
    scaleId: row.id,
    lastSeq: row.lastSeq === null ? null : BigInt(row.lastSeq),
    gaps: row.gaps.map((gap) => {
      const [from, to] = gap.split(':');
      return { fromSeq: BigInt(from!), toSeq: BigInt(to!) };
    }),
  }));
}

export interface WeighingRow {
  scaleId: number;
  seq: bigint;
  scaleTime: Date;
  receivedAt: Date;
  merchantId: number | null;
  marketId: number;
  stallId: number | null;
  commodityId: number;
  unitPriceFenPerKg: number;
  grossMg: number;
  tareMg: number;
  netMg: number;
  priceFen: number;
  stable: boolean;
  paymentMethod: 'bank_qr' | 'cash' | 'card';
  findings: string[];
  signature: Buffer;
  /** the token the receipt is stored under (lib/domain/receipt-reuse.ts) */
  receiptToken: string;
  /** the token the scale printed, when it is not `receiptToken` (another weighing owns it) */
  printedToken: string | null;
}

export interface InsertedWeighings {
  /** the keys ("scaleId:seq") of the weighings inserted */
  inserted: Set<string>;
  /** of those, the ones whose receipt token another weighing's receipt already held (committed
   *  before, or by a concurrent lane or worker that committed first): no receipt was stored */
  tokenTaken: Set<string>;
}

/**
 * Inserts weighings and their receipts in one statement (one round trip, the rows sent once).
 * A receipt whose token is taken is left out, never an error: the caller gives it another.
 */
export async function insertWeighings(client: Client, rows: WeighingRow[]): Promise<InsertedWeighings> {
  if (!rows.length) return { inserted: new Set(), tokenTaken: new Set() };
  const col = <K extends keyof WeighingRow>(key: K) => rows.map((row) => row[key]);
  const { rows: inserted } = await client.query<{ scaleId: number; seq: string; receiptStored: boolean }>(
    `WITH input AS (
       SELECT * FROM unnest($1::int[], $2::bigint[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::int[], $7::int[], $8::int[],
                            $9::int[], $10::int[], $11::int[], $12::int[], $13::int[], $14::bool[], $15::text[], $16::text[], $17::bytea[], $18::text[],
                            $19::text[])
                AS w(s, q, t, r, m, mk, st, c, u, g, ta, n, p, sb, pm, f, sig, token, printed)
     ), weighing AS (
       INSERT INTO "Weighing" ("scaleId", seq, "scaleTime", "receivedAt", "merchantId", "marketId", "stallId", "commodityId",
                               "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod", findings, signature)
       SELECT s, q, t, r, m, mk, st, c, u, g, ta, n, p, sb, pm::"PaymentMethod",
              CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, ',') END, sig
         FROM input
       ON CONFLICT ("scaleId", seq, "scaleTime") DO NOTHING
       RETURNING id, "scaleId", seq, "scaleTime"
     ), receipt AS (
       INSERT INTO "Receipt" (token, "weighingId", "scaleId", "issuedAt", "printedToken")
       SELECT input.token, weighing.id, weighing."scaleId", weighing."scaleTime", input.printed
         FROM weighing JOIN input ON input.s = weighing."scaleId" AND input.q = weighing.seq
       ON CONFLICT (token) DO NOTHING
       RETURNING "weighingId"
     )
     SELECT "scaleId", seq::text AS seq, id IN (SELECT "weighingId" FROM receipt) AS "receiptStored" FROM weighing`,
    [
      col('scaleId'), rows.map((r) => r.seq.toString()), col('scaleTime'), col('receivedAt'), col('merchantId'), col('marketId'),
      col('stallId'), col('commodityId'), col('unitPriceFenPerKg'), col('grossMg'), col('tareMg'), col('netMg'), col('priceFen'),
      col('stable'), col('paymentMethod'), rows.map((r) => r.findings.join(',')), col('signature'), col('receiptToken'), col('printedToken'),
    ],
  );
  const key = (row: { scaleId: number; seq: string }) => `${row.scaleId}:${row.seq}`;
  return { inserted: new Set(inserted.map(key)), tokenTaken: new Set(inserted.filter((row) => !row.receiptStored).map(key)) };
}

/**
 * Stores the receipts of weighings inserted in this transaction under their derived tokens, with
 * the printed token beside them, and adds the finding to those weighings. Runs only when a token
 * was taken (rare): the usual batch pays nothing for it.
 */
export async function reissueReceipts(client: Client, rows: WeighingRow[], finding: string): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `WITH input AS (
       SELECT * FROM unnest($1::int[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[]) AS r(s, q, t, token, printed)
     ), receipt AS (
       INSERT INTO "Receipt" (token, "weighingId", "scaleId", "issuedAt", "printedToken")
       SELECT input.token, w.id, w."scaleId", w."scaleTime", input.printed
         FROM input JOIN "Weighing" w ON w."scaleId" = input.s AND w.seq = input.q AND w."scaleTime" = input.t
       -- a derived token is taken only by a 128-bit collision; failing the batch for it would
       -- redeliver it for ever
       ON CONFLICT (token) DO NOTHING
     )
     UPDATE "Weighing" w SET findings = array_append(w.findings, $6)
       FROM input WHERE w."scaleId" = input.s AND w.seq = input.q AND w."scaleTime" = input.t AND NOT ($6 = ANY(w.findings))`,
    [rows.map((r) => r.scaleId), rows.map((r) => r.seq.toString()), rows.map((r) => r.scaleTime), rows.map((r) => r.receiptToken), rows.map((r) => r.printedToken), finding],
  );
}

export async function commodityIds(client: Client, plus: string[]): Promise<Map<string, number>> {
  if (!plus.length) return new Map();
  // A PLU the register does not know is kept, as an unregistered commodity, rather than lost.
  await client.query(
    `INSERT INTO "Commodity" (plu, name, "nameEn", category)
     SELECT p, '未登记品名 ' || p, 'Unregistered PLU ' || p, 'other' FROM unnest($1::text[]) AS p
     ON CONFLICT (plu) DO NOTHING`,
    [plus],
  );
  const { rows } = await client.query<{ id: number; plu: string }>(`SELECT id, plu FROM "Commodity" WHERE plu = ANY($1::text[])`, [plus]);
  return new Map(rows.map((row) => [row.plu, row.id]));
}

export interface EventRow {
  scaleId: number;
  seq: bigint;
  kind: string;
  scaleTime: Date;
  receivedAt: Date;
  detail: unknown;
}

export async function insertEvents(client: Client, rows: EventRow[]): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `INSERT INTO "ScaleEvent" ("scaleId", seq, kind, "scaleTime", "receivedAt", detail)
     SELECT * FROM unnest($1::int[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[])
     ON CONFLICT ("scaleId", seq) DO NOTHING`,
    [rows.map((r) => r.scaleId), rows.map((r) => r.seq.toString()), rows.map((r) => r.kind), rows.map((r) => r.scaleTime), rows.map((r) => r.receivedAt), rows.map((r) => JSON.stringify(r.detail))],
  );
}

export interface CheckRow {
  scaleId: number;
  at: Date;
  referenceMg: number;
  indicationMg: number;
  mpeMg: number;
  passed: boolean;
}

export async function insertChecks(client: Client, rows: CheckRow[]): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `INSERT INTO "CheckWeighing" ("scaleId", source, kind, stage, at, "referenceMg", "indicationMg", "mpeMg", passed)
     SELECT s, 'self_check', 'weighing', 'in_service', a, r, i, m, p
       FROM unnest($1::int[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::bool[]) AS c(s, a, r, i, m, p)`,
    [rows.map((r) => r.scaleId), rows.map((r) => r.at), rows.map((r) => r.referenceMg), rows.map((r) => r.indicationMg), rows.map((r) => r.mpeMg), rows.map((r) => r.passed)],
  );
}

export interface RollupDelta {
  key: (number | string)[]; // scaleId|merchantId|marketId, day — or commodityId, marketId, day
  count: number;
  netMg: bigint;
  priceFen: bigint;
  findings: number;
  /** weighings with a price finding (lib/domain/price-findings.ts); kept by ScaleDay and MerchantDay */
  priceFindings: number;
  minPrice?: number;
  maxPrice?: number;
}

export interface RollupDeltas {
  scale: RollupDelta[];
  merchant: RollupDelta[];
  market: RollupDelta[];
  commodity: RollupDelta[];
}

/** The upsert of one day-totals rollup; `first` is its first parameter's number. */
function dayTotals(table: 'ScaleDay' | 'MerchantDay' | 'MarketDay', key: string, first: number, withPrice: boolean): string {
  const columns = ['weighingCount', 'netMgSum', 'priceFenSum', 'findingCount', ...(withPrice ? ['priceFindingCount'] : [])];
  const types = ['int', 'bigint', 'bigint', 'int', ...(withPrice ? ['int'] : [])];
  const params = [`$${first}::int[]`, `$${first + 1}::date[]`, ...types.map((type, i) => `$${first + 2 + i}::${type}[]`)];
  return `
  INSERT INTO "${table}" (${key}, "businessDay", ${columns.map((c) => `"${c}"`).join(', ')})
  SELECT * FROM unnest(${params.join(', ')})
  ON CONFLICT (${key}, "businessDay") DO UPDATE SET
    ${columns.map((c) => `"${c}" = "${table}"."${c}" + EXCLUDED."${c}"`).join(',\n    ')}`;
}

// The four rollups in one statement: a round trip each cost more than the upserts themselves.
// Parameters: ScaleDay $1–$7, MerchantDay $8–$14, MarketDay $15–$20, CommodityDay $21–$28.
const ROLLUPS_SQL = `
  WITH scale_day AS (${dayTotals('ScaleDay', '"scaleId"', 1, true)}),
       merchant_day AS (${dayTotals('MerchantDay', '"merchantId"', 8, true)}),
       market_day AS (${dayTotals('MarketDay', '"marketId"', 15, false)})
  INSERT INTO "CommodityDay" ("commodityId", "marketId", "businessDay", "weighingCount", "netMgSum", "priceFenSum", "minUnitPriceFenPerKg", "maxUnitPriceFenPerKg")
  SELECT * FROM unnest($21::int[], $22::int[], $23::date[], $24::int[], $25::bigint[], $26::bigint[], $27::int[], $28::int[])
  ON CONFLICT ("commodityId", "marketId", "businessDay") DO UPDATE SET
    "weighingCount" = "CommodityDay"."weighingCount" + EXCLUDED."weighingCount",
    "netMgSum" = "CommodityDay"."netMgSum" + EXCLUDED."netMgSum",
    "priceFenSum" = "CommodityDay"."priceFenSum" + EXCLUDED."priceFenSum",
    "minUnitPriceFenPerKg" = LEAST("CommodityDay"."minUnitPriceFenPerKg", EXCLUDED."minUnitPriceFenPerKg"),
    "maxUnitPriceFenPerKg" = GREATEST("CommodityDay"."maxUnitPriceFenPerKg", EXCLUDED."maxUnitPriceFenPerKg")`;

const totals = (deltas: RollupDelta[], withPrice: boolean) => [
  deltas.map((d) => d.key[0]), deltas.map((d) => d.key[1]), deltas.map((d) => d.count),
  deltas.map((d) => d.netMg.toString()), deltas.map((d) => d.priceFen.toString()), deltas.map((d) => d.findings),
  ...(withPrice ? [deltas.map((d) => d.priceFindings)] : []),
];

/** Adds a batch's totals to the daily rollups; each list must be sorted by key (see the caller). */
export async function addToRollups(client: Client, deltas: RollupDeltas): Promise<void> {
  if (!deltas.scale.length) return; // every stored weighing has a scale: no scale totals, nothing stored
  const { commodity } = deltas;
  await client.query(ROLLUPS_SQL, [
    ...totals(deltas.scale, true), ...totals(deltas.merchant, true), ...totals(deltas.market, false),
    commodity.map((d) => d.key[0]), commodity.map((d) => d.key[1]), commodity.map((d) => d.key[2]), commodity.map((d) => d.count),
    commodity.map((d) => d.netMg.toString()), commodity.map((d) => d.priceFen.toString()), commodity.map((d) => d.minPrice ?? 0), commodity.map((d) => d.maxPrice ?? 0),
  ]);
}

export interface AlertRow {
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  marketId: number;
  scaleId: number;
  merchantId: number | null;
  count: number;
  firstSeq: bigint;
}

/**
 * One open alert per scale and rule: counts what it already has, raises what is new. One
 * statement: both parts see the same snapshot, in which the open alerts are what they were.
 */
export async function raiseAlerts(client: Client, rows: AlertRow[], now: Date): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[])
                  AS t(rule, severity, market, scale, merchant, n, seq)),
     counted AS (
       UPDATE "Alert" a SET detail = jsonb_set(COALESCE(a.detail, '{}'::jsonb), '{count}', to_jsonb(COALESCE((a.detail->>'count')::int, 1) + t.n))
         FROM t WHERE a."scaleId" = t.scale AND a.rule = t.rule AND a.status <> 'closed'
     )
     INSERT INTO "Alert" (rule, severity, status, "marketId", "scaleId", "merchantId", "raisedAt", detail)
     SELECT t.rule, t.severity::"AlertSeverity", 'open', t.market, t.scale, t.merchant, $8, jsonb_build_object('count', t.n, 'firstSeq', t.seq)
       FROM t
      WHERE NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."scaleId" = t.scale AND a.rule = t.rule AND a.status <> 'closed')`,
    [rows.map((r) => r.rule), rows.map((r) => r.severity), rows.map((r) => r.marketId), rows.map((r) => r.scaleId), rows.map((r) => r.merchantId), rows.map((r) => r.count), rows.map((r) => r.firstSeq.toString()), now],
  );
}

export interface RejectedRow {
  topic: string;
  payload: Buffer;
  reason: string;
  detail: string | null;
  scaleSerial: string | null;
  receivedAt: Date;
}

/** Text the dead letter keeps about a hostile message echoes its bytes; PostgreSQL text refuses U+0000. */
function storable(text: string | null, max: number): string | null {
  return text === null ? null : text.slice(0, max).replace(/\u0000/g, '\\u0000');
}

/**
 * How much of a rejected payload the dead letter keeps. Valid messages are at most
 * MAX_MESSAGE_BYTES (4 KiB), so 8 KiB shows every refused one that was near valid in full; beyond
 * it, a broker that lets large messages through (Mosquitto's default is 256 MiB) would let anyone
 * grow the table by megabytes a message. The whole payload's size and SHA-256 are kept with it.
 */
export const DEAD_LETTER_PAYLOAD_BYTES = 8 * 1024;

export async function insertRejected(client: Client, rows: RejectedRow[]): Promise<void> {
  if (!rows.length) return;
  await client.query(
    `INSERT INTO "RejectedMessage" (topic, payload, "payloadBytes", "payloadSha256", reason, detail, "scaleSerial", "receivedAt")
     SELECT * FROM unnest($1::text[], $2::bytea[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
    [
      rows.map((r) => storable(r.topic, 512)),
      rows.map((r) => r.payload.subarray(0, DEAD_LETTER_PAYLOAD_BYTES)),
      rows.map((r) => r.payload.byteLength),
      rows.map((r) => createHash('sha256').update(r.payload).digest('hex')),
      rows.map((r) => r.reason),
      rows.map((r) => storable(r.detail, 2000)),
      rows.map((r) => storable(r.scaleSerial, 64)),
      rows.map((r) => r.receivedAt),
    ],
  );
}

/** The signature stored for (scale, seq), to tell a redelivery from a replay with other content. */
export async function storedSignatures(client: Client, keys: { scaleId: number; seq: bigint }[]): Promise<Map<string, Buffer | null>> {
  if (!keys.length) return new Map();
  const { rows } = await client.query<{ scaleId: number; seq: string; signature: Buffer | null }>(
    `SELECT w."scaleId", w.seq::text AS seq, w.signature FROM "Weighing" w
       JOIN unnest($1::int[], $2::bigint[]) AS k(s, q) ON w."scaleId" = k.s AND w.seq = k.q`,
    [keys.map((k) => k.scaleId), keys.map((k) => k.seq.toString())],
  );
  return new Map(rows.map((row) => [`${row.scaleId}:${row.seq}`, row.signature]));
}

/**
 * Raises a `sequence_gap` alert for every scale with a gap older than `olderThanMs`: messages
 * reordered between connections open gaps that close within milliseconds; one still open after
 * minutes is a record that never came.
 */
export async function alertStaleGaps(client: Client, olderThanMs: number, now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO "Alert" (rule, severity, status, "marketId", "scaleId", "merchantId", "raisedAt", detail)
     SELECT 'sequence_gap', 'warning', 'open', s."marketId", s.id, st."merchantId", $2,
            jsonb_build_object('gaps', g.n, 'missing', g.missing, 'firstSeq', g.first)
       FROM (SELECT "scaleId", count(*) AS n, sum("toSeq" - "fromSeq" + 1) AS missing, min("fromSeq") AS first
               FROM "SequenceGap" WHERE "detectedAt" < $2::timestamptz - make_interval(secs => $1 / 1000.0)
              GROUP BY "scaleId") g
       JOIN "Scale" s ON s.id = g."scaleId"
       LEFT JOIN "Stall" st ON st.id = s."stallId"
      WHERE NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a."scaleId" = s.id AND a.rule = 'sequence_gap' AND a.status <> 'closed')`,
    [olderThanMs, now],
  );
  return rowCount ?? 0;
}
