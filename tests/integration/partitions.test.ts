import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { ensureWeighingPartitions } from '../../lib/db/partitions.ts';

// Months far in the past, which neither the seed nor the ingest touches.
const insertWeighing = (client: pg.Client, scaleId: number, seq: number, scaleTime: string) =>
  client.query(
    `INSERT INTO "Weighing" ("scaleId", seq, "scaleTime", "marketId", "commodityId", "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod")
     VALUES ($1, $2, $3, 1, 1, 1000, 500000, 0, 500000, 500, true, 'cash')`,
    [scaleId, seq, scaleTime],
  );
const partitionOf = async (client: pg.Client, scaleId: number, seq: number) =>
  (await client.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM "Weighing" WHERE "scaleId" = $1 AND seq = $2`, [scaleId, seq])).rows.map((row) => row.partition);

describe('Weighing partitions', () => {
  let client: pg.Client;
  const scaleId = 900_000 + (process.pid % 1000);
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
  });
  afterAll(async () => {
    await client.query(`DELETE FROM "Weighing" WHERE "scaleId" = $1`, [scaleId]);
    await client.end();
  });

  it('is partitioned by range of the scale clock', async () => {
    const { rows } = await client.query<{ strategy: string; key: string }>(
      `SELECT p.partstrat AS strategy, pg_get_partkeydef(p.partrelid) AS key FROM pg_partitioned_table p WHERE p.partrelid = '"Weighing"'::regclass`,
    );
    expect(rows).toEqual([{ strategy: 'r', key: 'RANGE ("scaleTime")' }]);
  });

  it('has every index valid on the parent, so each partition carries it (the seed drops and restores them)', async () => {
    const { rows } = await client.query<{ name: string; valid: boolean }>(
      `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '"Weighing"'::regclass ORDER BY 1`,
    );
    expect(rows).toEqual([
      { name: 'Weighing_merchantId_scaleTime_idx', valid: true },
      { name: 'Weighing_pkey', valid: true },
      { name: 'Weighing_scaleId_seq_scaleTime_key', valid: true },
    ]);
  });

  it('keeps a row of a month without partition, and moves it when the month is made', async () => {
    await insertWeighing(client, scaleId, 1, '2019-03-10T08:00:00+08:00');
    expect(await partitionOf(client, scaleId, 1)).toEqual(['"Weighing_default"']);

    expect(await ensureWeighingPartitions(client, new Date('2019-03-10T00:00:00+08:00'), new Date('2019-03-20T00:00:00+08:00'))).toBe(1);
    expect(await partitionOf(client, scaleId, 1)).toEqual(['"Weighing_2019_03"']);
    // made once: a second call has nothing to do
    expect(await ensureWeighingPartitions(client, new Date('2019-03-01T00:00:00+08:00'), new Date('2019-04-01T00:00:00+08:00'))).toBe(0);
  });

  it('cuts months at midnight Beijing time', async () => {
    await ensureWeighingPartitions(client, new Date('2019-05-01T00:00:00+08:00'), new Date('2019-07-01T00:00:00+08:00'));
    await insertWeighing(client, scaleId, 2, '2019-05-31T23:59:59.999+08:00');
    await insertWeighing(client, scaleId, 3, '2019-06-01T00:00:00+08:00'); // 2019-05-31 16:00 UTC
    expect(await partitionOf(client, scaleId, 2)).toEqual(['"Weighing_2019_05"']);
    expect(await partitionOf(client, scaleId, 3)).toEqual(['"Weighing_2019_06"']);
  });

  it('refuses the same scale and seq twice at the same scale time', async () => {
    await expect(insertWeighing(client, scaleId, 2, '2019-05-31T23:59:59.999+08:00')).rejects.toThrow(/duplicate key/);
  });
});
