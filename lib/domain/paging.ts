// Offset paging for lists: a requested page is clamped into the pages that exist.

export interface PageWindow {
  page: number;
  pages: number;
  skip: number;
  take: number;
}

export function pageWindow(total: number, requested: number, size: number): PageWindow {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`not a page size: ${size}`);
  const pages = Math.max(1, Math.ceil(Math.max(0, total) / size));
  const page = Math.min(pages, Math.max(1, Number.isInteger(requested) ? requested : 1));
  return { page, pages, skip: (page - 1) * size, take: size };
}

/** One page of a list already held in memory (ranked or judged in code), with what the pager needs. */
export interface ListPage<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

export function pageOf<T>(rows: readonly T[], requested: number, size: number): ListPage<T> {
  const window = pageWindow(rows.length, requested, size);
  return { rows: rows.slice(window.skip, window.skip + window.take), total: rows.length, page: window.page, pages: window.pages, pageSize: size };
}
