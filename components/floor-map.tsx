import Link from 'next/link';
import type { ReactNode } from 'react';
import type { FloorState } from '@/lib/domain/floor-state.ts';
import { FLOOR_STATE_STYLE, FloorStateIcon } from './floor-state-style.tsx';

export interface FloorTile {
  key: string | number;
  /** 0-based position on the floor grid */
  row: number;
  col: number;
  label: string;
  /** the tile's tooltip and accessible name: say the state in words */
  title: string;
  state: FloorState;
  href?: string;
  /** drawn with a ring: it changed at the last refresh */
  changed?: boolean;
}

export interface FloorLegendItem {
  state: FloorState;
  label: string;
  /** stalls in this state */
  count?: number;
}

/**
 * A market hall as a grid of stall tiles; cells without a stall are aisles. Each tile shows its
 * state by colour, icon and (for suspended and offline) hatching, and is a link in reading order.
 * On a narrow screen the grid scrolls sideways and can be pinch-zoomed like any page.
 */
export function FloorMap({ rows, cols, tiles, label, hint, legend, status, testId }: {
  rows: number;
  cols: number;
  tiles: FloorTile[];
  label: string;
  hint?: string;
  legend: FloorLegendItem[];
  /** a line under the caption, e.g. when the map was last refreshed */
  status?: ReactNode;
  testId?: string;
}) {
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-stone-700">
        {label}
        {hint && <span className="ml-2 text-xs font-normal text-stone-500">{hint}</span>}
        {status && <div className="mt-1 text-xs font-normal text-stone-500">{status}</div>}
      </figcaption>
      <div className="overflow-x-auto overscroll-x-contain pb-1">
        <ul
          className="grid gap-1 p-0.5"
          style={{ gridTemplateColumns: `repeat(${Math.max(1, cols)}, minmax(3.25rem, 1fr))`, gridTemplateRows: `repeat(${Math.max(1, rows)}, 2.75rem)` }}
          data-testid={testId}
          role="list"
          aria-label={label}
        >
          {tiles.map((tile) => {
            const look = FLOOR_STATE_STYLE[tile.state];
            const className = [
              'flex h-full w-full items-center justify-center gap-1 rounded border px-1 text-xs font-medium tabular-nums',
              look.className,
              tile.changed ? 'ring-2 ring-sky-500 ring-offset-1' : '',
            ].join(' ');
            const body = (
              <>
                <FloorStateIcon state={tile.state} />
                <span className="truncate">{tile.label}</span>
              </>
            );
            const common = { title: tile.title, 'aria-label': tile.title, style: look.style, 'data-state': tile.state, 'data-stall': tile.label, 'data-testid': 'floor-tile' };
            return (
              <li key={tile.key} className="min-w-0" style={{ gridRow: tile.row + 1, gridColumn: tile.col + 1 }}>
                {tile.href ? (
                  <Link
                    href={tile.href}
                    prefetch={false}
                    className={`${className} hover:brightness-95 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600`}
                    {...common}
                  >
                    {body}
                  </Link>
                ) : (
                  <span className={className} {...common}>{body}</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-stone-700" data-testid={testId ? `${testId}-legend` : undefined}>
        {legend.map((item) => {
          const look = FLOOR_STATE_STYLE[item.state];
          return (
            <li key={item.state} className="flex items-center gap-1.5" data-state={item.state}>
              <span className={`inline-flex h-5 w-6 items-center justify-center rounded-sm border ${look.className}`} style={look.style} aria-hidden>
                <FloorStateIcon state={item.state} className="h-3 w-3" />
              </span>
              <span>{item.label}</span>
              {item.count !== undefined && <span className="tabular-nums text-stone-500">({item.count})</span>}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
