import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../lib/db/migrate.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase } from '../../lib/platform/embedded-postgres.ts';

/**
 * Runs `check` on a database of its own, migrated up to (not including) `migration`: the test fills
 * it with rows as they were, applies the rest, and looks at what the backfill made of them.
 */
async function beforeMigration(migration: string, check: (client: pg.Client, migrateRest: () => Promise<string[]>) => Promise<void>) {
  const server = inject('databaseUrl');
  const name = `ss_mig_${process.pid}_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(server, name);
  const url = databaseUrlFor(server, name);
  const earlier = mkdtempSync(path.join(tmpdir(), 'ss-migrations-'));
  const client = new pg.Client({ connectionString: url });
  try {
    for (const { name: folder } of readMigrations().filter((m) => m.name < migration)) {
      cpSync(path.join(MIGRATIONS_DIR, folder), path.join(earlier, folder), { recursive: true });
    }
    await migrate(url, earlier);
    await client.connect();
    await check(client, () => migrate(url));
  } finally {
    await client.end().catch(() => {});
    rmSync(earlier, { recursive: true, force: true });
    await dropDatabase(server, name);
  }
}

describe('migration runner', () => {
  it('has applied every migration once, recorded as prisma migrate deploy would', async () => {
    const url = inject('databaseUrl');
    expect(await migrate(url)).toEqual([]); // already applied by the global setup
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
      const files = readMigrations();
      expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
      expect(rows.map((row) => row.checksum)).toEqual(files.map((file) => file.checksum));
      expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const url = inject('databaseUrl');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const first = readMigrations()[0]!;
    try {
      await client.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', ['0'.repeat(64), first.name]);
      await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await client.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', [first.checksum, first.name]);
      await client.end();
    }
  });
});

describe('20261203074451_dead_letter_payload_cap', () => {
  it('backfills the size and SHA-256 of each stored payload, and cuts the over-large ones to 8 KiB', async () => {
    await beforeMigration('20261203074451_dead_letter_payload_cap', async (client, migrateRest) => {
      const small = Buffer.from('{"v":1,');
      const large = randomBytes(100_000);
      await client.query(
        `INSERT INTO "RejectedMessage" (topic, payload, reason) VALUES ('t/small', $1, 'not_json'), ('t/large', $2, 'too_large'), ('t/empty', ''::bytea, 'not_json')`,
        [small, large],
      );
      expect(await migrateRest()).toContain('20261203074451_dead_letter_payload_cap');
      const { rows } = await client.query<{ topic: string; payload: Buffer; payloadBytes: number; payloadSha256: string }>(
        `SELECT topic, payload, "payloadBytes", "payloadSha256" FROM "RejectedMessage" ORDER BY id`,
      );
      const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
      expect(rows).toEqual([
        { topic: 't/small', payload: small, payloadBytes: small.length, payloadSha256: sha(small) },
        { topic: 't/large', payload: large.subarray(0, 8192), payloadBytes: large.length, payloadSha256: sha(large) },
        { topic: 't/empty', payload: Buffer.alloc(0), payloadBytes: 0, payloadSha256: sha(Buffer.alloc(0)) },
      ]);
    });
  });
});
