// Scores, rankings and the lists behind the overview against the seeded database: every figure is
// checked against SQL written here from the raw tables, and every list against another district.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../lib/db/migrate.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { scopeOf, type Scope } from '../../lib/db/scope.ts';
import { rankMerchants, listMerchantRanking, RANKING_PAGE_SIZE } from '../../lib/db/queries/merchant-ranking.ts';
import { getMerchantScore } from '../../lib/db/queries/merchant-score.ts';
import { rankScales } from '../../lib/db/queries/scale-ranking.ts';
import { getScaleAccuracy } from '../../lib/db/queries/scale-accuracy.ts';
import { getOverview } from '../../lib/db/queries/overview.ts';
import { listAlerts } from '../../lib/db/queries/alerts.ts';
import { listComplaints } from '../../lib/db/queries/complaints.ts';
import { listUncoveredStalls } from '../../lib/db/queries/coverage.ts';
import { districtInScope, narrowScope } from '../../lib/db/queries/places.ts';
import { merchantRankingCsv, scaleRankingCsv } from '../../lib/export/ranking-csv.ts';
import { businessDay } from '../../lib/domain/business-day.ts';
import { UTF8_BOM } from '../../lib/domain/csv.ts';
import { translator } from '../../lib/i18n/index.ts';

let db: Db;
let city: Scope;
let district: Scope & { kind: 'district' };
let otherDistrictId: number;
let otherShopName: string;
let otherMerchantId: number;
const today = businessDay(new Date());
const t = translator('zh-CN');

async function scopeFor(username: string): Promise<Scope> {
  return scopeOf(await db.user.findUniqueOrThrow({ where: { username } }));
}

/** parses our own CSV output (quoted fields, doubled quotes, CRLF) */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  city = await scopeFor('city');
  const scope = await scopeFor('district');
  if (scope.kind !== 'district') throw new Error('the district user should have a district scope');
  district = scope;
  const other = await db.merchant.findFirstOrThrow({ where: { users: { some: { username: 'merchant2' } } }, select: { id: true, shopName: true, market: { select: { districtId: true } } } });
  otherMerchantId = other.id;
  otherShopName = other.shopName;
  otherDistrictId = other.market.districtId;
  expect(otherDistrictId).not.toBe(district.districtId);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('merchant ranking', () => {
  it('keeps a district regulator inside its district, in the table and in the CSV', async () => {
    const ranking = await rankMerchants(db, district, { today, period: 90 });
    expect(ranking.rows.length).toBeGreaterThan(0);
    expect(new Set(ranking.rows.map((row) => row.district.id))).toEqual(new Set([district.districtId]));
    expect(ranking.rows.some((row) => row.id === otherMerchantId)).toBe(false);
    const text = merchantRankingCsv(ranking, t, 'zh-CN');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).not.toContain(otherShopName);
    // asking for the other district by filter gives nothing, not its merchants
    const asked = await rankMerchants(db, district, { today, period: 90, district: otherDistrictId });
    expect(asked.rows).toEqual([]);
    const otherMarket = await db.market.findFirstOrThrow({ where: { districtId: otherDistrictId } });
    expect((await rankMerchants(db, district, { today, period: 90, market: otherMarket.id })).rows).toEqual([]);
    // the city regulator does see that merchant
    const all = await rankMerchants(db, city, { today, period: 90, district: otherDistrictId });
    expect(all.rows.some((row) => row.id === otherMerchantId)).toBe(true);
  });

  it('counts price findings from the rollup exactly as the raw weighings have them', async () => {
    const [flagged] = await db.$queryRaw<{ merchantId: number; n: bigint; total: bigint }[]>`
      SELECT w."merchantId", count(*) FILTER (WHERE w.findings && ARRAY['price_mismatch', 'price_on_invalid_mass']) AS n, count(*) AS total
        FROM "Weighing" w WHERE w."merchantId" IS NOT NULL
       GROUP BY 1 HAVING count(*) FILTER (WHERE 'price_mismatch' = ANY(w.findings)) > 0 ORDER BY 1 LIMIT 1`;
    expect(flagged).toBeDefined();
    const ranking = await rankMerchants(db, city, { today, period: 90 });
    const row = ranking.rows.find((candidate) => candidate.id === flagged!.merchantId)!;
    expect(row.evidence.priceFindings).toBe(Number(flagged!.n));
    expect(row.evidence.weighings).toBe(Number(flagged!.total));
    expect(row.penalties.find((p) => p.kind === 'price')?.count).toBe(Number(flagged!.n));
  });

  it('gives a red card to the merchant of an upheld short-weight complaint, and ranks it among the first', async () => {
    const complaint = await db.complaint.findFirst({
      where: { kind: 'short_weight', merchantId: { not: null }, events: { some: { toStatus: 'upheld' } } },
      select: { merchantId: true },
    });
    expect(complaint?.merchantId).toEqual(expect.any(Number));
    const ranking = await rankMerchants(db, city, { today, period: 90 });
    const row = ranking.rows.find((candidate) => candidate.id === complaint!.merchantId)!;
    expect(row.card).toBe('red');
    expect(row.reasons.map((reason) => reason.code)).toContain('short_weight_upheld');
    expect(row.rank).toBeLessThanOrEqual(ranking.cards.red);
    // worst first: every red before every yellow before the rest
    const severity = { red: 2, yellow: 1, none: 0 } as const;
    for (let i = 1; i < ranking.rows.length; i++) expect(severity[ranking.rows[i - 1]!.card]).toBeGreaterThanOrEqual(severity[ranking.rows[i]!.card]);
    expect(ranking.cards.red + ranking.cards.yellow + ranking.cards.none).toBe(await db.merchant.count());
  });

  it('filters by card and pages through the same order', async () => {
    const all = await rankMerchants(db, city, { today, period: 90 });
    const carded = await rankMerchants(db, city, { today, period: 90, card: 'carded' });
    expect(carded.rows.map((row) => row.id)).toEqual(all.rows.filter((row) => row.card !== 'none').map((row) => row.id));
    const page2 = await listMerchantRanking(db, city, { today, period: 90, page: 2 });
    expect(page2.rows.map((row) => row.id)).toEqual(all.rows.slice(RANKING_PAGE_SIZE, 2 * RANKING_PAGE_SIZE).map((row) => row.id));
    expect(page2.rows[0]?.rank).toBe(RANKING_PAGE_SIZE + 1);
  });

  it('writes the CSV with the same rows, in order, and money and mass as decimals', async () => {
    const ranking = await rankMerchants(db, district, { today, period: 90 });
    const lines = parseCsv(merchantRankingCsv(ranking, t, 'zh-CN').slice(1));
    expect(lines[0]).toContain('交易额（元）');
    expect(lines[0]).toContain('净重（千克）');
    expect(lines.slice(1).map((line) => Number(line[1]))).toEqual(ranking.rows.map((row) => row.id));
    const turnover = lines[0]!.indexOf('交易额（元）');
    const busiest = ranking.rows.reduce((a, b) => (b.trade.turnoverFen > a.trade.turnoverFen ? b : a));
    const line = lines.find((candidate) => Number(candidate[1]) === busiest.id)!;
    expect(line[turnover]).toMatch(/^\d+\.\d{2}$/);
    expect(BigInt(line[turnover]!.replace('.', ''))).toBe(busiest.trade.turnoverFen);
  });
});

describe('merchant score page', () => {
  it('reads as null outside the scope, and in full inside', async () => {
    expect(await getMerchantScore(db, district, otherMerchantId, today, 90)).toBeNull();
    const merchantUser = await db.user.findUniqueOrThrow({ where: { username: 'merchant' } });
    const own = await getMerchantScore(db, district, merchantUser.merchantId!, today, 90);
    expect(own?.merchant.district.id).toBe(district.districtId);
    expect(own?.series).toHaveLength(12);
    expect(own?.series.at(-1)?.score).toBe(own?.score);
    // a merchant user reads itself and nobody else
    const mine = scopeOf(merchantUser);
    expect(await getMerchantScore(db, mine, otherMerchantId, today, 90)).toBeNull();
    expect((await getMerchantScore(db, mine, merchantUser.merchantId!, today, 90))?.score).toBe(own?.score);
  });

  it('lists the evidence the score counts, newest first', async () => {
    const ranking = await rankMerchants(db, city, { today, period: 90, card: 'red' });
    const worst = ranking.rows[0]!;
    const full = await getMerchantScore(db, city, worst.id, today, 90);
    expect(full?.score).toBe(worst.score);
    expect(full?.card).toBe(worst.card);
    const times = full!.items.map((item) => item.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(full!.items.filter((item) => item.kind === 'complaint')).toHaveLength(worst.evidence.complaintsUpheld);
    expect(full!.items.filter((item) => item.kind === 'reweigh')).toHaveLength(worst.evidence.reweighs);
  });
});

describe('scale ranking and a scale’s accuracy', () => {
  it('keeps a district regulator inside its district, in the table and in the CSV', async () => {
    const ranking = await rankScales(db, district, { today, period: 90, sort: 'pass_rate' });
    expect(new Set(ranking.rows.map((row) => row.district.id))).toEqual(new Set([district.districtId]));
    const otherSerial = await db.scale.findFirstOrThrow({ where: { market: { districtId: otherDistrictId } }, select: { serial: true } });
    expect(scaleRankingCsv(ranking, t, 'zh-CN')).not.toContain(otherSerial.serial);
  });

  it('puts the scales with failed checks first, with pass rates from the check tables', async () => {
    const ranking = await rankScales(db, city, { today, period: 90, sort: 'pass_rate' });
    const first = ranking.rows[0]!;
    expect(first.checks.failed).toBeGreaterThan(0);
    const [expected] = await db.$queryRaw<{ passed: bigint; total: bigint }[]>`
      SELECT (SELECT count(*) FILTER (WHERE result = 'passed') FROM "Inspection" WHERE "scaleId" = ${first.id})
           + (SELECT count(*) FILTER (WHERE passed) FROM "CheckWeighing" WHERE "scaleId" = ${first.id} AND source <> 'inspection') AS passed,
             (SELECT count(*) FROM "Inspection" WHERE "scaleId" = ${first.id})
           + (SELECT count(*) FROM "CheckWeighing" WHERE "scaleId" = ${first.id} AND source <> 'inspection') AS total`;
    expect(first.checks.passed).toBe(Number(expected!.passed));
    expect(first.checks.checks).toBe(Number(expected!.total));
    const accuracy = await getScaleAccuracy(db, city, first.id, today);
    expect(accuracy?.passRate).toEqual(first.checks);
    expect(accuracy?.errors.every((point) => point.passed === Math.abs(point.errorInE) <= point.mpeInE)).toBe(true);
  });

  it('reads a scale of another district as null', async () => {
    const other = await db.scale.findFirstOrThrow({ where: { market: { districtId: otherDistrictId } }, select: { id: true } });
    expect(await getScaleAccuracy(db, district, other.id, today)).toBeNull();
  });

  it('filters by legal state', async () => {
    const expired = await rankScales(db, city, { today, period: 30, sort: 'findings', status: 'expired' });
    expect(expired.rows.length).toBe(expired.tally.expired);
    expect(expired.rows.every((row) => row.status === 'expired')).toBe(true);
  });
});

describe('the lists behind the overview', () => {
  it('agree with the overview’s figures, within the scope', async () => {
    for (const scope of [city, district]) {
      const overview = await getOverview(db, scope, today);
      const alerts = await listAlerts(db, scope, { page: 1, status: 'open', severity: undefined });
      expect(alerts.total).toBe(overview.totals.openAlerts);
      const complaints = await listComplaints(db, scope, { page: 1, status: 'open' });
      expect(complaints.total).toBe(overview.totals.openComplaints);
      const uncovered = await listUncoveredStalls(db, scope, { today, page: 1 });
      expect(uncovered.coverage).toEqual(overview.totals.coverage);
      expect(uncovered.total).toBe(overview.totals.coverage.occupied - overview.totals.coverage.covered);
      const sums = overview.districts.reduce((sum, d) => ({ scales: sum.scales + d.scales, online: sum.online + d.online }), { scales: 0, online: 0 });
      expect(sums).toEqual({ scales: overview.totals.scales, online: overview.totals.online });
    }
    const districtAlerts = await listAlerts(db, district, { page: 1, status: 'all', severity: undefined });
    const marketIds = new Set((await db.market.findMany({ where: { districtId: district.districtId }, select: { id: true } })).map((m) => m.id));
    expect(districtAlerts.rows.every((row) => marketIds.has(row.market.id))).toBe(true);
  });

  it('counts the spot checks of the window from the Inspection table', async () => {
    const overview = await getOverview(db, city, today);
    const [row] = await db.$queryRaw<{ passed: bigint; total: bigint }[]>`
      SELECT count(*) FILTER (WHERE result = 'passed') AS passed, count(*) AS total FROM "Inspection"
       WHERE stage = 'in_service' AND at >= (${overview.inspections.window.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
    expect(overview.inspections.inspections).toBe(Number(row!.total));
    expect(overview.inspections.passed).toBe(Number(row!.passed));
    expect(overview.inspections.inspections).toBeGreaterThan(0);
  });

  it('drills down to a district only within the scope', async () => {
    expect(await districtInScope(db, district, otherDistrictId)).toBeNull();
    const mine = await districtInScope(db, district, district.districtId);
    expect(mine?.scope).toEqual(district);
    const fromCity = await districtInScope(db, city, otherDistrictId);
    expect(fromCity?.scope).toEqual({ kind: 'district', cityId: city.cityId, districtId: otherDistrictId });
    const market = await db.market.findFirstOrThrow({ where: { districtId: district.districtId } });
    expect(await narrowScope(db, district, { marketId: market.id, districtId: otherDistrictId })).toBeNull();
  });
});

describe('the migration that added priceFindingCount', () => {
  it('backfills both rollups from the raw weighings, as the ingest and the rebuild keep them', async () => {
    const folder = readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith('_scores_rollups'))!;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, folder, 'migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('-- Backfill'));
    expect(backfill).toContain('UPDATE "MerchantDay"');
    const read = () => db.$queryRaw<{ key: string; n: number }[]>`
      SELECT 's' || "scaleId" || ':' || "businessDay" AS key, "priceFindingCount" AS n FROM "ScaleDay" WHERE "priceFindingCount" > 0
      UNION ALL
      SELECT 'm' || "merchantId" || ':' || "businessDay", "priceFindingCount" FROM "MerchantDay" WHERE "priceFindingCount" > 0
      ORDER BY 1`;
    const kept = await read();
    expect(kept.length).toBeGreaterThan(0);
    await db.$executeRawUnsafe('UPDATE "ScaleDay" SET "priceFindingCount" = 0');
    await db.$executeRawUnsafe('UPDATE "MerchantDay" SET "priceFindingCount" = 0');
    expect(await read()).toEqual([]);
    await db.$executeRawUnsafe(backfill);
    expect(await read()).toEqual(kept);
  });
});
