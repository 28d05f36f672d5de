// The edge helper for CSV downloads, the sibling of apiRoute (lib/http/api.ts): parse → authorize
// → call lib → respond with a file. Same answers for the same failures: 401 without a session, 403
// for another persona, 400 for a query the schema refuses. Scoping happens in the query layer, so a
// filter outside the user's scope gives a file with the header and no rows.
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { currentSession } from '../auth/current.ts';
import { personaOf, type Persona } from '../auth/roles.ts';
import type { SessionUser } from '../auth/session.ts';
import { fieldErrors, json } from './api.ts';

export interface CsvFile {
  /** ASCII file name, e.g. "merchant-ranking-2026-11-29.csv" */
  filename: string;
  body: string;
}

interface Handler<P> {
  personas: Persona[];
  params: z.ZodType<P>;
  run: (user: SessionUser, params: P) => Promise<CsvFile>;
}

export function csvResponse(file: CsvFile): NextResponse {
  if (!/^[\w.-]+\.csv$/.test(file.filename)) throw new RangeError(`not a safe CSV file name: ${file.filename}`);
  return new NextResponse(file.body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** An XLSX download (the reconciliation report); same naming rule as a CSV. */
export interface XlsxFile {
  filename: string;
  body: Uint8Array;
}

export function xlsxResponse(file: XlsxFile): NextResponse {
  if (!/^[\w.-]+\.xlsx$/.test(file.filename)) throw new RangeError(`not a safe XLSX file name: ${file.filename}`);
  return new NextResponse(Buffer.from(file.body), {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

function fileRoute<P>(personas: Persona[], params: z.ZodType<P>, respond: (user: SessionUser, params: P) => Promise<Response>) {
  return async (request: Request) => {
    const session = await currentSession();
    if (session.status !== 'valid') return json({ error: session.status === 'expired' ? 'session_expired' : 'unauthenticated' }, 401);
    if (!personas.includes(personaOf(session.user.role))) return json({ error: 'forbidden' }, 403);
    const parsed = params.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
    return respond(session.user, parsed.data);
  };
}

export function csvRoute<P>(handler: Handler<P>) {
  return fileRoute(handler.personas, handler.params, async (user, params) => csvResponse(await handler.run(user, params)));
}

/** A download in one of several formats; `run` answers null for a thing outside the user's scope (404). */
export function downloadRoute<P>(handler: {
  personas: Persona[];
  params: z.ZodType<P>;
  run: (user: SessionUser, params: P) => Promise<({ kind: 'csv' } & CsvFile) | ({ kind: 'xlsx' } & XlsxFile) | null>;
}) {
  return fileRoute(handler.personas, handler.params, async (user, params) => {
    const file = await handler.run(user, params);
    if (!file) return json({ error: 'not_found' }, 404);
    return file.kind === 'csv' ? csvResponse(file) : xlsxResponse(file);
  });
}
