// The business-day close on a real PostgreSQL, in a database of its own (the shared seeded one has
// its history closed already): missed days closed once after an outage, a late payment and a late
// refund as adjustments of the next settlement, closing twice changes nothing, a closed settlement
// refuses to change, the SQL close agrees with the pure plan over random days (fast-check), and the
// pg-boss job runs it.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../lib/db/migrate.ts';
import { ensureWeighingPartitions } from '../../lib/db/partitions.ts';
import { closeBusinessDay, closeDueDays, CloseOrderError } from '../../lib/db/settlement-close.ts';
import { inTransaction } from '../../lib/db/transaction.ts';
import { addDays, businessDay, dayStart } from '../../lib/domain/business-day.ts';
import { startJobRunner } from '../../lib/jobs/close-job.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase } from '../../lib/platform/embedded-postgres.ts';
import { eventually } from '../support/eventually.ts';
import { closeInOrder, lastArrival, storedPayments, worldArbitrary, type SimWorld } from '../support/settlement-days.ts';

const serverUrl = databaseUrlFor(inject('databaseUrl'), 'postgres');
const name = `ss_close_${randomBytes(4).toString('hex')}`;
const url = databaseUrlFor(serverUrl, name);
let pool: pg.Pool;
// a pooled connection, or the pool for a one-statement step
type Db = pg.PoolClient | pg.Pool;

const FIXTURE = `
  INSERT INTO "City" (id, code, name, "nameEn") VALUES (1, '430400', '衡阳市', 'Hengyang');
  INSERT INTO "District" (id, "cityId", code, name, "nameEn") VALUES (1, 1, '430408', '蒸湘区', 'Zhengxiang');
  INSERT INTO "Market" (id, "districtId", code, name, "nameEn", address, "floorRows", "floorCols") VALUES (1, 1, 'M1', '市场', 'Market', '路', 2, 2);
  INSERT INTO "Programme" (id, "cityId", name, "nameEn", "bankName", "bankNameEn", "startedOn", "feeBasisPoints") VALUES (1, 1, '阳光秤', 'Sunshine', '建行', 'CCB', '2026-01-01', 60);
  INSERT INTO "Merchant" (id, "marketId", name, "shopName", "licenseNo", phone, category, "programmeId")
  SELECT i, 1, 'M' || i, 'S' || i, 'L' || i, '1', 'vegetable', CASE WHEN i < 105 THEN 1 END FROM generate_series(101, 105) i;`;

interface PaymentInput { ref: string; merchantId: number; status?: 'captured' | 'refunded' | 'reversed'; amountFen: number; day: string; match?: string; originalRef?: string }

async function pay(client: Db, payments: PaymentInput[]): Promise<void> {
  for (const p of payments) {
    await client.query(
      `INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId", "originalRef")
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, 1, $8) ON CONFLICT ("bankRef") DO NOTHING`,
      [p.merchantId, p.amountFen, new Date(dayStart(p.day).getTime() + 10 * 3_600_000), p.day, p.ref, p.status ?? 'captured', p.match ?? 'matched', p.originalRef ?? null],
    );
  }
}

async function weigh(client: Db, merchantId: number, day: string, priceFen: number): Promise<void> {
  const at = new Date(dayStart(day).getTime() + 9 * 3_600_000);
  await ensureWeighingPartitions(client, at, new Date(at.getTime() + 1));
  await client.query(
    `INSERT INTO "Weighing" ("scaleId", seq, "scaleTime", "merchantId", "marketId", "commodityId", "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod")
     VALUES (1, nextval('"Weighing_id_seq"'), $1, $2, 1, 1, 1000, 1000, 0, 1000, $3, true, 'bank_qr')`,
    [at, merchantId, priceFen],
  );
}

async function reset(client: Db): Promise<void> {
  await client.query('TRUNCATE "SettlementLine", "Settlement", "BusinessDayClose", "Payment", "Weighing" RESTART IDENTITY CASCADE');
}

async function snapshot(client: Db) {
  const settlements = await client.query(`SELECT id, "merchantId", "businessDay"::text AS day, "paymentCount", "grossFen", "refundedFen", "feeFen", "adjustmentFen", "netFen", "weighedFen", status, "closedAt" FROM "Settlement" ORDER BY id`);
  const lines = await client.query(`SELECT l.*, l."causeDay"::text AS "causeDay", p."bankRef" FROM "SettlementLine" l LEFT JOIN "Payment" p ON p.id = l."paymentId" ORDER BY l.id`);
  const payments = await client.query(`SELECT "bankRef", "settlementId" FROM "Payment" ORDER BY "bankRef"`);
  const closes = await client.query(`SELECT "businessDay"::text AS day, settlements, lines FROM "BusinessDayClose" ORDER BY 1`);
  return { settlements: settlements.rows, lines: lines.rows, payments: payments.rows, closes: closes.rows };
}

const atNoon = (day: string) => new Date(dayStart(day).getTime() + 12 * 3_600_000);

beforeAll(async () => {
  await createDatabaseIfMissing(serverUrl, name);
  await migrate(url);
  pool = new pg.Pool({ connectionString: url, max: 3 });
  await pool.query(FIXTURE);
});

afterAll(async () => {
  await pool?.end();
  await dropDatabase(serverUrl, name);
});

describe('closing business days', () => {
  it('closes the days missed during an outage once each, and running again changes nothing', async () => {
    await reset(pool);
    const client = await pool.connect();
    try {
      await pay(client, [
        { ref: 'A1', merchantId: 101, amountFen: 1_000, day: '2026-11-03' },
        { ref: 'A2', merchantId: 101, amountFen: 2_000, day: '2026-11-04' },
        { ref: 'A3', merchantId: 102, amountFen: 500, day: '2026-11-05' },
        { ref: 'A4', merchantId: 102, amountFen: 200, day: '2026-11-05', status: 'refunded', originalRef: 'A3' },
        { ref: 'X1', merchantId: 105, amountFen: 700, day: '2026-11-05' }, // not enrolled: never settled
        { ref: 'X2', merchantId: 101, amountFen: 900, day: '2026-11-05', match: 'amount_mismatch' }, // the exception queue's
      ]);
      await weigh(client, 101, '2026-11-03', 1_000);
      await weigh(client, 101, '2026-11-04', 1_900);
      await weigh(client, 102, '2026-11-05', 500);
    } finally {
      client.release();
    }
    // the platform was down from the 3rd to the 6th: it starts at noon on the 6th
    const logged: string[] = [];
    const results = await closeDueDays(pool, { now: atNoon('2026-11-06'), onDay: (r) => logged.push(r.businessDay) });
    expect(results.map((r) => [r.businessDay, r.outcome, r.settlements, r.exceptions])).toEqual([
      ['2026-11-03', 'closed', 1, 0], ['2026-11-04', 'closed', 1, 1], ['2026-11-05', 'closed', 1, 0],
    ]);
    expect(logged).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
    const first = await snapshot(pool);
    expect(first.settlements.map((s) => [s.merchantId, s.day, s.paymentCount, s.grossFen, s.refundedFen, s.feeFen, s.netFen, s.weighedFen, s.status])).toEqual([
      [101, '2026-11-03', 1, 1_000, 0, 6, 994, 1_000, 'pending'],
      [101, '2026-11-04', 1, 2_000, 0, 12, 1_988, 1_900, 'mismatch'],
      [102, '2026-11-05', 1, 300, 200, 2, 298, 500, 'pending'],
    ]);
    expect(first.payments.filter((p) => p.settlementId === null).map((p) => p.bankRef)).toEqual(['X1', 'X2']);

    expect(await closeDueDays(pool, { now: atNoon('2026-11-06') })).toEqual([]);
    const again = await inTransaction(pool, (c) => closeBusinessDay(c, '2026-11-04'));
    expect(again.outcome).toBe('already_closed');
    expect(await snapshot(pool)).toEqual(first);
  });

  it('puts a late payment and a refund of a closed day into the next settlement as adjustments, leaving closed ones as they were', async () => {
    const before = await snapshot(pool);
    const client = await pool.connect();
    try {
      await pay(client, [
        { ref: 'L1', merchantId: 101, amountFen: 3_000, day: '2026-11-04' }, // notified after the 4th closed
        { ref: 'L2', merchantId: 101, amountFen: 400, day: '2026-11-06', status: 'refunded', originalRef: 'A1' }, // refund of the 3rd
        { ref: 'L3', merchantId: 101, amountFen: 800, day: '2026-11-06' },
      ]);
      await weigh(client, 101, '2026-11-06', 800);
    } finally {
      client.release();
    }
    const [result] = await closeDueDays(pool, { now: atNoon('2026-11-07') });
    expect(result).toMatchObject({ businessDay: '2026-11-06', settlements: 1, lines: 3, adjustments: 2, exceptions: 0 });
    const after = await snapshot(pool);
    expect(after.settlements.slice(0, before.settlements.length)).toEqual(before.settlements);
    expect(after.lines.slice(0, before.lines.length)).toEqual(before.lines);
    const next = after.settlements.at(-1);
    // gross 800, fee 5; adjustments: +3 000 − 18 fee, −400 + 2 fee back
    expect(next).toMatchObject({ merchantId: 101, day: '2026-11-06', grossFen: 800, feeFen: 5, adjustmentFen: 2_982 - 398, netFen: 800 - 5 + 2_584, status: 'pending' });
    expect(after.lines.filter((l) => l.settlementId === next?.id).map((l) => [l.bankRef, l.kind, l.amountFen, l.feeFen, l.causeDay, l.note])).toEqual([
      ['L1', 'adjustment', 3_000, 18, '2026-11-04', 'late_capture'],
      ['L2', 'adjustment', -400, -2, '2026-11-03', 'late_refund'],
      ['L3', 'sale', 800, 0, '2026-11-06', null],
    ]);
  });

  it('refuses to change a closed settlement’s figures or lines, to move a counted payment, or to close out of order', async () => {
    const [settlement] = (await pool.query<{ id: number }>('SELECT id FROM "Settlement" ORDER BY id LIMIT 1')).rows;
    await expect(pool.query('UPDATE "Settlement" SET "grossFen" = "grossFen" + 1 WHERE id = $1', [settlement?.id])).rejects.toThrow(/never change/);
    await expect(pool.query('UPDATE "SettlementLine" SET "amountFen" = 0')).rejects.toThrow(/never updated/);
    await expect(pool.query('UPDATE "Payment" SET "settlementId" = (SELECT max(id) FROM "Settlement") WHERE "bankRef" = \'A1\'')).rejects.toThrow(/counted by settlement/);
    // the payout is the one thing recorded later
    await pool.query(`UPDATE "Settlement" SET status = 'paid', "paidAt" = now(), "bankRef" = 'PAYOUT1' WHERE id = $1`, [settlement?.id]);
    await expect(inTransaction(pool, (c) => closeBusinessDay(c, '2026-11-09'))).rejects.toBeInstanceOf(CloseOrderError);
  });

  it('agrees with the pure plan over random days, closed as payments arrive, twice each (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(worldArbitrary, async (world: SimWorld) => {
      const client = await pool.connect();
      try {
        await reset(client);
        await client.query('UPDATE "Programme" SET "feeBasisPoints" = $1', [world.feeBasisPoints]);
        for (const [key, fen] of world.weighed) {
          const [merchantId, day] = key.split('|');
          if (fen > 0) await weigh(client, Number(merchantId), day as string, fen);
        }
        const through = lastArrival(world);
        const earlier: unknown[] = [];
        for (let day = world.firstDay; day <= through; day = addDays(day, 1)) {
          const arrived = world.notifications.filter((p) => p.arrivesOn === day);
          await pay(client, arrived.map((p) => ({
            ref: `S${p.id}`, merchantId: p.merchantId, status: p.status, amountFen: p.amountFen, day: p.businessDay, match: p.match,
            originalRef: p.captureId ? `S${p.captureId}` : undefined,
          })));
          await client.query('BEGIN');
          await closeBusinessDay(client, day);
          expect((await closeBusinessDay(client, day)).outcome).toBe('already_closed');
          await client.query('COMMIT');
          const now = await snapshot(client);
          expect(now.settlements.slice(0, earlier.length)).toEqual(earlier);
          earlier.splice(0, earlier.length, ...now.settlements);
        }
        const pure = closeInOrder(world, through);
        const db = await snapshot(client);
        const simple = (s: { merchantId: number; businessDay?: string; day?: string; paymentCount: number; grossFen: number; refundedFen: number; feeFen: number; adjustmentFen: number; netFen: number; weighedFen: number; status: string }) =>
          [s.merchantId, s.businessDay ?? s.day, s.paymentCount, s.grossFen, s.refundedFen, s.feeFen, s.adjustmentFen, s.netFen, s.weighedFen, s.status].join(' ');
        expect(db.settlements.map(simple).sort()).toEqual(pure.settlements.map(simple).sort());
        const pureLines = pure.settlements.flatMap((s) => s.lines.map((l) => `S${l.paymentId} ${l.kind} ${l.amountFen} ${l.feeFen} ${l.causeDay} ${l.note} ${s.businessDay}`));
        const dbDay = new Map(db.settlements.map((s) => [s.id, s.day]));
        expect(db.lines.map((l) => `${l.bankRef} ${l.kind} ${l.amountFen} ${l.feeFen} ${l.causeDay} ${l.note} ${dbDay.get(l.settlementId)}`).sort()).toEqual(pureLines.sort());
        // nothing counted twice, nothing countable left open
        expect(db.payments.filter((p) => p.settlementId !== null).length).toBe(pure.settledBy.size);
        expect(db.payments.length).toBe(storedPayments(world).length);
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    }), { numRuns: 25 });
  });
});

describe('the seeded history', () => {
  it('is closed by the close itself: every history day recorded, every settlement the sum of its lines, paid but the last', async () => {
    const seeded = new pg.Client({ connectionString: inject('databaseUrl') });
    await seeded.connect();
    try {
      const { rows: days } = await seeded.query<{ day: string }>(`SELECT "businessDay"::text AS day FROM "BusinessDayClose" ORDER BY 1`);
      expect(days.map((d) => d.day)).toEqual([addDays(businessDay(new Date()), -3), addDays(businessDay(new Date()), -2), addDays(businessDay(new Date()), -1)]);
      const { rows: [check] } = await seeded.query(`
        WITH sums AS (
          SELECT s.id, s."grossFen", s."feeFen", s."netFen", s."adjustmentFen", s."paymentCount", s.status, s."bankRef", s."businessDay",
                 COALESCE(sum(l."amountFen") FILTER (WHERE l.kind <> 'adjustment'), 0) AS lines_gross,
                 count(l.*) FILTER (WHERE l.kind = 'sale') AS sales,
                 (SELECT count(*) FROM "Payment" p WHERE p."settlementId" = s.id) AS payments
          FROM "Settlement" s LEFT JOIN "SettlementLine" l ON l."settlementId" = s.id GROUP BY s.id)
        SELECT count(*)::int AS settlements,
               count(*) FILTER (WHERE lines_gross <> "grossFen" OR sales <> "paymentCount" OR payments <> sales OR "netFen" <> "grossFen" - "feeFen" + "adjustmentFen")::int AS wrong,
               count(*) FILTER (WHERE status = 'paid' AND "bankRef" IS NULL)::int AS "paidWithoutRef",
               count(*) FILTER (WHERE status = 'paid' AND "businessDay" = (SELECT max("businessDay") FROM "BusinessDayClose"))::int AS "paidYesterday"
        FROM sums`);
      expect(check).toMatchObject({ wrong: 0, paidWithoutRef: 0, paidYesterday: 0 });
      expect(check.settlements).toBeGreaterThan(100);
      // nothing matched of the history is left open
      const { rows: [open] } = await seeded.query(`SELECT count(*)::int AS n FROM "Payment" p JOIN "Merchant" m ON m.id = p."merchantId" AND m."programmeId" IS NOT NULL WHERE p.match = 'matched' AND p."settlementId" IS NULL AND p."businessDay" < $1::date`, [businessDay(new Date())]);
      expect(open.n).toBe(0);
    } finally {
      await seeded.end();
    }
  });
});

describe('the close job (pg-boss)', () => {
  it('runs when triggered and closes every due day up to yesterday, once', async () => {
    await reset(pool);
    const today = businessDay(new Date());
    const client = await pool.connect();
    try {
      await pay(client, [
        { ref: 'J1', merchantId: 103, amountFen: 1_234, day: addDays(today, -3) },
        { ref: 'J2', merchantId: 104, amountFen: 4_321, day: addDays(today, -1) },
        { ref: 'J3', merchantId: 104, amountFen: 99, day: today }, // today is still open
      ]);
    } finally {
      client.release();
    }
    const events: { event: string; businessDay?: unknown }[] = [];
    const runner = await startJobRunner({ databaseUrl: url, pool, log: (event, fields) => events.push({ event, ...fields }), pollingIntervalSeconds: 1 });
    try {
      expect(await runner.trigger()).toEqual(expect.any(String));
      const completed = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'close-business-days' AND state = 'completed'`)).rows[0]?.n ?? 0;
      expect(await eventually(completed, (n) => n === 1, { timeoutMs: 30_000 })).toBe(1);
      const { rows: closedDays } = await pool.query<{ days: string[] }>(`SELECT array_agg("businessDay"::text ORDER BY 1) AS days FROM "BusinessDayClose"`);
      expect(closedDays[0]?.days).toEqual([addDays(today, -3), addDays(today, -2), addDays(today, -1)]);
      const closed = events.filter((e) => e.event === 'settlement.day_closed');
      expect(closed.map((e) => e.businessDay)).toEqual([addDays(today, -3), addDays(today, -2), addDays(today, -1)]);
      const { rows: schedules } = await pool.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'close-business-days'`);
      expect(schedules).toEqual([{ cron: '5 0 * * *', timezone: 'Asia/Shanghai' }]);
      // a second run finds nothing to do
      await runner.trigger();
      expect(await eventually(completed, (n) => n === 2, { timeoutMs: 30_000 })).toBe(2);
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "Payment" WHERE "settlementId" IS NULL`);
      expect(rows[0]?.n).toBe(1);
    } finally {
      await runner.stop();
    }
  });
});
