// The floor map's query against the seeded city: scoped like every query, a tile's state follows
// the scale as it goes offline and online, gets an open alert, or is suspended, and the stall view
// agrees with the tile. Changes made here are undone at the end.
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client.ts';
import { PrismaClient } from '../../lib/db/generated/client.ts';
import { getMarketFloor, type MarketFloor } from '../../lib/db/queries/floor.ts';
import { getStallView } from '../../lib/db/queries/stalls.ts';
import { scopeOf, type Scope } from '../../lib/db/scope.ts';
import { businessDay } from '../../lib/domain/business-day.ts';
import { FLOOR_STATES } from '../../lib/domain/floor-state.ts';

let db: Db;
const today = businessDay(new Date());
const scopes: Record<'city' | 'district' | 'market' | 'merchant', Scope> = {} as never;
let marketId: number;
/** a market of another district than the district user's */
let otherMarketId: number;
/** a stall of `marketId` with one scale in use: in service, lawfully verified, no open alert */
let subject: { stallId: number; scaleId: number; code: string; merchantId: number };
let saved: { online: boolean; status: 'in_service' | 'suspended' | 'retired' };
const createdAlerts: number[] = [];

async function tileOf(scope: Scope, stallId: number) {
  const floor = await getMarketFloor(db, scope, marketId, today);
  return floor?.tiles.find((tile) => tile.stallId === stallId);
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  for (const username of ['city', 'district', 'market', 'merchant'] as const) {
    scopes[username] = scopeOf(await db.user.findUniqueOrThrow({ where: { username } }));
  }
  const manager = await db.user.findUniqueOrThrow({ where: { username: 'market' } });
  const district = await db.user.findUniqueOrThrow({ where: { username: 'district' } });
  marketId = manager.marketId!;
  otherMarketId = (await db.market.findFirstOrThrow({ where: { districtId: { not: district.districtId! } }, orderBy: { id: 'asc' } })).id;

  // a quiet stall of another merchant than the demo merchant's: one in-service scale whose latest
  // verification passed and runs well past 30 days
  const demoMerchantId = (scopes.merchant as Extract<Scope, { kind: 'merchant' }>).merchantId;
  const farExpiry = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000);
  const candidates = await db.stall.findMany({
    where: { marketId, AND: [{ merchantId: { not: null } }, { merchantId: { not: demoMerchantId } }], scales: { some: {} } },
    orderBy: { id: 'asc' },
    select: {
      id: true, code: true, merchantId: true,
      scales: { select: { id: true, status: true, online: true, verifications: { orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }], take: 1 } } },
    },
  });
  const openAlerts = await db.alert.findMany({ where: { marketId, status: 'open' }, select: { scaleId: true, merchantId: true } });
  const found = candidates.find((stall) => {
    const [scale, ...more] = stall.scales;
    const latest = scale?.verifications[0];
    return scale && more.length === 0 && scale.status === 'in_service' && latest?.result === 'passed' && latest.expiresOn > farExpiry
      && !openAlerts.some((alert) => alert.scaleId === scale.id || (alert.scaleId === null && alert.merchantId === stall.merchantId));
  });
  if (!found || !found.scales[0] || found.merchantId === null) throw new Error('the seed has no quiet stall in the demo market');
  subject = { stallId: found.id, scaleId: found.scales[0].id, code: found.code, merchantId: found.merchantId };
  saved = { online: found.scales[0].online, status: found.scales[0].status };
});

afterAll(async () => {
  if (subject) {
    await db.alert.deleteMany({ where: { id: { in: createdAlerts } } });
    await db.scale.update({ where: { id: subject.scaleId }, data: saved });
  }
  await db.$disconnect();
});

describe('the floor of a market', () => {
  it('has a tile per stall of the market, in reading order, and a tally that adds up', async () => {
    const floor = (await getMarketFloor(db, scopes.market, marketId, today)) as MarketFloor;
    expect(floor).not.toBeNull();
    expect(floor.tiles.length).toBe(await db.stall.count({ where: { marketId } }));
    const order = floor.tiles.map((tile) => tile.row * 1000 + tile.col);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const tile of floor.tiles) {
      expect(tile.row).toBeLessThan(floor.floorRows);
      expect(tile.col).toBeLessThan(floor.floorCols);
      expect(FLOOR_STATES).toContain(tile.state);
    }
    expect(Object.values(floor.tally).reduce((a, b) => a + b, 0)).toBe(floor.tiles.length);
    // vacant stalls have no merchant; a stall without merchant and scale is nothing but vacant
    for (const tile of floor.tiles.filter((tile) => tile.state === 'vacant')) expect(tile.merchant).toBeNull();
    expect(floor.tiles.some((tile) => tile.state === 'vacant')).toBe(true);
  });

  it('is scoped: other markets and districts read as not found, a merchant sees its own stalls only', async () => {
    expect(await getMarketFloor(db, scopes.market, otherMarketId, today)).toBeNull();
    expect(await getMarketFloor(db, scopes.district, otherMarketId, today)).toBeNull();
    expect(await getMarketFloor(db, scopes.city, otherMarketId, today)).not.toBeNull();
    expect(await getMarketFloor(db, scopes.city, 2_000_000_000, today)).toBeNull();

    const merchantScope = scopes.merchant as Extract<Scope, { kind: 'merchant' }>;
    const merchantMarket = (await db.merchant.findUniqueOrThrow({ where: { id: merchantScope.merchantId } })).marketId;
    const own = await getMarketFloor(db, merchantScope, merchantMarket, today);
    expect(own?.tiles.length).toBeGreaterThan(0);
    expect(own?.tiles.every((tile) => tile.merchant?.id === merchantScope.merchantId)).toBe(true);
  });

  it('reads no weighing: a poll costs the same whatever the history holds', async () => {
    const queries: string[] = [];
    const logged = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject('databaseUrl') }), log: [{ emit: 'event', level: 'query' }] });
    logged.$on('query', (event) => queries.push(event.query));
    try {
      expect(await getMarketFloor(logged, scopes.city, marketId, today)).not.toBeNull();
    } finally {
      await logged.$disconnect();
    }
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((sql) => /"Weighing"|"Receipt"/.test(sql))).toEqual([]);
  });
});

describe('a tile follows its scale', () => {
  it('is valid while the scale is online and offline when it is not', async () => {
    await db.scale.update({ where: { id: subject.scaleId }, data: { online: true } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('valid');
    await db.scale.update({ where: { id: subject.scaleId }, data: { online: false } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('offline');
    await db.scale.update({ where: { id: subject.scaleId }, data: { online: true } });
    expect((await tileOf(scopes.district, subject.stallId))?.state).toBe('valid');
  });

  it('turns to alert while an alert about the scale or the merchant is open, and back when it is closed', async () => {
    const onScale = await db.alert.create({
      data: { rule: 'seal_open', severity: 'critical', marketId, scaleId: subject.scaleId, merchantId: subject.merchantId, raisedAt: new Date() },
    });
    createdAlerts.push(onScale.id);
    let tile = await tileOf(scopes.market, subject.stallId);
    expect(tile?.state).toBe('alert');
    expect(tile?.openAlerts).toBe(1);

    await db.alert.update({ where: { id: onScale.id }, data: { status: 'closed', closedAt: new Date() } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('valid');

    const onMerchant = await db.alert.create({
      data: { rule: 'reweigh_ratio', severity: 'warning', marketId, merchantId: subject.merchantId, raisedAt: new Date() },
    });
    createdAlerts.push(onMerchant.id);
    tile = await tileOf(scopes.market, subject.stallId);
    expect(tile?.state).toBe('alert');
    await db.alert.update({ where: { id: onMerchant.id }, data: { status: 'acknowledged' } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('valid');
  });

  it('is suspended when the scale is suspended, online or not', async () => {
    await db.scale.update({ where: { id: subject.scaleId }, data: { status: 'suspended', online: true } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('suspended');
    await db.scale.update({ where: { id: subject.scaleId }, data: { online: false } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('suspended');
    await db.scale.update({ where: { id: subject.scaleId }, data: { status: 'in_service', online: true } });
    expect((await tileOf(scopes.market, subject.stallId))?.state).toBe('valid');
  });

  it('shows no scale once the only scale is retired', async () => {
    await db.scale.update({ where: { id: subject.scaleId }, data: { status: 'retired' } });
    try {
      const tile = await tileOf(scopes.market, subject.stallId);
      expect(tile?.state).toBe('no_scale');
      expect(tile?.scales).toBe(0);
    } finally {
      await db.scale.update({ where: { id: subject.scaleId }, data: { status: 'in_service' } });
    }
  });
});

describe('the stall view', () => {
  it('agrees with its tile and lists the open alerts about it', async () => {
    const alert = await db.alert.create({
      data: { rule: 'counter_moved', severity: 'critical', marketId, scaleId: subject.scaleId, merchantId: subject.merchantId, raisedAt: new Date() },
    });
    createdAlerts.push(alert.id);
    const view = await getStallView(db, scopes.market, marketId, subject.stallId, today);
    expect(view?.code).toBe(subject.code);
    expect(view?.merchant?.id).toBe(subject.merchantId);
    expect(view?.state).toBe((await tileOf(scopes.market, subject.stallId))?.state);
    expect(view?.state).toBe('alert');
    expect(view?.alerts.map((a) => a.id)).toContain(alert.id);
    expect(view?.scales.map((scale) => scale.id)).toEqual([subject.scaleId]);
    expect(view?.scales[0]?.state).toBe('alert');
    await db.alert.update({ where: { id: alert.id }, data: { status: 'closed', closedAt: new Date() } });
  });

  it("sums today's figures from the ScaleDay rollup", async () => {
    const row = await db.scaleDay.findFirst({ where: { scaleId: subject.scaleId, businessDay: new Date(`${today}T00:00:00Z`) } });
    const view = await getStallView(db, scopes.market, marketId, subject.stallId, today);
    expect(view?.today.weighings).toBe(row?.weighingCount ?? 0);
    expect(view?.today.turnoverFen).toBe(row?.priceFenSum ?? 0n);
  });

  it('is not found through another market, out of scope, or for another merchant', async () => {
    expect(await getStallView(db, scopes.market, otherMarketId, subject.stallId, today)).toBeNull();
    expect(await getStallView(db, scopes.district, marketId, subject.stallId, today)).not.toBeNull();
    const foreign = await db.stall.findFirstOrThrow({ where: { marketId: otherMarketId } });
    expect(await getStallView(db, scopes.district, otherMarketId, foreign.id, today)).toBeNull();
    expect(await getStallView(db, scopes.city, otherMarketId, foreign.id, today)).not.toBeNull();
    // the demo merchant trades in this market, but the stall is another merchant's
    expect(await getStallView(db, scopes.merchant, marketId, subject.stallId, today)).toBeNull();
  });
});
