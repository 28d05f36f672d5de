import { describe, expect, it } from 'vitest';
import { DEFAULT_PERIOD, merchantRankingQuery, rankingSearch, scaleRankingQuery } from '../../lib/domain/ranking-query.ts';

describe('ranking query', () => {
  it('reads filters, pages and periods', () => {
    expect(merchantRankingQuery.parse({ page: '3', period: '30', district: '2', market: '5', card: 'red' }))
      .toEqual({ page: 3, period: 30, district: 2, market: 5, card: 'red' });
    expect(scaleRankingQuery.parse({ status: 'expired', sort: 'alerts', period: '90' }))
      .toEqual({ page: 1, period: 90, district: undefined, market: undefined, status: 'expired', sort: 'alerts' });
  });

  it('reads tampered values as the default, so a link still opens', () => {
    expect(merchantRankingQuery.parse({ page: '-1', period: '7', district: 'x', market: '0', card: 'green' }))
      .toEqual({ page: 1, period: DEFAULT_PERIOD, district: undefined, market: undefined, card: undefined });
    expect(scaleRankingQuery.parse({ status: 'retired', sort: 'name' })).toMatchObject({ status: undefined, sort: 'pass_rate' });
    expect(merchantRankingQuery.parse({ page: ['2', '5'] }).page).toBe(2);
  });

  it('writes the same filter as the same query string, defaults left out', () => {
    expect(rankingSearch({ page: 1, period: DEFAULT_PERIOD })).toBe('');
    expect(rankingSearch({ card: 'red', page: 2, period: 30, market: undefined })).toBe('?card=red&page=2&period=30');
    expect(rankingSearch({ period: 30, card: 'red', page: 2 })).toBe(rankingSearch({ card: 'red', page: 2, period: 30 }));
    const parsed = merchantRankingQuery.parse(Object.fromEntries(new URLSearchParams('card=yellow&district=3&page=4')));
    expect(rankingSearch(parsed)).toBe('?card=yellow&district=3&page=4');
  });
});
