import type { ReactNode } from 'react';
import type { BadgeTone } from './badge.tsx';

/** A stall's colour: the badge tones, plus a vacant stall. */
export type FloorTone = BadgeTone | 'vacant';

export interface FloorTile {
  key: string | number;
  /** 0-based position on the floor grid */
  row: number;
  col: number;
  label: string;
  /** the tile's tooltip and accessible name */
  title: string;
  tone: FloorTone;
  href?: string;
}

const TONES: Record<FloorTone, string> = {
  green: 'bg-emerald-100 border-emerald-300 text-emerald-900',
  amber: 'bg-amber-100 border-amber-400 text-amber-900',
  red: 'bg-red-100 border-red-400 text-red-900',
  stone: 'bg-stone-200 border-stone-300 text-stone-700',
  blue: 'bg-sky-100 border-sky-300 text-sky-900',
  vacant: 'bg-white border-dashed border-stone-300 text-stone-400',
};

/** A market hall as a grid of stall tiles; cells without a stall are aisles. */
export function FloorMap({ rows, cols, tiles, label, hint, legend, testId }: {
  rows: number;
  cols: number;
  tiles: FloorTile[];
  label: string;
  hint?: string;
  legend: { tone: FloorTone; label: string }[];
  testId?: string;
}) {
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">
        {label}
        {hint && <span className="ml-2 text-xs font-normal text-stone-500">{hint}</span>}
      </figcaption>
      <div className="overflow-x-auto">
        <div
          className="grid gap-1"
          style={{ gridTemplateColumns: `repeat(${Math.max(1, cols)}, minmax(2.75rem, 1fr))`, gridTemplateRows: `repeat(${Math.max(1, rows)}, 2rem)` }}
          data-testid={testId}
          role="list"
          aria-label={label}
        >
          {tiles.map((tile) => {
            const body: ReactNode = <span className="truncate">{tile.label}</span>;
            const className = `flex items-center justify-center rounded border px-1 text-[11px] font-medium tabular-nums ${TONES[tile.tone]}`;
            const style = { gridRow: tile.row + 1, gridColumn: tile.col + 1 };
            return tile.href ? (
              <a key={tile.key} href={tile.href} title={tile.title} aria-label={tile.title} className={`${className} hover:ring-2 hover:ring-sun-400`} style={style} role="listitem" data-tone={tile.tone}>
                {body}
              </a>
            ) : (
              <span key={tile.key} title={tile.title} aria-label={tile.title} className={className} style={style} role="listitem" data-tone={tile.tone}>
                {body}
              </span>
            );
          })}
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
        {legend.map((item) => (
          <li key={item.tone} className="flex items-center gap-1">
            <span className={`inline-block h-3 w-3 rounded-sm border ${TONES[item.tone]}`} aria-hidden />
            {item.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
