import { money } from '@/lib/i18n/format.ts';

/** A money difference with its sign in front of the currency: +¥1.20, −¥0.35, ¥0.00. Display only. */
export function signedMoney(fen: number | bigint): string {
  const value = BigInt(fen);
  if (value === 0n) return money(0);
  return `${value > 0n ? '+' : '−'}${money(value > 0n ? value : -value)}`;
}
