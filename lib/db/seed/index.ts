// The demo city seed: generate Hengyang (pure, deterministic) and write it in one transaction, so
// a crash leaves the database as it was.
import pg from 'pg';
import { hashPassword } from '../../auth/password.ts';
import { DEMO_PASSWORD } from './demo-users.ts';
import { generateDemoCity } from './generate.ts';
import { writeSeed, type SeedCounts } from './write.ts';

export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users.ts';
export { DatabaseNotEmptyError } from './write.ts';

export interface SeedDemoCityOptions {
  /** business days of trade history, ending yesterday; default 30 */
  historyDays?: number;
  /** the business day ("YYYY-MM-DD", China time) the history is relative to; default today */
  today?: string;
  /** PRNG seed; the same seed and today give the same city */
  seed?: number;
  /**
   * The platform key (32 bytes, see lib/crypto/secret-box.ts): every scale gets a random device
   * secret sealed under it. Without it the scales are left unprovisioned (no secret, nothing signs).
   */
  platformKey?: Uint8Array;
  log?: (message: string) => void;
}

export interface SeedSummary {
  seed: number;
  today: string;
  historyDays: number;
  /** rows written per table */
  counts: SeedCounts;
  generateMs: number;
  writeMs: number;
}

// Any constant will do; it only has to be the same for every seeding process.
const SEED_LOCK_KEY = 7_230_502;

/**
 * Seeds an empty, migrated database with the demo city. Refuses (DatabaseNotEmptyError) when any
 * table the seed writes already has rows. Two processes seeding at once: the second waits, then refuses.
 */
export async function seedDemoCity(databaseUrl: string, options: SeedDemoCityOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  let started = performance.now();
  const data = generateDemoCity({ seed: options.seed, today: options.today, historyDays: options.historyDays });
  // one scrypt hash shared by every demo account: hashing is deliberately slow
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const generateMs = Math.round(performance.now() - started);
  log(`generated ${data.weighings.length} weighings over ${data.days.length} days in ${generateMs} ms`);

  started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const counts = await writeSeed(client, data, passwordHash, log, { platformKey: options.platformKey });
    await client.query('COMMIT');
    const writeMs = Math.round(performance.now() - started);
    log(`written in ${writeMs} ms`);
    return { ...data.options, counts, generateMs, writeMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Whether the database holds a city (the seed, or real data). */
export async function isSeeded(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // an unmigrated database has no City table: not seeded, rather than an error
    const table = await client.query<{ name: string | null }>(`SELECT to_regclass('"City"')::text AS name`);
    if (!table.rows[0]?.name) return false;
    const { rows } = await client.query<{ seeded: boolean }>('SELECT EXISTS (SELECT 1 FROM "City") AS seeded');
    return rows[0]?.seeded ?? false;
  } finally {
    await client.end();
  }
}
