import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { MessageKey } from '../i18n/index.ts';
import { verifyPassword } from './password.ts';
import { createSession } from './session.ts';
import { homeFor } from './roles.ts';
import { tooManyFailures, recordFailure, clearFailures } from './rate-limit.ts';

export const signInSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, { message: 'auth.error.usernameRequired' satisfies MessageKey })
    .max(64, { message: 'auth.error.usernameTooLong' satisfies MessageKey }),
  password: z
    .string()
    .min(1, { message: 'auth.error.passwordRequired' satisfies MessageKey })
    .max(200, { message: 'auth.error.passwordTooLong' satisfies MessageKey }),
});

export type SignInFields = 'username' | 'password';
export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; home: string }
  | { ok: false; fieldErrors: Partial<Record<SignInFields, MessageKey>>; formError?: MessageKey };

// A real scrypt verification against a throwaway hash, so an unknown user costs the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function signIn(db: Db, input: unknown): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<SignInFields, MessageKey>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'username' || field === 'password') && !fieldErrors[field]) fieldErrors[field] = issue.message as MessageKey;
    }
    return { ok: false, fieldErrors };
  }
  const { username, password } = parsed.data;
  if (tooManyFailures(username)) return { ok: false, fieldErrors: {}, formError: 'auth.error.tooManyAttempts' };
  const user = await db.user.findUnique({ where: { username } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabledAt) {
    recordFailure(username);
    await db.auditEvent.create({ data: { action: 'auth.sign_in_failed', userId: user?.id ?? null, detail: { username } } });
    return { ok: false, fieldErrors: {}, formError: 'auth.error.invalidCredentials' };
  }
  clearFailures(username);
  const session = await createSession(db, user.id);
  await db.auditEvent.create({ data: { action: 'auth.sign_in', userId: user.id } });
  return { ok: true, token: session.token, expiresAt: session.expiresAt, home: homeFor(user.role) };
}
