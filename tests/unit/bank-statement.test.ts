// The bank's statement file: what is accepted, what is refused, and where each refusal points.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_FEN, MAX_LISTED_ERRORS, parseStatement, yuanToFen, type ParsedStatement } from '../../lib/domain/bank-statement.ts';
import { fenAsYuan } from '../../lib/domain/csv.ts';

const HEADER = 'bank_ref,merchant_license_no,business_day,kind,amount_yuan';
const LICENSE = '92430408MA4L00001X';
const OTHER = '92430408MA4L00002Y';
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseStatement(bytes(text));

function errorsOf(parsed: ParsedStatement) {
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.errors.map(({ line, column, code }) => ({ line, column, code }));
}

describe('amounts in yuan become integer fen without floats', () => {
  it.each([
    ['0.10', 10], ['12', 1200], ['12.3', 1230], ['12.30', 1230], ['0.01', 1], ['1234.56', 123456], ['0.29', 29], ['1.15', 115], ['9999999.99', 999_999_999],
  ])('%s yuan is %i fen', (text, fen) => {
    expect(yuanToFen(text)).toEqual({ fen });
  });

  it.each([
    ['-1', 'amount_sign'], ['+1', 'amount_sign'], ['1.005', 'amount_decimals'], ['0.125', 'amount_decimals'], ['0', 'amount_zero'], ['0.00', 'amount_zero'],
    ['1,000.00', 'amount_format'], ['1e3', 'amount_format'], ['', 'amount_format'], ['.5', 'amount_format'], ['5.', 'amount_format'], ['01.00', 'amount_format'],
    ['¥12', 'amount_format'], ['10000000', 'amount_too_large'], ['123456789012345678901', 'amount_too_large'],
  ])('%s is refused as %s', (text, error) => {
    expect(yuanToFen(text)).toEqual({ error });
  });

  it('reads back every amount the platform writes (fenAsYuan), to the fen', () => {
    // every fen up to 100 yuan, then a stride through the rest of the range up to the cap
    for (let fen = 1; fen <= 10_000; fen++) expect(yuanToFen(fenAsYuan(fen))).toEqual({ fen });
    for (let fen = 10_007; fen <= MAX_AMOUNT_FEN; fen += 99_991) expect(yuanToFen(fenAsYuan(fen))).toEqual({ fen });
    expect(yuanToFen(fenAsYuan(MAX_AMOUNT_FEN))).toEqual({ fen: MAX_AMOUNT_FEN });
  });
});

describe('a good statement', () => {
  const good = [HEADER, `CCB0001,${LICENSE},2026-12-01,captured,12.30`, '', `CCB0002,${OTHER},2026-12-01,refunded,0.10`].join('\r\n') + '\r\n';

  it('gives its lines with their file line numbers, day and fen', () => {
    expect(parse(good)).toEqual({
      ok: true,
      businessDay: '2026-12-01',
      lines: [
        { lineNo: 2, bankRef: 'CCB0001', licenseNo: LICENSE, businessDay: '2026-12-01', kind: 'captured', amountFen: 1230 },
        { lineNo: 4, bankRef: 'CCB0002', licenseNo: OTHER, businessDay: '2026-12-01', kind: 'refunded', amountFen: 10 },
      ],
    });
  });

  it('reads the same with a byte-order mark, LF line ends, quoted fields and columns in another order', () => {
    const withBom = parse(`\uFEFF${good}`);
    expect(withBom).toEqual(parse(good));
    const reordered = ['amount_yuan,kind,business_day,merchant_license_no,bank_ref', `"12.30",captured,2026-12-01,${LICENSE},"CCB0001"`].join('\n');
    const parsed = parse(reordered);
    expect(parsed.ok && parsed.lines).toEqual([{ lineNo: 2, bankRef: 'CCB0001', licenseNo: LICENSE, businessDay: '2026-12-01', kind: 'captured', amountFen: 1230 }]);
  });

  it('accepts upper-case header names and spaces around fields', () => {
    const parsed = parse(`${HEADER.toUpperCase()}\n CCB0001 , ${LICENSE} ,2026-12-01, captured , 5 \n`);
    expect(parsed.ok && parsed.lines[0]?.amountFen).toBe(500);
  });
});

describe('a bad statement is refused whole, each error by line and column', () => {
  it('names every bad field of every line', () => {
    const text = [
      HEADER,
      `CCB0001,${LICENSE},2026-12-01,captured,12.30`,
      `CCB 2,${LICENSE},2026-12-01,captured,1`,
      `CCB0003,1234,2026-12-01,captured,1`,
      `CCB0004,${LICENSE},2026-02-30,captured,1`,
      `CCB0005,${LICENSE},2026-12-01,void,1`,
      `CCB0006,${LICENSE},2026-12-01,captured,-1`,
      `CCB0007,${LICENSE},2026-12-01,captured,1.005`,
      `CCB0008,${LICENSE},2026-12-01,captured`,
      `CCB0001,${LICENSE},2026-12-01,captured,3`,
      `CCB0010,${LICENSE},2026-12-02,captured,3`,
      `CCB0011,${LICENSE},2026-12-01,captured,0`,
    ].join('\r\n');
    expect(errorsOf(parse(text))).toEqual([
      { line: 3, column: 'bank_ref', code: 'bank_ref' },
      { line: 4, column: 'merchant_license_no', code: 'merchant_license_no' },
      { line: 5, column: 'business_day', code: 'business_day' },
      { line: 6, column: 'kind', code: 'kind' },
      { line: 7, column: 'amount_yuan', code: 'amount_sign' },
      { line: 8, column: 'amount_yuan', code: 'amount_decimals' },
      { line: 9, column: null, code: 'field_count' },
      { line: 10, column: 'bank_ref', code: 'duplicate_bank_ref' },
      { line: 11, column: 'business_day', code: 'other_business_day' },
      { line: 12, column: 'amount_yuan', code: 'amount_zero' },
    ]);
  });

  it('says which line a duplicate repeats and which day the file is for', () => {
    const parsed = parse([HEADER, `A1,${LICENSE},2026-12-01,captured,1`, `A1,${LICENSE},2026-12-01,captured,2`, `A2,${LICENSE},2026-12-03,captured,2`].join('\n'));
    expect(!parsed.ok && parsed.errors).toEqual([
      { line: 3, column: 'bank_ref', code: 'duplicate_bank_ref', params: { value: 'A1', first: 2 } },
      { line: 4, column: 'business_day', code: 'other_business_day', params: { value: '2026-12-03', expected: '2026-12-01', first: 2 } },
    ]);
  });

  it('checks the header: missing, unknown and repeated columns', () => {
    expect(errorsOf(parse('bank_ref,merchant_license_no,business_day,amount_fen,kind,kind\nA1,x,y,z,w,v'))).toEqual([
      { line: 1, column: null, code: 'header_unknown_column' },
      { line: 1, column: 'kind', code: 'header_duplicate_column' },
      { line: 1, column: 'amount_yuan', code: 'header_missing_column' },
    ]);
  });

  it('refuses an empty file, a header alone, a file that is not UTF-8 and broken quoting', () => {
    expect(errorsOf(parseStatement(new Uint8Array()))).toEqual([{ line: null, column: null, code: 'empty_file' }]);
    expect(errorsOf(parse('\uFEFF\r\n'))).toEqual([{ line: null, column: null, code: 'empty_file' }]);
    expect(errorsOf(parse(`${HEADER}\r\n`))).toEqual([{ line: null, column: null, code: 'no_lines' }]);
    // "商户" in GBK, as a spreadsheet saving in the legacy Chinese code page would write it
    const gbk = new Uint8Array([...bytes(`${HEADER}\nA1,`), 0xc9, 0xcc, 0xbb, 0xa7, ...bytes(',2026-12-01,captured,1\n')]);
    expect(errorsOf(parseStatement(gbk))).toEqual([{ line: null, column: null, code: 'not_utf8' }]);
    expect(errorsOf(parse(`${HEADER}\nA1,${LICENSE},2026-12-01,captured,1\nA2,"${LICENSE},2026-12-01,captured,1\n`))).toEqual([{ line: 3, column: null, code: 'csv_syntax' }]);
  });

  it('lists at most the first hundred errors and counts them all', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `A${i},${LICENSE},2026-12-01,captured,-1`);
    const parsed = parse([HEADER, ...lines].join('\n'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(parsed.errorCount).toBe(150);
    expect(parsed.errors[99]?.line).toBe(101);
  });
});
