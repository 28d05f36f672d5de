import Link from 'next/link';

export interface PagerLink {
  label: string;
  /** null renders the label greyed out, not as a link */
  href: string | null;
  testId?: string;
}

/** Previous/next style paging links; plain anchors, no JavaScript needed. */
export function Pager({ links, summary, testId }: { links: PagerLink[]; summary?: string; testId?: string }) {
  return (
    <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label="pagination" data-testid={testId}>
      {summary && <span className="mr-2 text-stone-600" data-testid={testId ? `${testId}-summary` : undefined}>{summary}</span>}
      {links.map((link) =>
        link.href ? (
          <Link key={link.label} href={link.href} className="rounded border border-stone-300 bg-white px-3 py-1 hover:border-sun-500 hover:text-sun-700" data-testid={link.testId}>
            {link.label}
          </Link>
        ) : (
          <span key={link.label} className="rounded border border-stone-200 px-3 py-1 text-stone-400" aria-disabled="true">
            {link.label}
          </span>
        ),
      )}
    </nav>
  );
}
