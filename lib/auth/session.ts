// Server-side sessions: the cookie holds 256 random bits; the database holds only their sha-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { scopeOf, type Scope } from '../db/scope.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'ss_session';
export const SESSION_TTL_MS = Number(process.env.SESSION_TTL_HOURS ?? 8) * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  cityId: number;
  districtId: number | null;
  marketId: number | null;
  merchantId: number | null;
  scope: Scope;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export type SessionLookup = { status: 'valid'; user: SessionUser } | { status: 'expired' } | { status: 'none' };

export async function lookupSession(db: Db, token: string | undefined, now = new Date()): Promise<SessionLookup> {
  if (!token || token.length > 128) return { status: 'none' };
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.user.disabledAt) return { status: 'none' };
  if (session.expiresAt <= now) {
    await db.session.delete({ where: { tokenHash: session.tokenHash } }).catch(() => {});
    return { status: 'expired' };
  }
  const { user } = session;
  const base = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    cityId: user.cityId,
    districtId: user.districtId,
    marketId: user.marketId,
    merchantId: user.merchantId,
  };
  return { status: 'valid', user: { ...base, scope: scopeOf(base) } };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
