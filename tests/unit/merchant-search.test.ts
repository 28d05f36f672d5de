import { describe, expect, it } from 'vitest';
import { literalLike, MERCHANT_SEARCH_MAX, merchantSearchQuery } from '../../lib/domain/merchant-search.ts';

describe('the bank’s merchant search query', () => {
  it('keeps the words as typed, trimmed and cut to the maximum', () => {
    expect(merchantSearchQuery.parse({ q: '  张记 蔬菜 ' }).q).toBe('张记 蔬菜');
    expect(merchantSearchQuery.parse({ q: 'x'.repeat(100) }).q).toHaveLength(MERCHANT_SEARCH_MAX);
    expect(merchantSearchQuery.parse({ q: ['first', 'second'] }).q).toBe('first');
  });
  it('reads a tampered market or page as none or the first', () => {
    expect(merchantSearchQuery.parse({ market: '12', page: '3' })).toMatchObject({ market: 12, page: 3 });
    expect(merchantSearchQuery.parse({ market: 'x', page: '-1' })).toMatchObject({ market: undefined, page: 1 });
    expect(merchantSearchQuery.parse({ market: '0' }).market).toBeUndefined();
  });
  it('escapes LIKE’s own characters', () => {
    expect(literalLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(literalLike('张记')).toBe('张记');
  });
});
