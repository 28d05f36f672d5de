import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetQuerySchema, trimPage } from '../../lib/domain/keyset.ts';

describe('keyset cursors', () => {
  it('round-trips time and id', () => {
    const cursor = encodeCursor(new Date('2026-11-28T02:03:04.005Z'), 123456789012n);
    expect(cursor).toBe('1795831384005_123456789012');
    expect(decodeCursor(cursor)).toEqual({ atMs: 1795831384005, id: 123456789012n });
  });

  it('rejects anything else', () => {
    for (const bad of ['', '1_', '_1', 'a_1', '1-1', '1_1_1', `1_${'9'.repeat(20)}`, '1_9223372036854775808']) expect(decodeCursor(bad), bad).toBeNull();
    expect(keysetQuerySchema.safeParse({ before: 'x' }).success).toBe(false);
    expect(keysetQuerySchema.safeParse({ before: '1_1', after: '2_2' }).success).toBe(false);
    expect(keysetQuerySchema.parse({ before: '', after: '5_6' })).toEqual({ after: '5_6' });
  });

  it('trims the look-ahead row', () => {
    expect(trimPage([1, 2, 3], 2)).toEqual({ rows: [1, 2], more: true });
    expect(trimPage([1, 2], 2)).toEqual({ rows: [1, 2], more: false });
  });
});
