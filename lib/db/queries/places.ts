// Districts and markets of a scope: the filters of the ranked tables, the district drill-down, and
// narrowing a scope to one district or market (the intersection of what the user may
// see and what they asked for, so every query below stays scoped by construction).
import type { Db } from '../client.ts';
import { marketWhere, type Scope } from '../scope.ts';

export interface Named {
  id: number;
  name: string;
  nameEn: string;
}

export interface MarketOption extends Named {
  code: string;
  district: Named;
}

/** Selects a market as a MarketOption: its code, its names and its district. */
export const marketOptionSelect = { id: true, code: true, name: true, nameEn: true, district: { select: { id: true, name: true, nameEn: true } } } as const;

/** The markets the scope may see, with their districts (for filters and links). */
export async function marketsInScope(db: Db, scope: Scope): Promise<MarketOption[]> {
  return db.market.findMany({
    where: marketWhere(scope),
    orderBy: { code: 'asc' },
    select: marketOptionSelect,
  });
}

/** Distinct districts of some markets, in the order they first appear. */
export function districtsOf(markets: readonly MarketOption[]): Named[] {
  const seen = new Map<number, Named>();
  for (const market of markets) if (!seen.has(market.district.id)) seen.set(market.district.id, market.district);
  return [...seen.values()];
}

/**
 * The part of `scope` inside a district and/or a market, or null when the scope sees nothing there
 * (an id of another district, or a market outside the district asked for).
 */
export async function narrowScope(db: Db, scope: Scope, filter: { districtId?: number | undefined; marketId?: number | undefined }): Promise<Scope | null> {
  const { districtId, marketId } = filter;
  if (marketId !== undefined) {
    const market = await db.market.findFirst({
      where: { AND: [{ id: marketId }, marketWhere(scope), ...(districtId !== undefined ? [{ districtId }] : [])] },
      select: { id: true },
    });
    if (!market) return null;
    return scope.kind === 'merchant' ? scope : { kind: 'market', cityId: scope.cityId, marketId: market.id };
  }
  if (districtId !== undefined) {
    const visible = await db.market.findFirst({ where: { AND: [{ districtId }, marketWhere(scope)] }, select: { id: true } });
    if (!visible) return null;
    // a district regulator's or a market's scope is already inside one district
    return scope.kind === 'city' ? { kind: 'district', cityId: scope.cityId, districtId } : scope;
  }
  return scope;
}

/** One district as a user may see it (its name, and null when the scope sees nothing of it). */
export async function districtInScope(db: Db, scope: Scope, districtId: number): Promise<{ scope: Scope; district: Named } | null> {
  const narrowed = await narrowScope(db, scope, { districtId });
  if (!narrowed) return null;
  const district = await db.district.findFirst({ where: { id: districtId, cityId: scope.cityId }, select: { id: true, name: true, nameEn: true } });
  return district ? { scope: narrowed, district } : null;
}
