// Display helpers for the integer units we store. Formatting only: never used for arithmetic.

export const MG_PER_G = 1_000;
export const MG_PER_KG = 1_000_000;
export const MG_PER_JIN = 500_000; // 1 斤 = 500 g

/** 12345 fen → "123.45" */
export function formatFen(fen: number | bigint): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${yuan.toLocaleString('en-US')}.${cents}`;
}

/** mass in kg with up to three decimals: 1234567 mg → "1.235" */
export function formatKg(mg: number | bigint, decimals = 3): string {
  return (Number(mg) / MG_PER_KG).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatJin(mg: number | bigint, decimals = 2): string {
  return (Number(mg) / MG_PER_JIN).toFixed(decimals);
}
