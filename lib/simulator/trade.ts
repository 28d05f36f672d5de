// What one simulated scale weighs next: a believable trade for its merchant, or — for a scale
// set to misbehave — a trade showing one of the cheats a message can reveal
// (../shared/domain/CHEATING-AND-SIZING.md). Pure: randomness comes from the caller.
import { randomBytes } from 'node:crypto';
import { priceToPay } from '../domain/metrology/price-to-pay.ts';
import type { WeighingMessage } from '../domain/protocol/messages.ts';
import type { FleetScale } from '../db/fleet.ts';

export const CHEATS = ['price_rounding', 'impact', 'below_min', 'shrunken_price', 'reconfigured', 'tare_offset'] as const;
export type Cheat = (typeof CHEATS)[number];

export type Random = () => number;

type Unsigned<T> = Omit<T, 'sig'>;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A receipt token: 128 bits from the CSPRNG, base64url. */
export function receiptToken(): string {
  return randomBytes(16).toString('base64url');
}

export function nextWeighing(scale: FleetScale, seq: number, at: Date, random: Random, cheat: Cheat | null): Unsigned<WeighingMessage> {
  const commodity = pick(random, scale.commodities);
  // 0.3–3 kg for most goods, rounded to the scale interval d
  const raw = 300_000 + Math.floor(random() * 2_700_000);
  let netMg = Math.max(scale.minMg, Math.round(raw / scale.dMg) * scale.dMg);
  let unitPriceFenPerKg = Math.round((commodity.guidePriceFenPerKg * (0.85 + random() * 0.3)) / 10) * 10;
  let tareMg = random() < 0.3 ? 10_000 : 0; // a bag
  let stable = true;
  if (cheat === 'below_min') netMg = Math.max(scale.dMg, scale.minMg - 4 * scale.dMg);
  if (cheat === 'impact') stable = random() < 0.5;
  if (cheat === 'shrunken_price') unitPriceFenPerKg = Math.max(1, Math.round(unitPriceFenPerKg / 100));
  if (cheat === 'tare_offset') tareMg = 0; // container sold as goods: the pan's bowl is in the net
  let priceFen = priceToPay({ unitPriceFenPerKg, netMg, intervalFen: scale.priceIntervalFen });
  if (cheat === 'price_rounding' && random() < 0.7) priceFen += 1 + Math.floor(random() * 3);
  return {
    v: 1,
    serial: scale.serial,
    seq,
    at: at.toISOString(),
    plu: commodity.plu,
    unitPriceFenPerKg,
    grossMg: netMg + tareMg,
    tareMg,
    netMg,
    priceFen,
    stable,
    payment: random() < 0.7 ? 'bank_qr' : random() < 0.8 ? 'cash' : 'card',
    receipt: receiptToken(),
  };
}
