// A test point passes when |indication − reference| ≤ MPE: exactly at ±MPE it passes, one mg beyond
// it fails. MPEs here are the spec table's (METROLOGY.md) for the given e, written out by hand.
import { describe, expect, it } from 'vitest';
import * as metrology from '../../lib/domain/metrology/index.ts';
import { judgeTestPoint, MetrologyError, wholeMgMpe, type AccuracyClass, type MetrologyStage } from '../../lib/domain/metrology/index.ts';
import { priceToPay as priceToPayDirect, PriceToPayError as PriceToPayErrorDirect } from '../../lib/domain/metrology/price-to-pay.ts';

// [class, e mg, reference mg, stage, MPE mg]
const POINTS: [AccuracyClass, number, number, MetrologyStage, number][] = [
  ['III', 5_000, 2_500_000, 'in-service', 5_000], // 500 e: ±1 e in service
  ['III', 5_000, 2_500_000, 'verification', 2_500], // ±0.5 e
  ['III', 5_000, 10_000_001, 'in-service', 15_000], // above 2 000 e: ±3 e
  ['III', 10_000, 20_000_000, 'verification', 10_000], // the worked example: ±10 g up to 20 kg
  ['III', 10_000, 30_000_000, 'in-service', 30_000], // ±30 g up to 30 kg
  ['I', 1, 200_001, 'verification', 1.5],
  ['II', 5, 1_000, 'verification', 2.5],
  ['IIII', 5_000, 1_000_000, 'in-service', 10_000],
  ['III', 5_000, 0, 'verification', 2_500], // a zero test point
];

describe('judgeTestPoint', () => {
  it.each(POINTS)('class %s, e = %i mg, %i mg, %s: passes at ±%s mg (the whole mg within it)', (accuracyClass, eMg, referenceMg, stage, mpeMg) => {
    for (const errorMg of [mpeMg, -mpeMg].map(Math.trunc)) {
      const verdict = judgeTestPoint({ accuracyClass, eMg, referenceMg, indicationMg: referenceMg + errorMg, stage });
      expect(verdict).toEqual({ errorMg, mpeMg, passed: true, errorInE: errorMg / eMg });
    }
    expect(judgeTestPoint({ accuracyClass, eMg, referenceMg, indicationMg: referenceMg, stage })).toMatchObject({ errorMg: 0, passed: true });
  });

  it.each(POINTS)('class %s, e = %i mg, %i mg, %s: fails one mg beyond ±%s mg', (accuracyClass, eMg, referenceMg, stage, mpeMg) => {
    const beyond = Math.floor(mpeMg) + 1;
    for (const errorMg of [beyond, -beyond]) {
      expect(judgeTestPoint({ accuracyClass, eMg, referenceMg, indicationMg: referenceMg + errorMg, stage })).toMatchObject({ errorMg, mpeMg, passed: false });
    }
  });

  it('gives the error in e for display', () => {
    expect(judgeTestPoint({ accuracyClass: 'III', eMg: 5_000, referenceMg: 12_000_000, indicationMg: 11_992_500, stage: 'in-service' }))
      .toEqual({ errorMg: -7_500, mpeMg: 15_000, passed: true, errorInE: -1.5 });
    expect(judgeTestPoint({ accuracyClass: 'III', eMg: 5_000, referenceMg: 12_000_000, indicationMg: 12_016_000, stage: 'in-service' }))
      .toEqual({ errorMg: 16_000, mpeMg: 15_000, passed: false, errorInE: 3.2 });
  });

  it('refuses a fractional indication and passes on the MPE’s refusals', () => {
    const base = { accuracyClass: 'III' as const, eMg: 5_000, referenceMg: 1_000_000, indicationMg: 1_000_000, stage: 'in-service' as const };
    expect(() => judgeTestPoint({ ...base, indicationMg: 1_000_000.5 })).toThrow(expect.objectContaining({ code: 'invalid_indication' }));
    expect(() => judgeTestPoint({ ...base, referenceMg: 50_000_001 })).toThrow(expect.objectContaining({ code: 'load_above_bands' }));
    expect(() => judgeTestPoint({ ...base, referenceMg: -1 })).toThrow(expect.objectContaining({ code: 'negative_load' }));
    expect(() => judgeTestPoint({ ...base, eMg: 0 })).toThrow(MetrologyError);
  });

  it('takes the in-service factor as a setting', () => {
    const point = { accuracyClass: 'III' as const, eMg: 5_000, referenceMg: 1_000_000, indicationMg: 1_003_000, stage: 'in-service' as const };
    expect(judgeTestPoint(point)).toMatchObject({ mpeMg: 5_000, passed: true });
    expect(judgeTestPoint(point, { inServiceFactor: 1 })).toMatchObject({ mpeMg: 2_500, passed: false });
  });
});

describe('wholeMgMpe', () => {
  it('rounds a half mg down, which leaves every whole-mg verdict as it was', () => {
    expect(wholeMgMpe(2.5)).toBe(2);
    expect(wholeMgMpe(7_500)).toBe(7_500);
    for (let errorMg = -5; errorMg <= 5; errorMg++) {
      expect(Math.abs(errorMg) <= wholeMgMpe(2.5)).toBe(Math.abs(errorMg) <= 2.5);
    }
  });
});

describe('price to pay, from the metrology index', () => {
  it('is the same function and error as price-to-pay.ts', () => {
    expect(metrology.priceToPay).toBe(priceToPayDirect);
    expect(metrology.PriceToPayError).toBe(PriceToPayErrorDirect);
  });

  it('rounds half up to the interval, in integers', () => {
    expect(metrology.priceToPay({ unitPriceFenPerKg: 1, netMg: 500_000 })).toBe(1); // 0.5 fen → 1
    expect(metrology.priceToPay({ unitPriceFenPerKg: 1, netMg: 499_999 })).toBe(0);
    expect(metrology.priceToPay({ unitPriceFenPerKg: 1234, netMg: 345_000 })).toBe(426); // 425.73
    expect(metrology.priceToPay({ unitPriceFenPerKg: 1000, netMg: 427_500, intervalFen: 5 })).toBe(430); // 427.5 → 430
    expect(metrology.priceToPay({ unitPriceFenPerKg: 1000, netMg: 427_499, intervalFen: 5 })).toBe(425);
    expect(() => metrology.priceToPay({ unitPriceFenPerKg: 100, netMg: -1 })).toThrow(metrology.PriceToPayError);
  });
});
