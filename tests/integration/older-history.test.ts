// Older history as the dashboard benchmark loads it, in a database of this file's own (it adds
// rows and scales the other files do not expect): every weighing has a receipt, seqs stay unique
// per scale, rows land in their monthly partitions, the daily rollups agree with the rows, and a
// second extension carries on before the first.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../lib/db/migrate.ts';
import { prepareOlderHistory, writeOlderHistory, type OlderHistoryWritten } from '../../lib/db/seed/older-history-load.ts';
import type { OlderHistory } from '../../lib/db/seed/older-history.ts';
import { seedDemoCity } from '../../lib/db/seed/index.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase } from '../../lib/platform/embedded-postgres.ts';

const serverUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = '/postgres';
  return url.toString();
})();
const name = `ss_it_history_${process.pid}_${randomBytes(3).toString('hex')}`;
let client: pg.Client;
let history: OlderHistory;
let seeded: number;
let first: OlderHistoryWritten;
let second: OlderHistoryWritten;

const one = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> => {
  const { rows } = await client.query<T>(sql, params);
  if (!rows[0]) throw new Error(`no row: ${sql}`);
  return rows[0];
};

beforeAll(async () => {
  await createDatabaseIfMissing(serverUrl, name);
  const url = databaseUrlFor(serverUrl, name);
  await migrate(url);
  const summary = await seedDemoCity(url, { historyDays: 2 });
  seeded = summary.counts.Weighing;
  client = new pg.Client({ connectionString: url });
  await client.connect();
  history = await prepareOlderHistory(client, { seed: 11 });
  first = await writeOlderHistory(client, history, 40_000);
  second = await writeOlderHistory(client, history, 25_000);
});

afterAll(async () => {
  await client?.end();
  await dropDatabase(serverUrl, name);
});

describe('older history in the database', () => {
  it('adds exactly the rows asked for, the second extension before the first', async () => {
    expect(first.rows).toBe(40_000);
    expect(second.rows).toBe(25_000);
    expect(second.toDay < first.fromDay).toBe(true);
    const { n } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Weighing"`);
    expect(n).toBe(seeded + 65_000);
  });

  it('gives every weighing one receipt of its own, on its scale and at its time', async () => {
    const row = await one<{ weighings: number; receipts: number; matched: number; tokens: number }>(
      `SELECT (SELECT count(*)::int FROM "Weighing") AS weighings, (SELECT count(*)::int FROM "Receipt") AS receipts,
              (SELECT count(*)::int FROM "Receipt" r JOIN "Weighing" w ON w.id = r."weighingId" AND w."scaleId" = r."scaleId" AND w."scaleTime" = r."issuedAt") AS matched,
              (SELECT count(DISTINCT token)::int FROM "Receipt" WHERE token ~ '^[A-Za-z0-9_-]{22}$') AS tokens`,
    );
    expect(row.receipts).toBe(row.weighings);
    expect(row.matched).toBe(row.weighings);
    expect(row.tokens).toBe(row.weighings);
  });

  it('keeps (scale, seq) unique and each scale’s seqs in time order', async () => {
    const row = await one<{ rows: number; keys: number; disorder: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT ("scaleId", seq))::int AS keys,
              (SELECT count(*)::int FROM (
                 SELECT seq < lag(seq) OVER (PARTITION BY "scaleId" ORDER BY "scaleTime", seq) AS back FROM "Weighing") t WHERE back) AS disorder
         FROM "Weighing"`,
    );
    expect(row.keys).toBe(row.rows);
    expect(row.disorder).toBe(0);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Weighing" WHERE seq < 1`)).n).toBe(0);
  });

  it('lets a retired predecessor trade on its successor’s stall before the successor was installed', async () => {
    const { n: predecessors } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Scale" WHERE serial ~ '-R[0-9]+$'`);
    expect(predecessors).toBe(first.predecessors + second.predecessors);
    expect(predecessors).toBeGreaterThan(0);
    const wrong = await client.query(
      `SELECT p.serial FROM "Scale" p JOIN "Scale" s ON p.serial = s.serial || '-R1'
        WHERE p.status <> 'retired' OR p."stallId" IS DISTINCT FROM s."stallId" OR p."installedOn" >= s."installedOn"
           OR p."lastSeq" <> (SELECT max(seq) FROM "Weighing" w WHERE w."scaleId" = p.id)`,
    );
    expect(wrong.rows).toEqual([]);
    const early = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Weighing" w JOIN "Scale" s ON s.id = w."scaleId"
        WHERE (w."scaleTime" AT TIME ZONE 'Asia/Shanghai')::date < s."installedOn"`,
    );
    expect(early.n).toBe(0);
  });

  it('puts every row in the partition of its month, none in the default', async () => {
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Weighing_default"`)).n).toBe(0);
    const month = await one<{ partitions: number; months: number }>(
      `SELECT count(DISTINCT tableoid)::int AS partitions,
              count(DISTINCT date_trunc('month', "scaleTime" AT TIME ZONE 'Asia/Shanghai'))::int AS months FROM "Weighing"`,
    );
    expect(month.partitions).toBe(month.months);
  });

  it('keeps the four daily rollups equal to the rows, day by day', async () => {
    const day = `("scaleTime" AT TIME ZONE 'Asia/Shanghai')::date`;
    const differences = await client.query(`
      WITH rows AS (SELECT "scaleId", "merchantId", "marketId", "commodityId", ${day} AS d, "netMg", "priceFen", cardinality(findings) > 0 AS flagged FROM "Weighing")
      SELECT 'scale' AS rollup, count(*) FROM (
        SELECT "scaleId", d, count(*)::int AS c, sum("priceFen") AS p, count(*) FILTER (WHERE flagged)::int AS f FROM rows GROUP BY 1, 2
        EXCEPT SELECT "scaleId", "businessDay", "weighingCount", "priceFenSum", "findingCount" FROM "ScaleDay") x
      UNION ALL SELECT 'merchant', count(*) FROM (
        SELECT "merchantId", d, count(*)::int, sum("netMg") FROM rows WHERE "merchantId" IS NOT NULL GROUP BY 1, 2
        EXCEPT SELECT "merchantId", "businessDay", "weighingCount", "netMgSum" FROM "MerchantDay") y
      UNION ALL SELECT 'market', count(*) FROM (
        SELECT "marketId", d, count(*)::int, sum("priceFen") FROM rows GROUP BY 1, 2
        EXCEPT SELECT "marketId", "businessDay", "weighingCount", "priceFenSum" FROM "MarketDay") z
      UNION ALL SELECT 'commodity', count(*) FROM (
        SELECT "commodityId", "marketId", d, count(*)::int FROM rows GROUP BY 1, 2, 3
        EXCEPT SELECT "commodityId", "marketId", "businessDay", "weighingCount" FROM "CommodityDay") w`);
    expect(differences.rows.map((row: { rollup: string; count: string }) => `${row.rollup}:${row.count}`)).toEqual(['scale:0', 'merchant:0', 'market:0', 'commodity:0']);
    const totals = await one<{ rolled: number; rows: number }>(
      `SELECT (SELECT sum("weighingCount")::int FROM "MarketDay") AS rolled, (SELECT count(*)::int FROM "Weighing") AS rows`,
    );
    expect(totals.rolled).toBe(totals.rows);
  });

  it('moves the id sequence past the rows, so the ingest carries on after them', async () => {
    const row = await one<{ max: string; next: string }>(
      `SELECT (SELECT max(id) FROM "Weighing")::text AS max, (SELECT last_value FROM "Weighing_id_seq")::text AS next`,
    );
    expect(BigInt(row.next)).toBeGreaterThanOrEqual(BigInt(row.max));
  });
});
