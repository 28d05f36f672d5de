// The accuracy score over time as a small SVG line with one dot per point, coloured by the card
// the score had then; dependency-free and readable without JavaScript, like bar-chart.tsx.
import type { Card } from '@/lib/domain/accuracy-score.ts';

export interface ScorePointDatum {
  label: string;
  /** null: no evidence in that window (a gap in the line) */
  score: number | null;
  card: Card;
  title: string;
}

const DOT: Record<Card, string> = { red: 'fill-red-600', yellow: 'fill-yellow-400', none: 'fill-emerald-600' };

export function ScoreChart({ data, label, height = 200, testId }: { data: ScorePointDatum[]; label: string; height?: number; testId?: string }) {
  const width = 1000;
  const pad = { top: 12, right: 16, bottom: 24, left: 40 };
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const x = (i: number) => pad.left + (data.length <= 1 ? inner.w / 2 : (i * inner.w) / (data.length - 1));
  const y = (score: number) => pad.top + inner.h - (score / 100) * inner.h;
  // the line breaks where a window had no score
  const segments: string[] = [];
  let current = '';
  data.forEach((d, i) => {
    if (d.score === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(d.score).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">{label}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full" data-testid={testId}>
        {[0, 60, 80, 100].map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} className={tick === 60 ? 'stroke-red-200' : tick === 80 ? 'stroke-yellow-300' : 'stroke-stone-200'} strokeDasharray={tick === 60 || tick === 80 ? '6 4' : undefined} />
            <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={13} className="fill-stone-500">{tick}</text>
          </g>
        ))}
        {segments.map((d) => <path key={d} d={d} className="fill-none stroke-sun-600" strokeWidth={2.5} />)}
        {data.map((d, i) => (
          <g key={`${i}-${d.label}`}>
            {d.score !== null && (
              <circle cx={x(i)} cy={y(d.score)} r={6} className={DOT[d.card]} data-score={d.score}>
                <title>{d.title}</title>
              </circle>
            )}
            <text x={x(i)} y={height - 6} textAnchor="middle" fontSize={13} className="fill-stone-500">{d.label}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
