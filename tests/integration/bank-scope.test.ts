// The bank sees the programme it finances, and of merchants only those enrolled in it: a merchant of
// the city outside the programme is "not found" to the bank (its shop, stalls and settlements), while
// the city regulator still sees it; the programme's enrolment figures still count every merchant of
// the markets (a count, not their data).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { getMerchant } from '../../lib/db/queries/merchants.ts';
import { programmeMerchant, searchProgrammeMerchants } from '../../lib/db/queries/bank-merchants.ts';
import { programmeOverview } from '../../lib/db/queries/programme.ts';
import { merchantSearchQuery } from '../../lib/domain/merchant-search.ts';
import { merchantInScope } from '../../lib/db/queries/settlements.ts';
import { businessDay } from '../../lib/domain/business-day.ts';
import { demoActor } from '../support/actors.ts';

let db: Db;
let bank: Actor;
let city: Actor;

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  bank = await demoActor(db, 'bank');
  city = await demoActor(db, 'city');
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('the bank’s scope: the programme’s merchants only', () => {
  it('does not find a merchant outside the programme, which the city regulator does', async () => {
    const outsider = await db.merchant.findFirstOrThrow({ where: { programmeId: null, market: { district: { cityId: bank.scope.cityId } } } });
    const member = await db.merchant.findFirstOrThrow({ where: { programme: { cityId: bank.scope.cityId } } });
    expect(await getMerchant(db, bank.scope, outsider.id)).toBeNull();
    expect(await merchantInScope(db, bank.scope, outsider.id)).toBeNull();
    expect(await getMerchant(db, city.scope, outsider.id)).not.toBeNull();
    expect((await getMerchant(db, bank.scope, member.id))?.id).toBe(member.id);
  });

  it('still counts every merchant of the markets for enrolment', async () => {
    const overview = await programmeOverview(db, bank.scope, businessDay(new Date()));
    const all = await db.merchant.count({ where: { market: { district: { cityId: bank.scope.cityId } } } });
    const enrolled = await db.merchant.count({ where: { programme: { cityId: bank.scope.cityId } } });
    expect(overview.merchantsTotal).toBe(all);
    expect(overview.merchantsEnrolled).toBe(enrolled);
    expect(enrolled).toBeLessThan(all);
  });
});

describe('the bank’s merchant search', () => {
  const today = businessDay(new Date());
  const search = (params: Record<string, string>) => searchProgrammeMerchants(db, bank.scope, merchantSearchQuery.parse(params), today);

  it('finds a programme merchant by a part of its shop name, operator or credit code, never an outsider', async () => {
    const member = await db.merchant.findFirstOrThrow({ where: { programme: { cityId: bank.scope.cityId } }, orderBy: { id: 'desc' } });
    for (const words of [member.shopName.slice(1, 3), member.name, member.licenseNo.slice(-6).toLowerCase()]) {
      const found = await search({ q: ` ${words} ` });
      expect(found.rows.map((r) => r.id), words).toContain(member.id);
      for (const row of found.rows) expect(await programmeMerchant(db, bank.scope, row.id)).not.toBeNull();
    }
    const outsider = await db.merchant.findFirstOrThrow({ where: { programmeId: null, market: { district: { cityId: bank.scope.cityId } } } });
    expect((await search({ q: outsider.licenseNo })).total).toBe(0);
    expect(await programmeMerchant(db, bank.scope, outsider.id)).toBeNull();
    // LIKE's own characters are searched as typed, not as wildcards
    expect((await search({ q: '%' })).total).toBe(0);
    expect((await search({ q: '_' })).total).toBe(0);
  });

  it('narrows to a market, pages, and reads a tampered page or market as none', async () => {
    const all = await search({});
    expect(all.total).toBe(await db.merchant.count({ where: { programme: { cityId: bank.scope.cityId } } }));
    const marketId = all.rows[0]!.market.id;
    const inMarket = await search({ market: String(marketId) });
    expect(inMarket.total).toBeGreaterThan(0);
    expect(inMarket.rows.every((r) => r.market.id === marketId)).toBe(true);
    const last = await search({ page: '999999' });
    expect(last.page).toBe(last.pages);
    expect((await search({ market: 'x', page: '-3' })).total).toBe(all.total);
  });
});
