// COPY … FROM STDIN in PostgreSQL's text format: the fastest way to load hundreds of thousands of
// rows from node (about 10× a multi-row INSERT). Each table supplies a function that renders one
// row as a line; the helpers below render the values.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const CHUNK_CHARS = 1 << 20;

export const NULL = '\\N';

/** Text with COPY's escapes for backslash, tab and line breaks. */
export function text(value: string | null): string {
  if (value === null) return NULL;
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'))
    : value;
}

/** An instant for a timestamptz column, as ISO 8601 in UTC. */
export function timestamp(epochMs: number | null): string {
  return epochMs === null ? NULL : new Date(epochMs).toISOString();
}

export function int(value: number | null): string {
  return value === null ? NULL : String(value);
}

export function bool(value: boolean): string {
  return value ? 't' : 'f';
}

export function json(value: unknown): string {
  return value === null || value === undefined ? NULL : text(JSON.stringify(value));
}

/** A bytea in hex form (`\\x…`), its backslash escaped for COPY. */
export function bytea(value: Uint8Array | null): string {
  return value === null ? NULL : `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/** A text[] literal; elements are plain codes (findings), quoted anyway. */
export function textArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return text(`{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

export async function copyRows<T>(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<T>,
  line: (row: T) => string,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`));
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const row of rows) {
      buffer += `${line(row)}\n`;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), stream);
  return stream.rowCount;
}
