import { describe, expect, it } from 'vitest';
import { scaleListQuery } from '../../lib/domain/list-query.ts';

describe('scale register query', () => {
  it('reads page and status', () => {
    expect(scaleListQuery.parse({ page: '3', status: 'expiring' })).toEqual({ page: 3, status: 'expiring' });
    expect(scaleListQuery.parse({ page: ['2', '5'], status: ['expired'] })).toEqual({ page: 2, status: 'expired' });
  });

  it('falls back to page 1 and no filter', () => {
    expect(scaleListQuery.parse({})).toEqual({ page: 1, status: undefined });
    expect(scaleListQuery.parse({ page: 'x', status: 'retired' })).toEqual({ page: 1, status: undefined });
    expect(scaleListQuery.parse({ page: '0' }).page).toBe(1);
    expect(scaleListQuery.parse({ page: '1.5' }).page).toBe(1);
  });
});
