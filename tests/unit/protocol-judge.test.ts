import { describe, expect, it } from 'vitest';
import { MetrologyError } from '../../lib/domain/metrology/index.ts';
import { judgeCheck } from '../../lib/domain/protocol/check.ts';
import { EXAMPLE_SCALE, exampleMessages } from '../../lib/domain/protocol/example.ts';
import {
  clockSkewMs,
  FINDINGS,
  isClockSkewed,
  judgeEvent,
  judgeWeighing,
  MAX_CLOCK_SKEW_MS,
  MAX_MESSAGE_AGE_MS,
  type ScaleFacts,
} from '../../lib/domain/protocol/judge.ts';
import type { EventMessage, WeighingMessage } from '../../lib/domain/protocol/messages.ts';

const examples = exampleMessages();
// Max 15 kg, Min 100 g, d = 5 g, price interval 1 fen
const scale: ScaleFacts = { ...EXAMPLE_SCALE, status: 'in_service', verification: 'valid' };
const base = examples.weighing; // 7.00 元/kg × 1.235 kg = 865 fen, tare 5 g

/** a weighing with a given net (gross = net + tare) and the right price */
function weighing(netMg: number, change: Partial<WeighingMessage> = {}): WeighingMessage {
  const priceFen = netMg >= 0 ? Math.floor((base.unitPriceFenPerKg * netMg) / 1_000_000 + 0.5) : 0;
  return { ...base, netMg, grossMg: netMg + base.tareMg, priceFen, ...change };
}

describe('judgeWeighing', () => {
  it('finds nothing wrong with the example', () => {
    expect(judgeWeighing(base, scale)).toEqual([]);
  });

  it('below_min: above zero and under Min only', () => {
    expect(judgeWeighing(weighing(95_000), scale)).toEqual(['below_min']);
    expect(judgeWeighing(weighing(5_000), scale)).toEqual(['below_min']);
    expect(judgeWeighing(weighing(100_000), scale)).toEqual([]);
    expect(judgeWeighing(weighing(0), scale)).toEqual([]);
  });

  it('above_max: net over Max; a price for it is also a price on an invalid mass', () => {
    expect(judgeWeighing(weighing(15_000_000), scale)).toEqual([]);
    expect(judgeWeighing(weighing(15_005_000), scale)).toEqual(['above_max', 'price_on_invalid_mass']);
    expect(judgeWeighing(weighing(15_005_000, { priceFen: 0 }), scale)).toEqual(['above_max', 'price_mismatch']);
  });

  it('negative_net, with no price check but a flag for any price shown', () => {
    expect(judgeWeighing(weighing(-5_000), scale)).toEqual(['negative_net']);
    expect(judgeWeighing(weighing(-5_000, { priceFen: 1 }), scale)).toEqual(['negative_net', 'price_on_invalid_mass']);
  });

  it('not_multiple_of_d: gross, tare or net off the scale interval', () => {
    expect(judgeWeighing(weighing(1_235_001), scale)).toContain('not_multiple_of_d');
    expect(judgeWeighing(weighing(-5_001), scale)).toContain('not_multiple_of_d');
    expect(judgeWeighing(weighing(1_235_000, { tareMg: 5_001, grossMg: 1_240_001 }), scale)).toEqual(['not_multiple_of_d']);
  });

  it('mass_arithmetic: gross − tare ≠ net', () => {
    expect(judgeWeighing(weighing(1_235_000, { grossMg: 1_245_000 }), scale)).toEqual(['mass_arithmetic']);
    expect(judgeWeighing(weighing(1_235_000, { tareMg: 0 }), scale)).toEqual(['mass_arithmetic']);
  });

  it('price_mismatch: one fen either way, rounding half up, in the price interval', () => {
    expect(base.priceFen).toBe(865); // 864.5 rounds up
    expect(judgeWeighing({ ...base, priceFen: 864 }, scale)).toEqual(['price_mismatch']);
    expect(judgeWeighing({ ...base, priceFen: 866 }, scale)).toEqual(['price_mismatch']);
    expect(judgeWeighing({ ...base, priceFen: 860 }, { ...scale, priceIntervalFen: 10 })).toEqual([]); // 86.45 steps of 10 fen
    expect(judgeWeighing({ ...base, priceFen: 870 }, { ...scale, priceIntervalFen: 10 })).toEqual(['price_mismatch']);
    expect(judgeWeighing(weighing(0, { priceFen: 1 }), scale)).toEqual(['price_mismatch']);
  });

  it('unstable', () => {
    expect(judgeWeighing({ ...base, stable: false }, scale)).toEqual(['unstable']);
  });

  it('scale_suspended and verification_invalid from the scale’s standing', () => {
    expect(judgeWeighing(base, { ...scale, status: 'suspended', verification: 'suspended' })).toEqual(['scale_suspended']);
    expect(judgeWeighing(base, { ...scale, status: 'retired' })).toEqual(['scale_suspended']);
    for (const verification of ['expired', 'failed', 'unverified'] as const) {
      expect(judgeWeighing(base, { ...scale, verification }), verification).toEqual(['verification_invalid']);
    }
    expect(judgeWeighing(base, { ...scale, verification: 'expiring' })).toEqual([]);
  });

  it('reports several findings in a fixed order', () => {
    const bad = weighing(-5_001, { priceFen: 3, stable: false, grossMg: 0 });
    expect(judgeWeighing(bad, { ...scale, status: 'suspended', verification: 'expired' })).toEqual([
      'negative_net', 'not_multiple_of_d', 'mass_arithmetic', 'price_on_invalid_mass', 'unstable', 'scale_suspended', 'verification_invalid',
    ]);
  });
});

describe('judgeEvent', () => {
  const stored = { calibrationCounter: 4, configurationCounter: 2 };
  const event = (change: Partial<EventMessage>): EventMessage => ({ ...examples.event, ...change });

  it('counter_moved when either counter differs from the record', () => {
    expect(judgeEvent(event({}), stored)).toEqual([]);
    expect(judgeEvent(event({ counters: { calibration: 5, configuration: 2 } }), stored)).toEqual(['counter_moved']);
    expect(judgeEvent(event({ counters: { calibration: 4, configuration: 1 } }), stored)).toEqual(['counter_moved']);
  });

  it('seal_open and self_lock', () => {
    expect(judgeEvent(event({ kind: 'seal_open' }), stored)).toEqual(['seal_open']);
    expect(judgeEvent(event({ kind: 'self_lock' }), stored)).toEqual(['self_lock']);
    expect(judgeEvent(event({ kind: 'unlock' }), stored)).toEqual([]);
  });

  it('zero_while_negative: zero or tare with the gross below zero', () => {
    expect(judgeEvent(event({ kind: 'zero', grossMg: -5_000 }), stored)).toEqual(['zero_while_negative']);
    expect(judgeEvent(event({ kind: 'tare', grossMg: -1 }), stored)).toEqual(['zero_while_negative']);
    expect(judgeEvent(event({ kind: 'tare', grossMg: 0 }), stored)).toEqual([]);
    expect(judgeEvent(event({ kind: 'zero' }), stored)).toEqual([]);
    expect(judgeEvent(event({ kind: 'power_on', grossMg: -5_000 }), stored)).toEqual([]);
  });

  it('has one list of findings without repeats', () => {
    expect(new Set(FINDINGS).size).toBe(FINDINGS.length);
  });
});

describe('judgeCheck (in service, every class)', () => {
  const facts = { eMg: 5_000, accuracyClass: 'III' as const };
  it('uses 1 e up to 500 e, 2 e up to 2 000 e, else 3 e, each band including its upper edge', () => {
    expect(judgeCheck({ referenceMg: 2_500_000, indicationMg: 2_500_000 }, facts).mpeMg).toBe(5_000);
    expect(judgeCheck({ referenceMg: 2_505_000, indicationMg: 2_505_000 }, facts).mpeMg).toBe(10_000);
    expect(judgeCheck({ referenceMg: 10_000_000, indicationMg: 10_000_000 }, facts).mpeMg).toBe(10_000);
    expect(judgeCheck({ referenceMg: 10_005_000, indicationMg: 10_005_000 }, facts).mpeMg).toBe(15_000);
  });

  it('passes at |error| = MPE and fails beyond', () => {
    expect(judgeCheck({ referenceMg: 2_500_000, indicationMg: 2_505_000 }, facts)).toEqual({ errorMg: 5_000, mpeMg: 5_000, passed: true });
    expect(judgeCheck({ referenceMg: 2_500_000, indicationMg: 2_494_999 }, facts)).toEqual({ errorMg: -5_001, mpeMg: 5_000, passed: false });
    expect(judgeCheck(examples.check, facts)).toEqual({ errorMg: 5_000, mpeMg: 10_000, passed: true });
    expect(judgeCheck({ referenceMg: 12_000_000, indicationMg: 12_016_000 }, facts)).toMatchObject({ mpeMg: 15_000, passed: false });
  });

  it('judges the other classes too', () => {
    // class II, e = 0.1 g: 5 kg is 50 000 e, in the third band: ±1.5 e at verification, ±3 e = 300 mg in service
    expect(judgeCheck(examples.check, { eMg: 100, accuracyClass: 'II' })).toEqual({ errorMg: 5_000, mpeMg: 300, passed: false });
    // class I, e = 1 mg: 200 001 e, ±3 mg in service
    expect(judgeCheck({ referenceMg: 200_001, indicationMg: 200_004 }, { eMg: 1, accuracyClass: 'I' })).toEqual({ errorMg: 3, mpeMg: 3, passed: true });
    // class IIII, e = 50 g: 5 kg is 100 e, ±1 e at verification, ±2 e = 100 g in service
    expect(judgeCheck(examples.check, { eMg: 50_000, accuracyClass: 'IIII' })).toEqual({ errorMg: 5_000, mpeMg: 100_000, passed: true });
  });

  it('throws MetrologyError for a reference above the class’s last band', () => {
    // class III, e = 5 g: the last band ends at 10 000 e = 50 kg
    expect(() => judgeCheck({ referenceMg: 50_000_001, indicationMg: 50_000_001 }, facts)).toThrow(MetrologyError);
    expect(() => judgeCheck({ referenceMg: 50_000_001, indicationMg: 50_000_001 }, facts)).toThrow(expect.objectContaining({ code: 'load_above_bands' }));
    expect(judgeCheck({ referenceMg: 50_000_000, indicationMg: 50_000_000 }, facts)).toEqual({ errorMg: 0, mpeMg: 15_000, passed: true });
  });
});

describe('the scale’s clock', () => {
  const received = new Date('2026-03-14T01:26:53Z');
  it('measures at − received in ms', () => {
    expect(clockSkewMs('2026-03-14T09:26:53+08:00', received)).toBe(0);
    expect(clockSkewMs('2026-03-14T01:36:53Z', received)).toBe(10 * 60_000);
    expect(clockSkewMs('2026-03-14T01:16:53.5Z', received)).toBe(-599_500);
    expect(clockSkewMs('not a date', received)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a message from more than 10 minutes in the future, or older than the store-and-forward limit', () => {
    const at = (ms: number) => ({ ...examples.weighing, at: new Date(received.getTime() + ms).toISOString() });
    expect(isClockSkewed(at(MAX_CLOCK_SKEW_MS), received)).toBe(false);
    expect(isClockSkewed(at(MAX_CLOCK_SKEW_MS + 1), received)).toBe(true);
    expect(isClockSkewed(at(-3 * 3_600_000), received)).toBe(false); // delivered late after a network cut
    expect(isClockSkewed(at(-MAX_MESSAGE_AGE_MS), received)).toBe(false);
    expect(isClockSkewed(at(-MAX_MESSAGE_AGE_MS - 1), received)).toBe(true);
  });

  it('exempts an offline status: the will was signed when the scale connected', () => {
    expect(isClockSkewed({ ...examples.will, at: '2020-01-01T00:00:00Z' }, received)).toBe(false);
    expect(isClockSkewed({ ...examples.status, at: '2020-01-01T00:00:00Z' }, received)).toBe(true);
  });
});
