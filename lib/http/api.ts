// The one edge helper for JSON route handlers: parse → authorize → call lib → respond.
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { currentSession } from '../auth/current.ts';
import { personaOf, type Persona } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session.ts';
import { NotFoundError } from './errors.ts';

type Json = Record<string, unknown> | unknown[];

export function json(body: Json, status = 200): NextResponse {
  // bigint (row ids, sums) is sent as a decimal string: JSON has no 64-bit integers.
  return new NextResponse(JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

interface Handler<P> {
  personas: Persona[];
  params?: z.ZodType<P>;
  run: (user: SessionUser, params: P, request: Request) => Promise<Json>;
}

/** Wraps a handler for a route with dynamic segments (`ctx.params`) and/or search params. */
export function apiRoute<P>(handler: Handler<P>) {
  return async (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const session = await currentSession();
    if (session.status !== 'valid') return json({ error: session.status === 'expired' ? 'session_expired' : 'unauthenticated' }, 401);
    if (!handler.personas.includes(personaOf(session.user.role))) return json({ error: 'forbidden' }, 403);
    const raw = { ...Object.fromEntries(new URL(request.url).searchParams), ...(await ctx.params) };
    let params = raw as P;
    if (handler.params) {
      const parsed = handler.params.safeParse(raw);
      if (!parsed.success) return json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
      params = parsed.data;
    }
    try {
      return json(await handler.run(session.user, params, request));
    } catch (error) {
      if (error instanceof NotFoundError) return json({ error: 'not_found' }, 404);
      throw error;
    }
  };
}
