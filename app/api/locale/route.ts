import { NextResponse } from 'next/server';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/index.ts';

const query = z.object({
  lang: z.enum(LOCALES),
  // only paths on this site, never an open redirect
  next: z.string().regex(/^\/(?![\/\\])[^\s\\]*$/).default('/'),
});

export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return NextResponse.json({ error: 'invalid_request' }, { status: 400 });
  // A relative Location: behind a proxy, or on 127.0.0.1 vs localhost, request.url's host may not
  // be the one the browser used, and the cookie would then be set for another host.
  const response = new NextResponse(null, { status: 303, headers: { location: parsed.data.next } });
  response.cookies.set(LOCALE_COOKIE, parsed.data.lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
  return response;
}
