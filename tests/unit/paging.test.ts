import { describe, expect, it } from 'vitest';
import { pageOf, pageWindow } from '../../lib/domain/paging.ts';

describe('page window', () => {
  it('skips whole pages', () => {
    expect(pageWindow(120, 2, 50)).toEqual({ page: 2, pages: 3, skip: 50, take: 50 });
    expect(pageWindow(100, 2, 50)).toEqual({ page: 2, pages: 2, skip: 50, take: 50 });
  });

  it('clamps a page out of range', () => {
    expect(pageWindow(120, 9, 50).page).toBe(3);
    expect(pageWindow(120, 0, 50).page).toBe(1);
    expect(pageWindow(120, 1.5, 50).page).toBe(1);
  });

  it('has one (empty) page when nothing matches', () => {
    expect(pageWindow(0, 4, 50)).toEqual({ page: 1, pages: 1, skip: 0, take: 50 });
  });

  it('refuses a nonsense page size', () => {
    expect(() => pageWindow(10, 1, 0)).toThrow(RangeError);
  });
});

describe('page of an in-memory list', () => {
  const rows = Array.from({ length: 120 }, (_, index) => index);

  it('slices the requested page and says where it is', () => {
    expect(pageOf(rows, 3, 50)).toEqual({ rows: rows.slice(100), total: 120, page: 3, pages: 3, pageSize: 50 });
  });

  it('clamps a page out of range to the last one', () => {
    const last = pageOf(rows, 9, 50);
    expect(last.page).toBe(3);
    expect(last.rows[0]).toBe(100);
  });

  it('has one empty page for an empty list', () => {
    expect(pageOf([], 2, 50)).toEqual({ rows: [], total: 0, page: 1, pages: 1, pageSize: 50 });
  });
});
