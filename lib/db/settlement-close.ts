// Closing business days: the rule of lib/domain/settlement-close.ts, applied set-based in SQL to every
// enrolled merchant of a day at once (a city's day is 20 000 merchants and a million payments: one
// query per merchant would take minutes, these statements take seconds). The close job, the seed and
// the benchmark all call closeBusinessDay; a property test holds it to the pure plan.
//
// Idempotent and in order: a day is closed once (BusinessDayClose, primary key on the day, read under
// an advisory lock), days close one after another with no gap, a payment is taken only while its
// settlementId is null, and a merchant has one settlement per day (unique key). Everything of one day
// happens in the caller's one transaction: a crash leaves the day open, never half closed.
import type pg from 'pg';
import { addDays, businessDay, dayStart } from '../domain/business-day.ts';
import { BASIS_POINTS_PER_UNIT } from '../domain/settlement.ts';
import { inTransaction } from './transaction.ts';

// Any constant will do; it only has to be the same for every closing process.
const CLOSE_LOCK_KEY = 7_230_509;

export class CloseOrderError extends Error {
  readonly code = 'close_out_of_order';
}

export interface DayCloseResult {
  businessDay: string;
  /** already_closed: nothing written (closing twice changes nothing) */
  outcome: 'closed' | 'already_closed';
  settlements: number;
  lines: number;
  adjustments: number;
  exceptions: number;
  netFen: number;
  durationMs: number;
}

/** settlementFee in SQL, with the amount's sign (signedSettlementFee): half up on |amount|, integer only. */
const signedFee = (amount: string, bp: string): string =>
  `(sign(${amount}) * ((abs(${amount})::bigint * ${bp} * 2 + ${BASIS_POINTS_PER_UNIT}) / ${BASIS_POINTS_PER_UNIT * 2}))::bigint`;

// $1 = the day. The payments a close takes (see the rule in lib/domain/settlement-close.ts): matched,
// of an enrolled merchant, not counted yet, of the day or before; a refund or reversal only once its
// capture is counted (matched, the same merchant, of the day or before: settled, or taken by this close).
const OPEN_LINES_SQL = `
  CREATE TEMP TABLE close_line ON COMMIT DROP AS
  SELECT l.*,
         CASE WHEN l."causeDay" = $1::date
              THEN (CASE l.status WHEN 'captured' THEN 'sale' WHEN 'refunded' THEN 'refund' ELSE 'reversal' END)
              ELSE 'adjustment' END::"SettlementLineKind" AS kind,
         CASE WHEN l."causeDay" = $1::date THEN 0 ELSE ${signedFee('l."amountFen"', 'l.bp')} END AS "feeFen",
         CASE WHEN l."causeDay" = $1::date THEN NULL
              ELSE (CASE l.status WHEN 'captured' THEN 'late_capture' WHEN 'refunded' THEN 'late_refund' ELSE 'late_reversal' END) END AS note
  FROM (
    SELECT p.id AS "paymentId", p."merchantId", p.status,
           CASE WHEN p.status = 'captured' THEN p."amountFen" ELSE -p."amountFen" END::bigint AS "amountFen",
           CASE WHEN p.status = 'captured' THEN p."businessDay" ELSE c."businessDay" END AS "causeDay",
           pr."feeBasisPoints" AS bp
    FROM "Payment" p
    JOIN "Merchant" m ON m.id = p."merchantId" AND m."programmeId" IS NOT NULL
    JOIN "Programme" pr ON pr.id = m."programmeId"
    LEFT JOIN "Payment" c ON p.status <> 'captured' AND c."bankRef" = p."originalRef"
    WHERE p."settlementId" IS NULL AND p."businessDay" <= $1::date AND p.match = 'matched'
      AND (p.status = 'captured' OR (c.match = 'matched' AND c."merchantId" = p."merchantId" AND c."businessDay" <= $1::date))
  ) l`;

// $1 = start, $2 = end of the day (local midnights, UTC instants): the day's bank-QR weighings of
// enrolled merchants, on "scaleTime" itself so only the day's partition and range are read.
const WEIGHED_SQL = `
  CREATE TEMP TABLE close_weighed ON COMMIT DROP AS
  SELECT w."merchantId", sum(w."priceFen")::bigint AS "weighedFen"
  FROM "Weighing" w
  JOIN "Merchant" m ON m.id = w."merchantId" AND m."programmeId" IS NOT NULL
  WHERE w."scaleTime" >= $1 AND w."scaleTime" < $2 AND w."paymentMethod" = 'bank_qr'
  GROUP BY w."merchantId"`;

// $1 = the day. One settlement per merchant with a line or a weighing; figures as in the pure plan.
const SETTLEMENTS_SQL = `
  WITH per AS (
    SELECT "merchantId",
           count(*) FILTER (WHERE kind = 'sale') AS "paymentCount",
           -- sum() of bigint is numeric: back to bigint, so the fee below divides as integers
           COALESCE(sum("amountFen") FILTER (WHERE kind <> 'adjustment'), 0)::bigint AS gross,
           COALESCE(-sum("amountFen") FILTER (WHERE kind IN ('refund', 'reversal')), 0)::bigint AS refunded,
           COALESCE(sum("amountFen" - "feeFen") FILTER (WHERE kind = 'adjustment'), 0)::bigint AS adjustment,
           max(bp) AS bp
    FROM close_line GROUP BY "merchantId"
  ), merged AS (
    SELECT COALESCE(per."merchantId", w."merchantId") AS "merchantId",
           COALESCE(per."paymentCount", 0) AS "paymentCount", COALESCE(per.gross, 0) AS gross,
           COALESCE(per.refunded, 0) AS refunded, COALESCE(per.adjustment, 0) AS adjustment,
           COALESCE(per.bp, 0) AS bp, COALESCE(w."weighedFen", 0) AS weighed
    FROM per FULL JOIN close_weighed w ON w."merchantId" = per."merchantId"
  ), figured AS (
    SELECT merged.*, ${signedFee('gross', 'bp')} AS fee FROM merged
  ), inserted AS (
    INSERT INTO "Settlement" ("merchantId", "businessDay", "paymentCount", "grossFen", "refundedFen", "feeFen", "adjustmentFen", "netFen", "weighedFen", status, "closedAt")
    SELECT "merchantId", $1::date, "paymentCount", gross::int, refunded::int, fee::int, adjustment::int, (gross - fee + adjustment)::int, weighed::int,
           (CASE WHEN gross + refunded = weighed THEN 'pending' ELSE 'mismatch' END)::"SettlementStatus", now()
    FROM figured
    ON CONFLICT ("merchantId", "businessDay") DO NOTHING
    RETURNING id, "merchantId", "netFen", status
  )
  INSERT INTO close_settlement SELECT id, "merchantId", "netFen", status = 'mismatch' FROM inserted`;

const LINES_SQL = `
  INSERT INTO "SettlementLine" ("settlementId", kind, "paymentId", "amountFen", "feeFen", "causeDay", note)
  SELECT s.id, l.kind, l."paymentId", l."amountFen"::int, l."feeFen"::int, l."causeDay", l.note
  FROM close_line l JOIN close_settlement s ON s."merchantId" = l."merchantId"`;

const COUNT_PAYMENTS_SQL = `
  UPDATE "Payment" p SET "settlementId" = s.id
  FROM close_line l JOIN close_settlement s ON s."merchantId" = l."merchantId"
  WHERE p.id = l."paymentId" AND p."settlementId" IS NULL`;

async function closedBounds(client: pg.ClientBase): Promise<{ last: string | null }> {
  const { rows } = await client.query<{ last: string | null }>(`SELECT max("businessDay")::text AS last FROM "BusinessDayClose"`);
  return { last: rows[0]?.last ?? null };
}

/**
 * Closes one business day for every enrolled merchant, inside the caller's transaction. A day already
 * closed → `already_closed`, nothing written. Days close in order: a day after a gap, or before the
 * last closed one, is refused (CloseOrderError), so no payment skips the day it belongs to.
 */
export async function closeBusinessDay(client: pg.ClientBase, day: string): Promise<DayCloseResult> {
  const started = performance.now();
  await client.query('SELECT pg_advisory_xact_lock($1)', [CLOSE_LOCK_KEY]);
  const empty = { businessDay: day, settlements: 0, lines: 0, adjustments: 0, exceptions: 0, netFen: 0 };
  const done = await client.query('SELECT 1 FROM "BusinessDayClose" WHERE "businessDay" = $1::date', [day]);
  if (done.rowCount) return { ...empty, outcome: 'already_closed', durationMs: 0 };
  const { last } = await closedBounds(client);
  if (last !== null && last !== addDays(day, -1)) {
    throw new CloseOrderError(last > day ? `${day} is before the last closed day ${last}` : `days ${addDays(last, 1)}…${addDays(day, -1)} are not closed yet`);
  }

  await client.query('DROP TABLE IF EXISTS close_line, close_weighed, close_settlement');
  await client.query(OPEN_LINES_SQL, [day]);
  await client.query('ANALYZE close_line');
  await client.query(WEIGHED_SQL, [dayStart(day), dayStart(addDays(day, 1))]);
  await client.query('CREATE TEMP TABLE close_settlement ("id" int PRIMARY KEY, "merchantId" int UNIQUE, "netFen" bigint, exception boolean) ON COMMIT DROP');
  await client.query(SETTLEMENTS_SQL, [day]);
  const lines = await client.query(LINES_SQL);
  const counted = await client.query(COUNT_PAYMENTS_SQL);
  if (counted.rowCount !== lines.rowCount) {
    // a payment changed under the close (it cannot, under the lock and unique paymentId): start again
    throw new Error(`close of ${day}: ${lines.rowCount} lines but ${counted.rowCount} payments counted`);
  }
  const { rows } = await client.query<{ settlements: number; exceptions: number; netFen: string; adjustments: number }>(`
    SELECT (SELECT count(*)::int FROM close_settlement) AS settlements,
           (SELECT count(*)::int FROM close_settlement WHERE exception) AS exceptions,
           (SELECT COALESCE(sum("netFen"), 0)::text FROM close_settlement) AS "netFen",
           (SELECT count(*)::int FROM close_line l JOIN close_settlement s USING ("merchantId") WHERE l.kind = 'adjustment') AS adjustments`);
  const figures = rows[0] ?? { settlements: 0, exceptions: 0, netFen: '0', adjustments: 0 };
  const durationMs = Math.round(performance.now() - started);
  await client.query(
    'INSERT INTO "BusinessDayClose" ("businessDay", settlements, lines, "durationMs") VALUES ($1::date, $2, $3, $4)',
    [day, figures.settlements, lines.rowCount ?? 0, durationMs],
  );
  await client.query('DROP TABLE close_line, close_weighed, close_settlement');
  return {
    businessDay: day, outcome: 'closed', settlements: figures.settlements, lines: lines.rowCount ?? 0, adjustments: figures.adjustments,
    exceptions: figures.exceptions, netFen: Number(figures.netFen), durationMs,
  };
}

/**
 * The first day the job still has to close: the day after the last closed one; on a database never
 * closed, the earliest day with an open payment (or yesterday, when there is none).
 */
export async function firstOpenDay(client: pg.ClientBase, today: string): Promise<string> {
  const { last } = await closedBounds(client);
  if (last !== null) return addDays(last, 1);
  const { rows } = await client.query<{ first: string | null }>(`SELECT min("businessDay")::text AS first FROM "Payment" WHERE "settlementId" IS NULL`);
  const first = rows[0]?.first ?? null;
  const yesterday = addDays(today, -1);
  return first !== null && first < yesterday ? first : yesterday;
}

/**
 * Closes every business day not closed yet, up to yesterday (China time): the job's whole work, and
 * what makes a start after an outage catch up. One transaction per day.
 */
export async function closeDueDays(
  pool: pg.Pool,
  options: { now?: Date; onDay?: (result: DayCloseResult) => void } = {},
): Promise<DayCloseResult[]> {
  const today = businessDay(options.now ?? new Date());
  const yesterday = addDays(today, -1);
  const results: DayCloseResult[] = [];
  for (;;) {
    const result = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CLOSE_LOCK_KEY]);
      const day = await firstOpenDay(client, today);
      return day > yesterday ? null : closeBusinessDay(client, day);
    });
    if (!result) return results;
    results.push(result);
    options.onDay?.(result);
  }
}
