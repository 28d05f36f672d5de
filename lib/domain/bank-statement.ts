// The bank's daily statement (银行对账单): the CSV a programme's bank exports for one business day,
// one line per QR transaction it settled. Parsing is pure (bytes in, lines or errors out) so the
// upload action, the tests and the README describe one format. A file with any bad line is refused
// whole, with every error it has (up to a cap) by line number and column: a half-imported
// statement would reconcile against the wrong total.
//
// Format (also on the upload page and in the README):
//   UTF-8, with or without a byte-order mark; comma-separated, RFC 4180 quoting; CRLF or LF.
//   A header row naming exactly these columns, in any order:
//     bank_ref             the bank's transaction reference (Payment.bankRef), 1–64 of A–Z a–z 0–9 _ -
//     merchant_license_no  the merchant's 统一社会信用代码, 18 characters
//     business_day         YYYY-MM-DD; every line of a file carries the same day
//     kind                 captured | refunded | reversed (as Payment.status: a refund or a reversal is a
//                          transaction of its own, with its own reference and a positive amount)
//     amount_yuan          positive yuan with at most two decimals: 12, 12.3, 0.10 (no sign, no grouping)
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isDay } from './day-input.ts';

export const STATEMENT_COLUMNS = ['bank_ref', 'merchant_license_no', 'business_day', 'kind', 'amount_yuan'] as const;
export type StatementColumn = (typeof STATEMENT_COLUMNS)[number];
export const STATEMENT_KINDS = ['captured', 'refunded', 'reversed'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** A daily statement of a city's programme is a few hundred kB; the cap keeps a wrong file cheap to refuse. */
export const MAX_STATEMENT_BYTES = 8 * 1024 * 1024;
export const MAX_STATEMENT_LINES = 200_000;
/** More errors than this are counted, not listed: the first ones show what is wrong with the file. */
export const MAX_LISTED_ERRORS = 100;
/** 9 999 999.99 yuan: far above any one QR payment, and well inside a 32-bit fen column. */
export const MAX_AMOUNT_FEN = 999_999_999;

export type StatementErrorCode =
  | 'empty_file' | 'too_large' | 'not_utf8' | 'csv_syntax' | 'too_many_lines'
  | 'header_missing_column' | 'header_unknown_column' | 'header_duplicate_column' | 'no_lines'
  | 'field_count' | 'bank_ref' | 'duplicate_bank_ref' | 'merchant_license_no' | 'business_day' | 'other_business_day'
  | 'kind' | 'amount_format' | 'amount_decimals' | 'amount_sign' | 'amount_zero' | 'amount_too_large';

export interface StatementError {
  /** 1-based line of the file (the header is line 1); null for the file as a whole */
  line: number | null;
  column: StatementColumn | null;
  code: StatementErrorCode;
  /** what the message quotes: the offending value, the other line, the expected day */
  params?: Record<string, string | number>;
}

export interface StatementLine {
  lineNo: number;
  bankRef: string;
  licenseNo: string;
  businessDay: string;
  kind: StatementKind;
  amountFen: number;
}

export type ParsedStatement =
  | { ok: true; businessDay: string; lines: StatementLine[] }
  | { ok: false; errors: StatementError[]; errorCount: number };

/**
 * Yuan written as a decimal string → integer fen, or the reason it is refused. Done on the digits,
 * never through a float: "0.10" is 10 fen, "1.005" is refused rather than rounded.
 */
export function yuanToFen(text: string): { fen: number } | { error: Extract<StatementErrorCode, `amount_${string}`> } {
  if (/^[+-]/.test(text)) return { error: 'amount_sign' };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { error: 'amount_format' };
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return { error: 'amount_decimals' };
  if (whole.length > 1 && whole.startsWith('0')) return { error: 'amount_format' };
  if (whole.length > 7) return { error: 'amount_too_large' };
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (fen === 0) return { error: 'amount_zero' };
  if (fen > MAX_AMOUNT_FEN) return { error: 'amount_too_large' };
  return { fen };
}

// One zod schema for a line; each field's failure carries its own error code as the message.
const amountSchema = z.string().transform((text, ctx) => {
  const result = yuanToFen(text);
  if ('error' in result) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.fen;
});

export const statementLineSchema = z.object({
  bank_ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'bank_ref' }),
  merchant_license_no: z.string().regex(/^[0-9A-Z]{18}$/, { error: 'merchant_license_no' }),
  business_day: z.string().refine(isDay, { error: 'business_day' }),
  kind: z.enum(STATEMENT_KINDS, { error: 'kind' }),
  amount_yuan: amountSchema,
});

const FIELD_CODES = new Set<string>(['bank_ref', 'merchant_license_no', 'business_day', 'kind', 'amount_format', 'amount_decimals', 'amount_sign', 'amount_zero', 'amount_too_large']);

class Errors {
  readonly listed: StatementError[] = [];
  count = 0;
  add(error: StatementError) {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
  }
}

function failed(errors: Errors): ParsedStatement {
  return { ok: false, errors: errors.listed, errorCount: errors.count };
}

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function parseStatement(bytes: Uint8Array): ParsedStatement {
  const errors = new Errors();
  if (bytes.byteLength === 0) return failed((errors.add({ line: null, column: null, code: 'empty_file' }), errors));
  if (bytes.byteLength > MAX_STATEMENT_BYTES) {
    errors.add({ line: null, column: null, code: 'too_large', params: { limit: MAX_STATEMENT_BYTES / 1024 / 1024 } });
    return failed(errors);
  }
  // TextDecoder drops a leading BOM itself; a byte sequence that is not UTF-8 (a GBK export) is refused.
  const text = decode(bytes);
  if (text === null) return failed((errors.add({ line: null, column: null, code: 'not_utf8' }), errors));

  let records: CsvRecord[];
  try {
    // relax_column_count: a line with too few or too many fields is reported per line below,
    // instead of csv-parse stopping at the first one.
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as CsvRecord[];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : null;
    errors.add({ line, column: null, code: 'csv_syntax' });
    return failed(errors);
  }
  const [header, ...rows] = records;
  if (!header) return failed((errors.add({ line: null, column: null, code: 'empty_file' }), errors));
  if (rows.length > MAX_STATEMENT_LINES) {
    errors.add({ line: null, column: null, code: 'too_many_lines', params: { limit: MAX_STATEMENT_LINES } });
    return failed(errors);
  }

  const headerLine = header.info.lines;
  const names = header.record.map((name) => name.toLowerCase());
  const position = new Map<StatementColumn, number>();
  names.forEach((name, index) => {
    const column = STATEMENT_COLUMNS.find((known) => known === name);
    if (!column) errors.add({ line: headerLine, column: null, code: 'header_unknown_column', params: { value: header.record[index] ?? '' } });
    else if (position.has(column)) errors.add({ line: headerLine, column, code: 'header_duplicate_column' });
    else position.set(column, index);
  });
  for (const column of STATEMENT_COLUMNS) if (!position.has(column)) errors.add({ line: headerLine, column, code: 'header_missing_column' });
  if (errors.count > 0) return failed(errors);
  if (rows.length === 0) return failed((errors.add({ line: null, column: null, code: 'no_lines' }), errors));

  const lines: StatementLine[] = [];
  const firstLineOf = new Map<string, number>();
  let day: { value: string; line: number } | null = null;
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== names.length) {
      errors.add({ line, column: null, code: 'field_count', params: { found: record.length, expected: names.length } });
      continue;
    }
    const raw = Object.fromEntries(STATEMENT_COLUMNS.map((column) => [column, record[position.get(column) as number] ?? '']));
    const parsed = statementLineSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = STATEMENT_COLUMNS.find((known) => known === issue.path[0]) ?? null;
        const fallback: StatementErrorCode = column === null ? 'csv_syntax' : column === 'amount_yuan' ? 'amount_format' : column;
        const code = FIELD_CODES.has(issue.message) ? (issue.message as StatementErrorCode) : fallback;
        errors.add({ line, column, code, params: { value: column ? raw[column] ?? '' : '' } });
      }
      continue;
    }
    const value = parsed.data;
    const first = firstLineOf.get(value.bank_ref);
    if (first !== undefined) {
      errors.add({ line, column: 'bank_ref', code: 'duplicate_bank_ref', params: { value: value.bank_ref, first } });
      continue;
    }
    firstLineOf.set(value.bank_ref, line);
    // One file, one business day: the missing payments are those of that day.
    if (!day) day = { value: value.business_day, line };
    else if (value.business_day !== day.value) {
      errors.add({ line, column: 'business_day', code: 'other_business_day', params: { value: value.business_day, expected: day.value, first: day.line } });
      continue;
    }
    lines.push({ lineNo: line, bankRef: value.bank_ref, licenseNo: value.merchant_license_no, businessDay: value.business_day, kind: value.kind, amountFen: value.amount_yuan });
  }
  if (errors.count > 0 || !day) return failed(errors);
  return { ok: true, businessDay: day.value, lines };
}
