import { describe, expect, it } from 'vitest';
import {
  FLOOR_STATES, isFloorState, scaleFloorState, stallFloorState, tallyFloorStates, worseFloorState, type FloorScaleFacts,
} from '../../lib/domain/floor-state.ts';
import { VERIFICATION_STATUSES } from '../../lib/domain/supervision.ts';

const scale = (facts: Partial<FloorScaleFacts> = {}): FloorScaleFacts => ({ status: 'valid', online: true, openAlerts: 0, ...facts });
const stall = (scales: FloorScaleFacts[], more: { occupied?: boolean; merchantAlerts?: number } = {}) =>
  stallFloorState({ occupied: more.occupied ?? true, merchantAlerts: more.merchantAlerts ?? 0, scales });

describe('precedence of floor states', () => {
  it('runs alert > suspended > failed > expired > unverified > offline > expiring > valid, then the stalls without a scale', () => {
    expect(FLOOR_STATES).toEqual(['alert', 'suspended', 'failed', 'expired', 'unverified', 'offline', 'expiring', 'valid', 'no_scale', 'vacant']);
  });

  it('names every verification status as a state of its own', () => {
    for (const status of VERIFICATION_STATUSES) expect(FLOOR_STATES).toContain(status);
    expect(new Set(FLOOR_STATES).size).toBe(FLOOR_STATES.length);
  });

  it('picks the worse of two in either order', () => {
    expect(worseFloorState('offline', 'expiring')).toBe('offline');
    expect(worseFloorState('expiring', 'offline')).toBe('offline');
    expect(worseFloorState('valid', 'alert')).toBe('alert');
    expect(worseFloorState('expired', 'expired')).toBe('expired');
  });

  it('recognises its own names only', () => {
    expect(isFloorState('no_scale')).toBe(true);
    expect(isFloorState('verified')).toBe(false);
    expect(isFloorState(undefined)).toBe(false);
  });
});

describe('the state of one scale', () => {
  it('is its legal state when it is online and quiet', () => {
    expect(scaleFloorState(scale())).toBe('valid');
    expect(scaleFloorState(scale({ status: 'expiring' }))).toBe('expiring');
  });

  it('is offline when a lawful scale is not connected', () => {
    expect(scaleFloorState(scale({ online: false }))).toBe('offline');
    expect(scaleFloorState(scale({ status: 'expiring', online: false }))).toBe('offline');
  });

  it('keeps an unlawful state whether online or not: it may not trade either way', () => {
    for (const status of ['suspended', 'failed', 'expired', 'unverified'] as const) {
      expect(scaleFloorState(scale({ status, online: true }))).toBe(status);
      expect(scaleFloorState(scale({ status, online: false }))).toBe(status);
    }
  });

  it('is alert as soon as one alert about it is open, whatever else holds', () => {
    expect(scaleFloorState(scale({ openAlerts: 1 }))).toBe('alert');
    expect(scaleFloorState(scale({ status: 'suspended', online: false, openAlerts: 3 }))).toBe('alert');
  });
});

describe('the state of a stall', () => {
  it('takes the worst of its scales', () => {
    expect(stall([scale(), scale({ status: 'expiring' })])).toBe('expiring');
    expect(stall([scale({ status: 'expiring' }), scale({ online: false })])).toBe('offline');
    expect(stall([scale({ online: false }), scale({ status: 'expired' })])).toBe('expired');
    expect(stall([scale({ status: 'failed' }), scale({ status: 'suspended' })])).toBe('suspended');
    expect(stall([scale({ status: 'suspended' }), scale({ openAlerts: 1 })])).toBe('alert');
  });

  it('tells an occupied stall without a scale from a vacant one', () => {
    expect(stall([], { occupied: true })).toBe('no_scale');
    expect(stall([], { occupied: false })).toBe('vacant');
  });

  it('judges a vacant stall that still has a scale by that scale', () => {
    expect(stall([scale({ online: false })], { occupied: false })).toBe('offline');
  });

  it('shows an alert about its merchant even without a scale', () => {
    expect(stall([scale()], { merchantAlerts: 1 })).toBe('alert');
    expect(stall([], { merchantAlerts: 2 })).toBe('alert');
  });
});

describe('tally of states', () => {
  it('counts each state and lists the absent ones as zero', () => {
    const tally = tallyFloorStates(['valid', 'valid', 'alert', 'vacant']);
    expect(tally.valid).toBe(2);
    expect(tally.alert).toBe(1);
    expect(tally.vacant).toBe(1);
    expect(tally.offline).toBe(0);
    expect(Object.keys(tally).sort()).toEqual([...FLOOR_STATES].sort());
  });
});
