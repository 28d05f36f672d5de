import { describe, expect, it } from 'vitest';
import { MAX_INT_ID, parseRecordId } from '../../lib/domain/record-id.ts';

describe('record ids in URLs', () => {
  it('accepts positive decimal integers that fit an int column', () => {
    expect(parseRecordId('1')).toBe(1);
    expect(parseRecordId('42')).toBe(42);
    expect(parseRecordId(String(MAX_INT_ID))).toBe(MAX_INT_ID);
  });

  it('refuses everything else', () => {
    for (const value of ['0', '-1', '01', '1.5', '1e3', ' 1', 'abc', '', '2147483648', '99999999999', undefined, 7, ['1']]) {
      expect(parseRecordId(value), String(value)).toBeNull();
    }
  });
});
