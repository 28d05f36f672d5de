// Small presentational pieces of the protocol page.
import type { ReactNode } from 'react';
import { LocaleSwitch } from '@/components/locale-switch.tsx';

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

/** The frame of a public documentation page (/protocol, /bank-api): header with the language
 *  switch, heading, introduction, links to the machine-readable twins, and the table of contents. */
export function DocPage({ appName, title, heading, intro, links, tocLabel, sections, children }: {
  appName: string;
  title: string;
  heading: string;
  intro: string;
  links: ReactNode;
  tocLabel: string;
  sections: { id: string; title: string }[];
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="bg-sun-600 text-white shadow">
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-3 px-4 py-3">
          <p className="text-base font-bold sm:text-lg">
            ☀ {appName} <span className="ml-1 text-sm font-normal opacity-90">{title}</span>
          </p>
          <LocaleSwitch />
        </div>
      </header>

      <main className="mx-auto max-w-4xl space-y-8 px-4 py-6">
        <div className="space-y-3">
          <h1 className="text-2xl font-bold text-stone-900">{heading}</h1>
          <p className="text-stone-700">{intro}</p>
          <p className="flex flex-wrap gap-x-6 gap-y-1">{links}</p>
          <nav aria-label={tocLabel} className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm shadow-sm">
            <p className="mb-1 font-semibold text-stone-600">{tocLabel}</p>
            <ol className="grid list-decimal gap-x-6 gap-y-1 pl-5 sm:grid-cols-2">
              {sections.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`} className="text-sun-700 hover:underline">
                    {section.title}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        </div>
        {children}
      </main>
    </div>
  );
}

/** A link to another document, styled as on the documentation pages. */
export function DocLink({ href, testId, children }: { href: string; testId?: string; children: ReactNode }) {
  return (
    <a href={href} className="font-medium text-sun-700 underline underline-offset-2 hover:text-sun-600" data-testid={testId}>
      {children}
    </a>
  );
}
