import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Label–value pairs, e.g. the data plate of an instrument. */
export function FactList({ facts, title, testId }: { facts: Fact[]; title?: string; testId?: string }) {
  return (
    <section className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid={testId}>
      {title && <h2 className="mb-3 font-semibold">{title}</h2>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        {facts.map((fact) => (
          <div key={fact.label} className="flex flex-col">
            <dt className="text-stone-500">{fact.label}</dt>
            <dd className="font-medium tabular-nums" data-testid={fact.testId}>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
