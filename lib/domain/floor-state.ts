// The state of a stall on a market's floor map (摊位状态): one word per stall, so that a glance at
// the hall shows where to walk first. A stall takes the worst state of the scales in use on it,
// and an open alert about the stall's scales or its merchant outranks everything, because an alert
// is a signal somebody has to act on now. Legal states come from the verification status (their
// order from STATUS_SEVERITY); a scale that may not lawfully trade is worse than one that is merely
// offline, and an offline scale hides its trade from the platform, which is worse than a
// verification running out next month.
import { STATUS_SEVERITY } from './supervision.ts';
import { isTradeLegal, type VerificationStatus } from './verification-status.ts';

/**
 * The legal states keep their names (valid, expiring, expired, failed, suspended, unverified);
 * `no_scale`: occupied, but no scale in use on it; `vacant`: no merchant and no scale.
 */
export type FloorState = 'alert' | VerificationStatus | 'offline' | 'no_scale' | 'vacant';

/** Every state, worst first: the precedence of the map, its legend and the docs. */
export const FLOOR_STATES: readonly FloorState[] = [
  'alert',
  ...STATUS_SEVERITY.filter((status) => !isTradeLegal(status)),
  'offline',
  ...STATUS_SEVERITY.filter(isTradeLegal),
  'no_scale',
  'vacant',
];

const RANK = new Map(FLOOR_STATES.map((state, index) => [state, index]));

export function isFloorState(value: unknown): value is FloorState {
  return typeof value === 'string' && RANK.has(value as FloorState);
}

/** The worse of two states. */
export function worseFloorState(a: FloorState, b: FloorState): FloorState {
  return (RANK.get(a) ?? 0) <= (RANK.get(b) ?? 0) ? a : b;
}

export interface FloorScaleFacts {
  status: VerificationStatus;
  online: boolean;
  /** open alerts raised about this scale */
  openAlerts: number;
}

/** One scale's state: its alert, else its legal state when it may not trade, else offline, else its legal state. */
export function scaleFloorState(scale: FloorScaleFacts): FloorState {
  if (scale.openAlerts > 0) return 'alert';
  if (!isTradeLegal(scale.status)) return scale.status;
  if (!scale.online) return 'offline';
  return scale.status;
}

export interface FloorStallFacts {
  /** a merchant rents the stall */
  occupied: boolean;
  /** the scales in use on the stall (retired ones left out by the caller) */
  scales: readonly FloorScaleFacts[];
  /** open alerts about the stall's merchant that name no scale */
  merchantAlerts: number;
}

/** A stall's state: the worst of its scales; an alert on its merchant counts as an alert on the stall. */
export function stallFloorState(stall: FloorStallFacts): FloorState {
  if (stall.occupied && stall.merchantAlerts > 0) return 'alert';
  if (stall.scales.length === 0) return stall.occupied ? 'no_scale' : 'vacant';
  return stall.scales.map(scaleFloorState).reduce(worseFloorState);
}

export type FloorStateTally = Record<FloorState, number>;

/** How many stalls are in each state (every state present, zero or not). */
export function tallyFloorStates(states: Iterable<FloorState>): FloorStateTally {
  const tally = Object.fromEntries(FLOOR_STATES.map((state) => [state, 0])) as FloorStateTally;
  for (const state of states) tally[state] += 1;
  return tally;
}
