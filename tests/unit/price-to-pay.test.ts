import { describe, expect, it } from 'vitest';
import { priceToPay, PriceToPayError } from '../../lib/domain/metrology/price-to-pay.ts';

describe('price to pay', () => {
  it('multiplies unit price by net mass in integers', () => {
    expect(priceToPay({ unitPriceFenPerKg: 2600, netMg: 1_000_000 })).toBe(2600);
    expect(priceToPay({ unitPriceFenPerKg: 2600, netMg: 500_000 })).toBe(1300);
  });

  it('rounds half up to the fen', () => {
    // 1 fen/kg × 0.5 kg = 0.5 fen → 1
    expect(priceToPay({ unitPriceFenPerKg: 1, netMg: 500_000 })).toBe(1);
    // 0.499999 fen → 0
    expect(priceToPay({ unitPriceFenPerKg: 1, netMg: 499_999 })).toBe(0);
    // 1234 fen/kg × 0.345 kg = 425.73 → 426
    expect(priceToPay({ unitPriceFenPerKg: 1234, netMg: 345_000 })).toBe(426);
  });

  it('rounds to a coarser price-to-pay interval', () => {
    // 425.73 fen to the nearest 5 fen → 425; 427.5 → 430
    expect(priceToPay({ unitPriceFenPerKg: 1234, netMg: 345_000, intervalFen: 5 })).toBe(425);
    expect(priceToPay({ unitPriceFenPerKg: 1000, netMg: 427_500, intervalFen: 5 })).toBe(430);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    expect(priceToPay({ unitPriceFenPerKg: 999_999, netMg: 30_000_000 })).toBe(29_999_970);
  });

  it('refuses negative mass, fractions and a zero interval', () => {
    expect(() => priceToPay({ unitPriceFenPerKg: 100, netMg: -1 })).toThrow(PriceToPayError);
    expect(() => priceToPay({ unitPriceFenPerKg: 10.5, netMg: 1 })).toThrow(PriceToPayError);
    expect(() => priceToPay({ unitPriceFenPerKg: 100, netMg: 1, intervalFen: 0 })).toThrow(PriceToPayError);
  });
});
