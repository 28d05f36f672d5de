// The signed-in user for pages, server actions and route handlers (reads the session cookie).
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { db } from '../db/client.ts';
import { lookupSession, SESSION_COOKIE, type SessionLookup, type SessionUser } from './session.ts';
import { personaOf, type Persona } from './roles.ts';

export async function currentSession(): Promise<SessionLookup> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return lookupSession(db(), token);
}

/** For pages: signs the visitor in first, and refuses (403) a user of another persona. */
export async function requirePersona(persona: Persona): Promise<SessionUser> {
  const session = await currentSession();
  if (session.status === 'expired') redirect('/login?reason=expired');
  if (session.status === 'none') redirect('/login');
  if (personaOf(session.user.role) !== persona) forbidden();
  return session.user;
}
