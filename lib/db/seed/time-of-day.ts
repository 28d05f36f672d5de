// When shoppers come: trading hours 06:00–19:00 China time, most trade in the morning rush and a
// smaller rush after work.
import type { Rng } from './prng.ts';

export const OPENS_AT_MINUTES = 6 * 60;
export const TRADING_MINUTES = 13 * 60;

const MORNING_RUSH = { share: 0.55, mean: 105, sd: 50 }; // around 07:45
const EVENING_RUSH = { share: 0.15, mean: 690, sd: 45 }; // around 17:30

/** Milliseconds after opening time of one weighing. */
export function tradingOffsetMs(rng: Rng): number {
  const draw = rng.next();
  let minutes: number;
  if (draw < MORNING_RUSH.share) minutes = rng.normal(MORNING_RUSH.mean, MORNING_RUSH.sd);
  else if (draw < MORNING_RUSH.share + EVENING_RUSH.share) minutes = rng.normal(EVENING_RUSH.mean, EVENING_RUSH.sd);
  else minutes = rng.next() * TRADING_MINUTES;
  if (minutes < 0 || minutes >= TRADING_MINUTES) minutes = rng.next() * TRADING_MINUTES;
  return Math.floor(minutes * 60_000);
}
