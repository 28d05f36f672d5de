// The payment-intake migration on a database that already holds payments (written before the
// webhook existed, as the demo seed wrote them): every row stays valid and reads as a capture by
// the programme's bank, matched when it has a weighing, an exception when it has none.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../lib/db/migrate.ts';
import { createDatabaseIfMissing, databaseUrlFor, dropDatabase } from '../../lib/platform/embedded-postgres.ts';

const INTAKE = '20261203080144_bank_payment_intake';
const serverUrl = databaseUrlFor(inject('databaseUrl'), 'postgres');
const name = `ss_intake_mig_${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(path.join(tmpdir(), 'ss-migrations-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(serverUrl, name);
});

describe(`migration ${INTAKE}`, () => {
  it('keeps the payments written before it valid: captures of the programme, matched or unmatched', async () => {
    await createDatabaseIfMissing(serverUrl, name);
    const url = databaseUrlFor(serverUrl, name);
    const before = readMigrations().filter((m) => m.name < INTAKE).map((m) => m.name);
    for (const migration of before) cpSync(path.join(MIGRATIONS_DIR, migration), path.join(dir, migration), { recursive: true });
    await migrate(url, dir);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO "City" (id, code, name, "nameEn") VALUES (1, '430400', '衡阳市', 'Hengyang');
        INSERT INTO "District" (id, "cityId", code, name, "nameEn") VALUES (1, 1, '430408', '蒸湘区', 'Zhengxiang');
        INSERT INTO "Market" (id, "districtId", code, name, "nameEn", address, "floorRows", "floorCols") VALUES (1, 1, 'M1', '市场', 'Market', '路', 2, 2);
        INSERT INTO "Programme" (id, "cityId", name, "nameEn", "bankName", "bankNameEn", "startedOn") VALUES (1, 1, '阳光秤', 'Sunshine', '建行', 'CCB', '2026-01-01');
        INSERT INTO "Merchant" (id, "marketId", name, "shopName", "licenseNo", phone, category, "programmeId") VALUES (1, 1, '张三', '张记', 'L1', '1', 'vegetable', 1);
        INSERT INTO "Payment" ("merchantId", "weighingId", "amountFen", "paidAt", "businessDay", "bankRef", status)
        VALUES (1, 42, 865, '2026-03-14T01:27:00Z', '2026-03-14', 'OLD1', 'captured'), (1, NULL, 1200, '2026-03-14T02:00:00Z', '2026-03-14', 'OLD2', 'captured');
      `);
      // this one and any later (they may come after it)
      expect((await migrate(url))[0]).toBe(INTAKE);
      const { rows } = await client.query(
        'SELECT "bankRef", status, match, "programmeId", "merchantId", "receivedAt" = "paidAt" AS "receivedAsPaid", "matchedAt" IS NOT NULL AS "hasMatchedAt", "settlementId" FROM "Payment" ORDER BY "bankRef"',
      );
      expect(rows).toEqual([
        { bankRef: 'OLD1', status: 'captured', match: 'matched', programmeId: 1, merchantId: 1, receivedAsPaid: true, hasMatchedAt: true, settlementId: null },
        { bankRef: 'OLD2', status: 'captured', match: 'unmatched', programmeId: 1, merchantId: 1, receivedAsPaid: true, hasMatchedAt: false, settlementId: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
