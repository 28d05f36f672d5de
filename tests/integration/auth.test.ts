import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client.ts';
import { signIn } from '../../lib/auth/sign-in.ts';
import { createSession, deleteSession, lookupSession, SESSION_TTL_MS } from '../../lib/auth/session.ts';
import { DEMO_PASSWORD } from '../../lib/db/seed/demo-users.ts';

let db: Db;
beforeAll(() => {
  db = createDb(inject('databaseUrl'));
});
afterAll(() => db.$disconnect());

describe('sign-in', () => {
  it('signs a demo user in and lands it on its persona', async () => {
    const result = await signIn(db, { username: 'merchant', password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: true, home: '/merchant' });
    const regulator = await signIn(db, { username: 'district', password: DEMO_PASSWORD });
    expect(regulator).toMatchObject({ ok: true, home: '/regulator' });
  });

  it('answers a wrong password and an unknown user with the same message, and audits it', async () => {
    const before = await db.auditEvent.count({ where: { action: 'auth.sign_in_failed' } });
    expect(await signIn(db, { username: 'merchant', password: 'wrong' })).toEqual({ ok: false, fieldErrors: {}, formError: 'auth.error.invalidCredentials' });
    expect(await signIn(db, { username: 'nobody', password: 'wrong' })).toEqual({ ok: false, fieldErrors: {}, formError: 'auth.error.invalidCredentials' });
    expect(await db.auditEvent.count({ where: { action: 'auth.sign_in_failed' } })).toBe(before + 2);
  });

  it('names each bad field', async () => {
    expect(await signIn(db, { username: '  ', password: '' })).toEqual({
      ok: false,
      fieldErrors: { username: 'auth.error.usernameRequired', password: 'auth.error.passwordRequired' },
    });
    expect(await signIn(db, { username: 'x'.repeat(65), password: 'p' })).toMatchObject({ fieldErrors: { username: 'auth.error.usernameTooLong' } });
  });

  it('stops a password-guessing run', async () => {
    for (let i = 0; i < 10; i++) await signIn(db, { username: 'bank', password: `guess-${i}` });
    expect(await signIn(db, { username: 'bank', password: DEMO_PASSWORD })).toMatchObject({ ok: false, formError: 'auth.error.tooManyAttempts' });
  });
});

describe('sessions', () => {
  it('is valid until it expires, then reads as expired once and is gone', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: 'merchant' } });
    const now = new Date();
    const { token } = await createSession(db, user.id, now);
    const valid = await lookupSession(db, token, now);
    expect(valid.status).toBe('valid');
    if (valid.status === 'valid') expect(valid.user.scope).toEqual({ kind: 'merchant', cityId: user.cityId, merchantId: user.merchantId });
    const later = new Date(now.getTime() + SESSION_TTL_MS + 1);
    expect((await lookupSession(db, token, later)).status).toBe('expired');
    expect((await lookupSession(db, token, now)).status).toBe('none');
  });

  it('ends on sign-out and never accepts a made-up token', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: 'city' } });
    const { token } = await createSession(db, user.id);
    await deleteSession(db, token);
    expect((await lookupSession(db, token)).status).toBe('none');
    expect((await lookupSession(db, 'made-up')).status).toBe('none');
    expect((await lookupSession(db, undefined)).status).toBe('none');
  });

  it('stores only a hash of the token', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: 'city' } });
    const { token } = await createSession(db, user.id);
    expect(await db.session.count({ where: { tokenHash: token } })).toBe(0);
  });
});
