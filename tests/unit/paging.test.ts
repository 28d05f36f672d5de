import { describe, expect, it } from 'vitest';
import { pageWindow } from '../../lib/domain/paging.ts';

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
