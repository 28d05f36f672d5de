// The bank sees the programme it finances, and of merchants only those enrolled in it: a merchant of
// the city outside the programme is "not found" to the bank (its shop, stalls and settlements), while
// the city regulator still sees it; the programme's enrolment figures still count every merchant of
// the markets (a count, not their data).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { getMerchant } from '../../lib/db/queries/merchants.ts';
import { programmeOverview } from '../../lib/db/queries/programme.ts';
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
