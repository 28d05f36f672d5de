'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db/client.ts';
import { signIn, type SignInFields } from '@/lib/auth/sign-in.ts';
import { deleteSession, SESSION_COOKIE } from '@/lib/auth/session.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export interface SignInState {
  username: string;
  fieldErrors: Partial<Record<SignInFields, MessageKey>>;
  formError?: MessageKey;
}

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = text(form.get('username'));
  const result = await signIn(db(), { username, password: text(form.get('password')) });
  if (!result.ok) return { username, fieldErrors: result.fieldErrors, formError: result.formError };
  (await cookies()).set(SESSION_COOKIE, result.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.COOKIE_SECURE === '1',
    path: '/',
    expires: result.expiresAt,
  });
  redirect(result.home);
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(db(), token);
  jar.delete(SESSION_COOKIE);
  redirect('/login?reason=signed-out');
}
