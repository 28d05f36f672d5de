import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { migrate, readMigrations } from '../../lib/db/migrate.ts';

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
