import type { ReactNode } from 'react';

export type BadgeTone = 'green' | 'amber' | 'red' | 'stone' | 'blue';

export function Badge({ tone, children, testId }: { tone: BadgeTone; children: ReactNode; testId?: string }) {
  const tones: Record<BadgeTone, string> = {
    green: 'bg-emerald-100 text-emerald-800',
    amber: 'bg-amber-100 text-amber-800',
    red: 'bg-red-100 text-red-800',
    stone: 'bg-stone-200 text-stone-700',
    blue: 'bg-sky-100 text-sky-800',
  };
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`} data-testid={testId}>{children}</span>;
}
