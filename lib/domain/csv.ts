// CSV for spreadsheet users (RFC 4180: CRLF line ends, fields quoted when they must be), with a
// UTF-8 byte-order mark so Excel opens Chinese text correctly. Money and mass leave the platform's
// integer units as exact decimals in yuan and kg; the column headers say the unit.

export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | null;

// A cell that starts like a formula is run by a spreadsheet ("CSV injection"): names typed by
// people (shop names, notes) are prefixed with an apostrophe, which spreadsheets show as text. A
// plain decimal such as "-2.50" is a number to a spreadsheet, not a formula, and is left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a CSV number: ${value}`);
    return String(value);
  }
  const text = FORMULA_START.test(value) && !PLAIN_DECIMAL.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header line, one line per row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new RangeError(`a CSV row has ${row.length} fields, the header ${header.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** Exact decimal of an integer divided by 10^places, at least `minDecimals` decimals, trailing zeros beyond them trimmed. */
function scaledDecimal(value: number | bigint, places: number, minDecimals: number): string {
  const n = BigInt(value);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  const unit = 10n ** BigInt(places);
  const whole = abs / unit;
  let fraction = (abs % unit).toString().padStart(places, '0');
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** 12345 fen → "123.45" (yuan, always two decimals, no grouping). */
export function fenAsYuan(fen: number | bigint): string {
  return scaledDecimal(fen, 2, 2);
}

/** 1234500 mg → "1.2345" (kg, exact: at least three decimals, up to six). */
export function mgAsKg(mg: number | bigint): string {
  return scaledDecimal(mg, 6, 3);
}

/** A ratio as a percentage with one decimal, "87.5"; empty when there is none. */
export function ratioAsPercent(ratio: number | null): string {
  return ratio === null ? '' : (Math.round(ratio * 1000) / 10).toFixed(1);
}
