// The business-day close migration on a database that already holds settlements (written before the
// close existed, as the demo seed fabricated them): each stays valid, counts its merchant-day's
// captures as sale lines, its day is recorded closed, and the close job carries on with the next day
// without counting those payments again.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../lib/db/migrate.ts';
import { closeDueDays } from '../../lib/db/settlement-close.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase } from '../../lib/platform/embedded-postgres.ts';

const CLOSE = readMigrations().find((m) => m.name.endsWith('_business_day_close'))?.name ?? 'missing';
const serverUrl = databaseUrlFor(inject('databaseUrl'), 'postgres');
const name = `ss_close_mig_${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(path.join(tmpdir(), 'ss-migrations-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(serverUrl, name);
});

describe(`migration ${CLOSE}`, () => {
  it('keeps settlements written before it valid, and the job carries on after them', async () => {
    await createDatabaseIfMissing(serverUrl, name);
    const url = databaseUrlFor(serverUrl, name);
    for (const migration of readMigrations().filter((m) => m.name < CLOSE)) cpSync(path.join(MIGRATIONS_DIR, migration.name), path.join(dir, migration.name), { recursive: true });
    await migrate(url, dir);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await client.query(`
        INSERT INTO "City" (id, code, name, "nameEn") VALUES (1, '430400', '衡阳市', 'Hengyang');
        INSERT INTO "District" (id, "cityId", code, name, "nameEn") VALUES (1, 1, '430408', '蒸湘区', 'Zhengxiang');
        INSERT INTO "Market" (id, "districtId", code, name, "nameEn", address, "floorRows", "floorCols") VALUES (1, 1, 'M1', '市场', 'Market', '路', 2, 2);
        INSERT INTO "Programme" (id, "cityId", name, "nameEn", "bankName", "bankNameEn", "startedOn", "feeBasisPoints") VALUES (1, 1, '阳光秤', 'Sunshine', '建行', 'CCB', '2026-01-01', 20);
        INSERT INTO "Merchant" (id, "marketId", name, "shopName", "licenseNo", phone, category, "programmeId") VALUES (1, 1, '张三', '张记', 'L1', '1', 'vegetable', 1);
        INSERT INTO "Payment" ("merchantId", "amountFen", "paidAt", "businessDay", "bankRef", status, match, "programmeId")
        VALUES (1, 865, '2026-03-14T01:27:00Z', '2026-03-14', 'OLD1', 'captured', 'matched', 1),
               (1, 1200, '2026-03-14T02:00:00Z', '2026-03-14', 'OLD2', 'captured', 'matched', 1),
               (1, 500, '2026-03-15T02:00:00Z', '2026-03-15', 'NEW1', 'captured', 'matched', 1);
        INSERT INTO "Settlement" ("merchantId", "businessDay", "paymentCount", "grossFen", "feeFen", "netFen", "weighedFen", status, "paidAt", "bankRef")
        VALUES (1, '2026-03-14', 2, 2065, 4, 2061, 2065, 'paid', '2026-03-15T00:30:00Z', 'PAY1');
      `);
      expect(await migrate(url)).toEqual([CLOSE, ...readMigrations().filter((m) => m.name > CLOSE).map((m) => m.name)]);
      const { rows: [settlement] } = await client.query(`SELECT "grossFen", "netFen", "refundedFen", "adjustmentFen", status, "closedAt" FROM "Settlement"`);
      expect(settlement).toEqual({ grossFen: 2065, netFen: 2061, refundedFen: 0, adjustmentFen: 0, status: 'paid', closedAt: new Date('2026-03-14T16:00:00Z') });
      const { rows: lines } = await client.query(`SELECT p."bankRef", l.kind, l."amountFen" FROM "SettlementLine" l JOIN "Payment" p ON p.id = l."paymentId" ORDER BY 1`);
      expect(lines).toEqual([{ bankRef: 'OLD1', kind: 'sale', amountFen: 865 }, { bankRef: 'OLD2', kind: 'sale', amountFen: 1200 }]);
      const results = await closeDueDays(pool, { now: new Date('2026-03-16T04:00:00Z') });
      expect(results.map((r) => [r.businessDay, r.settlements, r.lines, r.adjustments])).toEqual([['2026-03-15', 1, 1, 0]]);
    } finally {
      await pool.end();
      await client.end();
    }
  });
});
