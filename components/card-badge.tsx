import type { Card } from '@/lib/domain/accuracy-score.ts';

/** A red or yellow card as a small card shape; "none" as a quiet dash-like badge. */
export function CardBadge({ card, label, testId = 'card-badge' }: { card: Card; label: string; testId?: string }) {
  const tones: Record<Card, string> = {
    red: 'bg-red-600 text-white',
    yellow: 'bg-yellow-300 text-yellow-950',
    none: 'bg-stone-100 text-stone-500',
  };
  return (
    <span className={`inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold ${tones[card]}`} data-testid={testId} data-card={card}>
      {card !== 'none' && <span className="inline-block h-3 w-2 rounded-[1px] border border-current" aria-hidden />}
      {label}
    </span>
  );
}
