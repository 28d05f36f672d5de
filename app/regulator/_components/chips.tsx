import Link from 'next/link';

/** A row of filter links, the current one filled (the scale register's style). */
export function Chips({ label, items, testId }: { label: string; items: { href: string; text: string; active: boolean; testId?: string }[]; testId?: string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2" data-testid={testId}>
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? 'page' : undefined}
          className={`rounded-full border px-3 py-1 text-sm ${item.active ? 'border-sun-600 bg-sun-600 text-white' : 'border-stone-300 bg-white hover:border-sun-400'}`}
          data-testid={item.testId}
        >
          {item.text}
        </Link>
      ))}
    </nav>
  );
}
