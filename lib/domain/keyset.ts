// Keyset paging over rows ordered newest first by (time, id): a cursor names the row a page starts
// after, so a page costs the same at row 50 and at row 50 000 (no OFFSET scan).
import { z } from 'zod';

export interface Cursor {
  atMs: number;
  id: bigint;
}

export function encodeCursor(at: Date, id: bigint | number): string {
  return `${at.getTime()}_${BigInt(id)}`;
}

const CURSOR = /^(\d{1,15})_(\d{1,19})$/;

export function decodeCursor(value: string): Cursor | null {
  const match = CURSOR.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const atMs = Number(match[1]);
  const id = BigInt(match[2]);
  if (!Number.isSafeInteger(atMs) || id > 9_223_372_036_854_775_807n) return null;
  return { atMs, id };
}

const cursorText = z.string().refine((value) => decodeCursor(value) !== null, { message: 'not a cursor' });
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : Array.isArray(value) ? value[0] : value);

/** `?before=` pages to older rows, `?after=` to newer ones; at most one of them. */
export const keysetQuerySchema = z
  .object({
    before: z.preprocess(blank, cursorText.optional()),
    after: z.preprocess(blank, cursorText.optional()),
  })
  .refine((query) => !(query.before && query.after), { message: 'before and after are exclusive', path: ['after'] });

export type KeysetQuery = z.infer<typeof keysetQuerySchema>;

/** From a page fetched with one extra row, the rows to show and whether more lie beyond. */
export function trimPage<T>(rows: T[], pageSize: number): { rows: T[]; more: boolean } {
  return rows.length > pageSize ? { rows: rows.slice(0, pageSize), more: true } : { rows, more: false };
}
