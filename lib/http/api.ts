// The one edge helper for JSON route handlers: parse → authorize → call lib → respond.
import { createHash } from 'node:crypto';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { currentSession } from '../auth/current.ts';
import { personaOf, type Persona } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session.ts';
import { NotFoundError } from './errors.ts';

type Json = Record<string, unknown> | unknown[];

function serialize(body: Json): string {
  // bigint (row ids, sums) is sent as a decimal string: JSON has no 64-bit integers.
  return JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

export function json(body: Json, status = 200): NextResponse {
  return new NextResponse(serialize(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** A strong validator of a body: the same bytes, the same tag. */
function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** The ETag `jsonWithEtag` gives this body: a page that renders the data can hand it to its poller. */
export function etagOfJson(body: Json): string {
  return etagOf(serialize(body));
}

function ifNoneMatch(request: Request, tag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === tag);
}

/**
 * For a resource that is polled: the body with its ETag, or 304 with no body when the caller
 * already holds it. `no-cache` (not `no-store`): the answer may be kept, but must be revalidated.
 */
export function jsonWithEtag(request: Request, body: Json): NextResponse {
  const text = serialize(body);
  const tag = etagOf(text);
  const headers = { etag: tag, 'cache-control': 'private, no-cache' };
  if (ifNoneMatch(request, tag)) return new NextResponse(null, { status: 304, headers });
  return new NextResponse(text, { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
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
  /** answer with an ETag, and 304 to a caller that sends it back (for polled resources) */
  etag?: boolean;
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
      const body = await handler.run(session.user, params, request);
      return handler.etag ? jsonWithEtag(request, body) : json(body);
    } catch (error) {
      if (error instanceof NotFoundError) return json({ error: 'not_found' }, 404);
      throw error;
    }
  };
}
