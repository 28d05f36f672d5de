// The close half of `npm run bench:settle`: closing one business day of a city of 20 000 enrolled
// merchants and 1 000 000 payments (BENCH_CLOSE_MERCHANTS / BENCH_CLOSE_PAYMENTS), in a database of
// its own, bulk-loaded server-side (INSERT … SELECT FROM generate_series: nothing crosses the wire).
// The day holds what a real one does besides the day's captures: same-day refunds, late captures of
// the day before and refunds of its closed captures (adjustments), amount mismatches (left open),
// and weighings that mostly agree with the captures.
// Measured in one run: (1) closeBusinessDay, set-based, what the job runs; (2) a naive baseline,
// a loop over merchants with queries per merchant (read its payments, its weighings, plan in
// TypeScript, insert the settlement and its lines, mark its payments), on a sample of merchants in a
// transaction rolled back, extrapolated to all of them.
import pg from 'pg';
import { ensureWeighingPartitions } from '../lib/db/partitions.ts';
import { closeBusinessDay } from '../lib/db/settlement-close.ts';
import { inTransaction } from '../lib/db/transaction.ts';
import { addDays, dayStart } from '../lib/domain/business-day.ts';
import { planSettlementClose, type OpenPayment } from '../lib/domain/settlement-close.ts';

export interface CloseBenchResult {
  bench: 'settle.close';
  merchants: number;
  payments: number;
  weighings: number;
  loadSeconds: number;
  setBased: { seconds: number; settlements: number; lines: number; adjustments: number; exceptions: number };
  naive: { sampleMerchants: number; sampleSeconds: number; queriesPerMerchant: number; extrapolatedSeconds: number };
  ratio: number;
  target: { seconds: number; met: boolean };
}

const DAY = '2026-11-20';
const BEFORE = addDays(DAY, -1);

/** Loads the city's day: merchants, yesterday (closed), today's payments and weighings. */
async function load(client: pg.ClientBase, merchants: number, payments: number): Promise<number> {
  await client.query(`
    INSERT INTO "City" (id, code, name, "nameEn") VALUES (1, '430400', '衡阳市', 'Hengyang');
    INSERT INTO "District" (id, "cityId", code, name, "nameEn") VALUES (1, 1, '430408', '蒸湘区', 'Zhengxiang');
    INSERT INTO "Market" (id, "districtId", code, name, "nameEn", address, "floorRows", "floorCols") VALUES (1, 1, 'M1', '市场', 'Market', '路', 2, 2);
    INSERT INTO "Programme" (id, "cityId", name, "nameEn", "bankName", "bankNameEn", "startedOn", "feeBasisPoints") VALUES (1, 1, '阳光秤', 'Sunshine', '建行', 'CCB', '2026-01-01', 60);`);
  await client.query(`
    INSERT INTO "Merchant" (id, "marketId", name, "shopName", "licenseNo", phone, category, "programmeId")
    SELECT g, 1, 'M' || g, 'S' || g, 'L' || g, '1', 'vegetable', 1 FROM generate_series(1, $1::int) g`, [merchants]);
  await ensureWeighingPartitions(client as pg.Client, dayStart(BEFORE), dayStart(addDays(DAY, 1)));
  // yesterday: one capture per merchant, closed (its refunds today become adjustments)
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId")
    SELECT g, 1000 + g % 977, $2::timestamptz + (g % 50000) * interval '1 second', $3::date, 'Y' || g, 'captured', 'matched', 1
    FROM generate_series(1, $1::int) g`, [merchants, dayStart(BEFORE), BEFORE]);
  await client.query('ANALYZE "Payment"');
  await closeBusinessDay(client, BEFORE);

  // today: 1 % same-day refunds, 1 % late captures of yesterday, 0.5 % refunds of yesterday's
  // captures, 0.5 % amount mismatches, the rest the day's captures
  const refunds = Math.floor(payments * 0.01);
  const late = Math.floor(payments * 0.01);
  const lateRefunds = Math.min(merchants, Math.floor(payments * 0.005));
  const mismatches = Math.floor(payments * 0.005);
  const captures = payments - refunds - late - lateRefunds - mismatches;
  const start = dayStart(DAY);
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId")
    SELECT 1 + g % $2::int, 100 + (g::bigint * 7919) % 5000, $3::timestamptz + (g % 80000) * interval '1 second', $4::date, 'C' || g, 'captured', 'matched', 1
    FROM generate_series(1, $1::int) g`, [captures, merchants, start, DAY]);
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId", "originalRef")
    SELECT 1 + g % $2::int, 50, $3::timestamptz + interval '23 hours', $4::date, 'R' || g, 'refunded', 'matched', 1, 'C' || g
    FROM generate_series(1, $1::int) g`, [refunds, merchants, start, DAY]);
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId")
    SELECT 1 + g % $2::int, 300 + g % 700, $3::timestamptz + (g % 80000) * interval '1 second', $4::date, 'L' || g, 'captured', 'matched', 1
    FROM generate_series(1, $1::int) g`, [late, merchants, dayStart(BEFORE), BEFORE]);
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId", "originalRef")
    SELECT g, 200, $2::timestamptz + interval '2 hours', $3::date, 'YR' || g, 'reversed', 'matched', 1, 'Y' || g
    FROM generate_series(1, $1::int) g`, [lateRefunds, start, DAY]);
  await client.query(`
    INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId")
    SELECT 1 + g % $2::int, 999, $3::timestamptz + interval '5 hours', $4::date, 'X' || g, 'captured', 'amount_mismatch', 1
    FROM generate_series(1, $1::int) g`, [mismatches, merchants, start, DAY]);
  // the weighings behind the day's captures, one in a thousand without its payment
  const weighings = await client.query(`
    INSERT INTO "Weighing" ("scaleId", seq, "scaleTime", "merchantId", "marketId", "commodityId", "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod")
    SELECT 1 + g % $2::int, g, $3::timestamptz + (g % 80000) * interval '1 second', 1 + g % $2::int, 1, 1, 1000, 1000, 0, 1000,
           100 + (g::bigint * 7919) % 5000 + CASE WHEN g % 1000 = 0 THEN 10 ELSE 0 END, true, 'bank_qr'
    FROM generate_series(1, $1::int) g`, [captures, merchants, start]);
  await client.query('ANALYZE "Payment"');
  await client.query('ANALYZE "Weighing"');
  return weighings.rowCount ?? 0;
}

const NAIVE_QUERIES = 5;

/** The naive close of one merchant: its own queries, the pure plan, row writes. */
async function closeOneMerchant(client: pg.ClientBase, merchantId: number, bp: number): Promise<void> {
  const { rows } = await client.query<{ id: string; status: OpenPayment['status']; amountFen: number; businessDay: string; captureDay: string | null }>(`
    SELECT p.id::text, p.status, p."amountFen", p."businessDay"::text AS "businessDay", c."businessDay"::text AS "captureDay"
    FROM "Payment" p LEFT JOIN "Payment" c ON c."bankRef" = p."originalRef" AND c.match = 'matched' AND c."merchantId" = p."merchantId"
    WHERE p."merchantId" = $1 AND p."settlementId" IS NULL AND p.match = 'matched' AND p."businessDay" <= $2::date`, [merchantId, DAY]);
  const weighed = await client.query<{ fen: string }>(
    `SELECT COALESCE(sum("priceFen"), 0)::text AS fen FROM "Weighing" WHERE "merchantId" = $1 AND "scaleTime" >= $2 AND "scaleTime" < $3 AND "paymentMethod" = 'bank_qr'`,
    [merchantId, dayStart(DAY), dayStart(addDays(DAY, 1))],
  );
  const plan = planSettlementClose({ merchantId, businessDay: DAY, feeBasisPoints: bp, weighedFen: Number(weighed.rows[0]?.fen ?? 0), payments: rows });
  const s = plan.settlement;
  if (!s) return;
  const inserted = await client.query<{ id: number }>(`
    INSERT INTO "Settlement" ("merchantId", "businessDay", "paymentCount", "grossFen", "refundedFen", "feeFen", "adjustmentFen", "netFen", "weighedFen", status)
    VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
  [merchantId, DAY, s.paymentCount, s.grossFen, s.refundedFen, s.feeFen, s.adjustmentFen, s.netFen, s.weighedFen, s.status]);
  const id = inserted.rows[0]?.id;
  await client.query(`
    INSERT INTO "SettlementLine" ("settlementId", kind, "paymentId", "amountFen", "feeFen", "causeDay", note)
    SELECT $1, k::"SettlementLineKind", p, a, f, d::date, n FROM unnest($2::text[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::text[]) AS t(k, p, a, f, d, n)`,
  [id, s.lines.map((l) => l.kind), s.lines.map((l) => l.paymentId), s.lines.map((l) => l.amountFen), s.lines.map((l) => l.feeFen), s.lines.map((l) => l.causeDay), s.lines.map((l) => l.note)]);
  await client.query('UPDATE "Payment" SET "settlementId" = $1 WHERE id = ANY($2::bigint[]) AND "settlementId" IS NULL', [id, s.lines.map((l) => l.paymentId)]);
}

export async function benchClose(databaseUrl: string, say: (message: string) => void): Promise<CloseBenchResult> {
  const merchants = Number(process.env.BENCH_CLOSE_MERCHANTS ?? 20_000);
  const payments = Number(process.env.BENCH_CLOSE_PAYMENTS ?? 1_000_000);
  const sample = Math.min(merchants, Number(process.env.BENCH_CLOSE_NAIVE_SAMPLE ?? 400));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    say(`close: loading ${merchants} merchants and ${payments} payments…`);
    let started = performance.now();
    const weighings = await inTransaction(pool, (client) => load(client, merchants, payments));
    const loadSeconds = (performance.now() - started) / 1000;
    await pool.query('VACUUM ANALYZE "Payment"');

    say(`close: naive baseline on ${sample} merchants…`);
    const client = await pool.connect();
    let sampleSeconds: number;
    try {
      await client.query('BEGIN');
      // the merchants spread over the id range, as a real loop meets them
      const step = merchants / sample;
      started = performance.now();
      for (let i = 0; i < sample; i++) await closeOneMerchant(client, 1 + Math.floor(i * step), 60);
      sampleSeconds = (performance.now() - started) / 1000;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    await pool.query('VACUUM ANALYZE "Payment"');

    say('close: set-based…');
    started = performance.now();
    const result = await inTransaction(pool, (c) => closeBusinessDay(c, DAY));
    const seconds = (performance.now() - started) / 1000;
    const extrapolatedSeconds = (sampleSeconds * merchants) / sample;
    return {
      bench: 'settle.close', merchants, payments, weighings, loadSeconds: Number(loadSeconds.toFixed(1)),
      setBased: { seconds: Number(seconds.toFixed(2)), settlements: result.settlements, lines: result.lines, adjustments: result.adjustments, exceptions: result.exceptions },
      naive: { sampleMerchants: sample, sampleSeconds: Number(sampleSeconds.toFixed(2)), queriesPerMerchant: NAIVE_QUERIES, extrapolatedSeconds: Number(extrapolatedSeconds.toFixed(1)) },
      ratio: Number((extrapolatedSeconds / seconds).toFixed(1)),
      target: { seconds: 60, met: seconds <= 60 },
    };
  } finally {
    await pool.end();
  }
}
