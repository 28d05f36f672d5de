import { describe, expect, it } from 'vitest';
import { alertListQuery, complaintListQuery, scaleListQuery } from '../../lib/domain/list-query.ts';

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

describe('online filter of the scale register', () => {
  it('reads 1 and 0, and ignores anything else', () => {
    expect(scaleListQuery.parse({ online: '1' }).online).toBe(true);
    expect(scaleListQuery.parse({ online: '0' }).online).toBe(false);
    expect(scaleListQuery.parse({ online: 'yes' }).online).toBeUndefined();
    expect(scaleListQuery.parse({}).online).toBeUndefined();
  });
});

describe('alert and complaint list queries', () => {
  it('default to what the overview counts: open ones', () => {
    expect(alertListQuery.parse({})).toEqual({ page: 1, status: 'open', severity: undefined });
    expect(complaintListQuery.parse({})).toEqual({ page: 1, status: 'open' });
  });

  it('read filters and fall back on tampered values', () => {
    expect(alertListQuery.parse({ status: 'all', severity: 'critical', page: '2' })).toEqual({ page: 2, status: 'all', severity: 'critical' });
    expect(alertListQuery.parse({ status: 'gone', severity: 'loud' })).toEqual({ page: 1, status: 'open', severity: undefined });
    expect(complaintListQuery.parse({ status: 'upheld' }).status).toBe('upheld');
    expect(complaintListQuery.parse({ status: ['dismissed', 'x'] }).status).toBe('dismissed');
    expect(complaintListQuery.parse({ status: 'lost' }).status).toBe('open');
  });
});
