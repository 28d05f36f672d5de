// Small presentational pieces of the protocol page.
import type { ReactNode } from 'react';

/** Text from the catalogue with `backticked` tokens shown as code. */
export function Rich({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="rounded bg-stone-100 px-1 py-0.5 font-mono text-[0.9em] text-stone-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A block of code or output: never wraps, scrolls sideways on a narrow screen. */
export function CodeBlock({ children, testId, label }: { children: string; testId?: string; label?: string }) {
  return (
    <pre
      className="overflow-x-auto rounded-lg bg-stone-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-stone-100 sm:text-sm"
      data-testid={testId}
      aria-label={label}
      tabIndex={0}
    >
      <code>{children}</code>
    </pre>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 space-y-3">
      <h2 id={`${id}-title`} className="border-b border-stone-200 pb-1 text-lg font-semibold text-stone-900 sm:text-xl">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Terms and their meanings: stacked on a phone, two columns from `sm` up. */
export function TermList({ head, items, testId }: { head: [string, string]; items: { term: string; text: string }[]; testId?: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm" data-testid={testId}>
      <div className="hidden bg-stone-100 px-3 py-2 text-sm font-medium text-stone-600 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-4">
        <span>{head[0]}</span>
        <span>{head[1]}</span>
      </div>
      <dl className="divide-y divide-stone-100">
        {items.map((item) => (
          <div key={item.term} className="grid gap-1 px-3 py-2 text-sm sm:grid-cols-[14rem_1fr] sm:gap-4">
            <dt>
              <code className="font-mono font-semibold text-stone-900 [overflow-wrap:anywhere]">{item.term}</code>
            </dt>
            <dd className="text-stone-700">
              <Rich text={item.text} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
