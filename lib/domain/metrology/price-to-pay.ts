// Price to pay = unit price × net mass, rounded half up to the scale's price-to-pay interval
// (OIML R76-1 §4.14). All integers: fen per kg × mg / 1 000 000 mg per kg.

export interface PriceToPayInput {
  unitPriceFenPerKg: number;
  netMg: number;
  /** the scale's price-to-pay interval in fen, normally 1 */
  intervalFen?: number;
}

export class PriceToPayError extends Error {
  readonly code = 'invalid_price_input';
}

const MG_PER_KG = 1_000_000n;

export function priceToPay({ unitPriceFenPerKg, netMg, intervalFen = 1 }: PriceToPayInput): number {
  for (const [name, value] of [['unitPriceFenPerKg', unitPriceFenPerKg], ['netMg', netMg], ['intervalFen', intervalFen]] as const) {
    if (!Number.isSafeInteger(value)) throw new PriceToPayError(`${name} must be an integer, got ${value}`);
  }
  if (unitPriceFenPerKg < 0) throw new PriceToPayError('unit price must not be negative');
  // No price may be shown for a negative weight (R76-1).
  if (netMg < 0) throw new PriceToPayError('net mass must not be negative');
  if (intervalFen < 1) throw new PriceToPayError('price-to-pay interval must be at least 1 fen');
  // BigInt: 999 999 fen/kg × 30 000 000 mg overflows 2^53.
  const divisor = MG_PER_KG * BigInt(intervalFen);
  const product = BigInt(unitPriceFenPerKg) * BigInt(netMg);
  const steps = (product * 2n + divisor) / (divisor * 2n); // round half up
  return Number(steps * BigInt(intervalFen));
}
