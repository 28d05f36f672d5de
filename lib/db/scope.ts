// What a signed-in user may see. Every query module takes a Scope and filters by it, so a page or
// route cannot forget to: a merchant's query always carries its own merchant id.
import type { Role } from './generated/enums.ts';

export type Scope =
  // the bank officer: the city, but of merchants only those enrolled in a programme of the city (the
  // bank finances the programme and settles its merchants; it has no business with the others)
  | { kind: 'city'; cityId: number; programmeOnly?: boolean }
  | { kind: 'district'; cityId: number; districtId: number }
  | { kind: 'market'; cityId: number; marketId: number }
  | { kind: 'merchant'; cityId: number; merchantId: number };

export interface ScopedUser {
  role: Role;
  cityId: number;
  districtId: number | null;
  marketId: number | null;
  merchantId: number | null;
}

export class ScopeError extends Error {
  readonly code = 'scope_misconfigured';
}

export function scopeOf(user: ScopedUser): Scope {
  const { cityId } = user;
  switch (user.role) {
    case 'city_regulator':
      return { kind: 'city', cityId };
    case 'bank_officer':
      return { kind: 'city', cityId, programmeOnly: true };
    case 'inspector':
      return user.districtId ? { kind: 'district', cityId, districtId: user.districtId } : { kind: 'city', cityId };
    case 'district_regulator':
      if (!user.districtId) throw new ScopeError('a district regulator needs a district');
      return { kind: 'district', cityId, districtId: user.districtId };
    case 'market_manager':
      if (!user.marketId) throw new ScopeError('a market manager needs a market');
      return { kind: 'market', cityId, marketId: user.marketId };
    case 'merchant':
      if (!user.merchantId) throw new ScopeError('a merchant user needs a merchant');
      return { kind: 'merchant', cityId, merchantId: user.merchantId };
  }
}

/** Prisma `where` on Market for a scope. A merchant sees only the market it trades in. */
export function marketWhere(scope: Scope) {
  switch (scope.kind) {
    case 'city':
      return { district: { cityId: scope.cityId } };
    case 'district':
      return { districtId: scope.districtId, district: { cityId: scope.cityId } };
    case 'market':
      return { id: scope.marketId, district: { cityId: scope.cityId } };
    case 'merchant':
      return { merchants: { some: { id: scope.merchantId } }, district: { cityId: scope.cityId } };
  }
}

/** Prisma `where` on Merchant (and anything with a `merchant` relation) for a scope. */
export function merchantWhere(scope: Scope) {
  switch (scope.kind) {
    case 'merchant':
      return { id: scope.merchantId, market: marketWhere(scope) };
    case 'city':
      return scope.programmeOnly ? { market: marketWhere(scope), programme: { cityId: scope.cityId } } : { market: marketWhere(scope) };
    default:
      return { market: marketWhere(scope) };
  }
}

/** Prisma `where` on Scale for a scope: a merchant sees the scales on its own stalls. */
export function scaleWhere(scope: Scope) {
  switch (scope.kind) {
    case 'merchant':
      return { stall: { merchantId: scope.merchantId }, market: marketWhere(scope) };
    default:
      return { market: marketWhere(scope) };
  }
}

/** Prisma `where` on Stall for a scope: a merchant sees its own stalls only. */
export function stallWhere(scope: Scope) {
  switch (scope.kind) {
    case 'merchant':
      return { merchantId: scope.merchantId, market: marketWhere(scope) };
    default:
      return { market: marketWhere(scope) };
  }
}
