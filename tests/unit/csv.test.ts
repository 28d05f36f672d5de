import { describe, expect, it } from 'vitest';
import { csvField, fenAsYuan, mgAsKg, ratioAsPercent, toCsv, UTF8_BOM } from '../../lib/domain/csv.ts';

describe('CSV fields', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('菜篮子鲜肉')).toBe('菜篮子鲜肉');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('-1.50')).toBe('-1.50'); // a plain decimal is a number to a spreadsheet
  });

  it('refuses a number that is not finite', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });
});

describe('CSV documents', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const text = toCsv(['名称', 'n'], [['甲', 1], ['乙,丙', null]]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe('名称,n\r\n甲,1\r\n"乙,丙",\r\n');
  });

  it('refuses a row that does not fit the header', () => {
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow(RangeError);
  });
});

describe('units as decimals', () => {
  it('writes fen as yuan exactly', () => {
    expect(fenAsYuan(0)).toBe('0.00');
    expect(fenAsYuan(5)).toBe('0.05');
    expect(fenAsYuan(123456)).toBe('1234.56');
    expect(fenAsYuan(-250)).toBe('-2.50');
    expect(fenAsYuan(9_007_199_254_740_993n)).toBe('90071992547409.93');
  });

  it('writes mg as kg exactly, with at least three decimals', () => {
    expect(mgAsKg(1_250_000)).toBe('1.250');
    expect(mgAsKg(1_234_567)).toBe('1.234567');
    expect(mgAsKg(1_234_500)).toBe('1.2345');
    expect(mgAsKg(0)).toBe('0.000');
    expect(mgAsKg(-5_000)).toBe('-0.005');
  });

  it('writes ratios as percentages with one decimal', () => {
    expect(ratioAsPercent(0.875)).toBe('87.5');
    expect(ratioAsPercent(1)).toBe('100.0');
    expect(ratioAsPercent(null)).toBe('');
  });
});
