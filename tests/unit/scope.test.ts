import { describe, expect, it } from 'vitest';
import { marketWhere, merchantWhere, scaleWhere, scopeOf, ScopeError, stallWhere } from '../../lib/db/scope.ts';

const base = { cityId: 1, districtId: null, marketId: null, merchantId: null };

describe('scope of a user', () => {
  it('gives city-wide scope to city regulators and bank officers', () => {
    expect(scopeOf({ ...base, role: 'city_regulator' })).toEqual({ kind: 'city', cityId: 1 });
    expect(scopeOf({ ...base, role: 'bank_officer' })).toEqual({ kind: 'city', cityId: 1, programmeOnly: true });
  });

  it('binds district regulators, market managers and merchants to their own rows', () => {
    expect(scopeOf({ ...base, role: 'district_regulator', districtId: 4 })).toEqual({ kind: 'district', cityId: 1, districtId: 4 });
    expect(scopeOf({ ...base, role: 'market_manager', marketId: 7 })).toEqual({ kind: 'market', cityId: 1, marketId: 7 });
    expect(scopeOf({ ...base, role: 'merchant', merchantId: 9 })).toEqual({ kind: 'merchant', cityId: 1, merchantId: 9 });
    expect(scopeOf({ ...base, role: 'inspector', districtId: 4 })).toEqual({ kind: 'district', cityId: 1, districtId: 4 });
  });

  it('refuses a scoped role without its scope rather than widening it', () => {
    expect(() => scopeOf({ ...base, role: 'district_regulator' })).toThrow(ScopeError);
    expect(() => scopeOf({ ...base, role: 'market_manager' })).toThrow(ScopeError);
    expect(() => scopeOf({ ...base, role: 'merchant' })).toThrow(ScopeError);
  });

  it("always carries a merchant's own id into merchant and scale filters", () => {
    const scope = { kind: 'merchant', cityId: 1, merchantId: 9 } as const;
    expect(merchantWhere(scope)).toMatchObject({ id: 9 });
    expect(scaleWhere(scope)).toMatchObject({ stall: { merchantId: 9 } });
    expect(stallWhere(scope)).toMatchObject({ merchantId: 9 });
    expect(marketWhere(scope)).toMatchObject({ merchants: { some: { id: 9 } } });
  });

  it('keeps every filter inside the city', () => {
    for (const scope of [
      { kind: 'city', cityId: 2 },
      { kind: 'district', cityId: 2, districtId: 3 },
      { kind: 'market', cityId: 2, marketId: 3 },
      { kind: 'merchant', cityId: 2, merchantId: 3 },
    ] as const) {
      expect(JSON.stringify(marketWhere(scope))).toContain('"cityId":2');
    }
  });
});
