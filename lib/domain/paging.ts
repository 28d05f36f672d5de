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
