// Weighing is partitioned by calendar month (Beijing time) of the scale's clock; the partitions
// are made ahead of time by the SQL function the migration 20261128203000 defines. A row whose
// month has no partition still lands (in "Weighing_default") and is moved when its month is made.
import type pg from 'pg';

type Client = pg.PoolClient | pg.Client | pg.Pool;

const DAY_MS = 24 * 3_600_000;

/** Makes the monthly partitions covering [from, to); returns how many were new. */
export async function ensureWeighingPartitions(client: Client, from: Date, to: Date): Promise<number> {
  const { rows } = await client.query<{ made: number }>('SELECT weighing_ensure_partitions($1, $2) AS made', [from, to]);
  return rows[0]?.made ?? 0;
}

/**
 * The window the ingest keeps ready: back as far as store-and-forward may deliver (a week, the
 * protocol's limit on a message's age) and forward past the next month's start.
 */
export function ingestPartitionWindow(now: Date, maxMessageAgeMs: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - maxMessageAgeMs), to: new Date(now.getTime() + 45 * DAY_MS) };
}
