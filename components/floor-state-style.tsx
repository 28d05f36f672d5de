// How each floor state looks: a colour, and an icon (and for two states a hatching) so that the
// map reads without colour as well — in greyscale, for colour-blind readers, on a sunlit phone.
// The one place that pairs states with their look and their name in the catalogue.
import type { CSSProperties } from 'react';
import type { FloorState } from '@/lib/domain/floor-state.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

/** The name of each state: the legal states keep the names the scale pages use. */
export const FLOOR_STATE_LABEL: Record<FloorState, MessageKey> = {
  alert: 'floor.state.alert',
  suspended: 'regulator.status.suspended',
  failed: 'regulator.status.failed',
  expired: 'regulator.status.expired',
  unverified: 'regulator.status.unverified',
  offline: 'regulator.offline',
  expiring: 'regulator.status.expiring',
  valid: 'regulator.status.valid',
  no_scale: 'regulator.stall.noScale',
  vacant: 'regulator.stall.vacant',
};

const hatch = (rgba: string): CSSProperties => ({
  backgroundImage: `repeating-linear-gradient(135deg, transparent 0 5px, ${rgba} 5px 8px)`,
});

export const FLOOR_STATE_STYLE: Record<FloorState, { className: string; style?: CSSProperties }> = {
  alert: { className: 'bg-red-600 border-red-800 text-white' },
  suspended: { className: 'bg-red-100 border-red-600 text-red-950', style: hatch('rgba(220, 38, 38, 0.28)') },
  failed: { className: 'bg-red-100 border-red-600 text-red-950' },
  expired: { className: 'bg-orange-100 border-orange-600 text-orange-950' },
  unverified: { className: 'bg-orange-50 border-dashed border-orange-500 text-orange-950' },
  offline: { className: 'bg-stone-200 border-stone-500 text-stone-800', style: hatch('rgba(68, 64, 60, 0.16)') },
  expiring: { className: 'bg-amber-100 border-amber-500 text-amber-950' },
  valid: { className: 'bg-emerald-100 border-emerald-500 text-emerald-950' },
  no_scale: { className: 'bg-white border-stone-400 text-stone-600' },
  vacant: { className: 'bg-stone-50 border-dashed border-stone-300 text-stone-400' },
};

// 16×16 stroke icons, drawn for this map; `currentColor` follows the tile's text colour.
const PATHS: Record<FloorState, string> = {
  alert: 'M8 1.8 15 14.2H1L8 1.8Z M8 6.2v3.6 M8 11.6v.4',
  suspended: 'M5.5 3.5v9 M10.5 3.5v9',
  failed: 'M3.5 3.5l9 9 M12.5 3.5l-9 9',
  expired: 'M2.5 3.5h11v10h-11z M2.5 6.5h11 M6 8.5l4 4 M10 8.5l-4 4',
  unverified: 'M5.6 5.8a2.4 2.4 0 1 1 3.4 2.2c-.7.4-1 .9-1 1.6v.4 M8 12.3v.4',
  offline: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Z M3.4 3.4l9.2 9.2',
  expiring: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Z M8 4.5V8l2.5 1.5',
  valid: 'M3 8.5l3.2 3.2L13 4.8',
  no_scale: 'M4 8h8',
  vacant: '',
};

export function FloorStateIcon({ state, className = 'h-3.5 w-3.5' }: { state: FloorState; className?: string }) {
  const path = PATHS[state];
  return (
    <svg viewBox="0 0 16 16" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      {path && <path d={path} />}
    </svg>
  );
}

/** A state as a small chip: swatch, icon and name; `data-state` carries the machine value. */
export function FloorStateChip({ state, label, testId }: { state: FloorState; label: string; testId?: string }) {
  const look = FLOOR_STATE_STYLE[state];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs font-medium ${look.className}`} style={look.style} data-state={state} data-testid={testId}>
      <FloorStateIcon state={state} />
      {label}
    </span>
  );
}
