// Unit prices are stored in fen per kg; merchants and shoppers in China think in yuan per 斤
// (500 g). Exact integer formatting, display only: 2601 fen/kg → "26.01" per kg, "13.005" per 斤.

/** yuan per kg, two decimals: 2600 → "26.00" */
export function yuanPerKg(fenPerKg: number): string {
  return yuan(BigInt(fenPerKg), 100n, 2);
}

/** yuan per 斤 = fen per kg ÷ 200; three decimals only when the half fen needs them */
export function yuanPerJin(fenPerKg: number): string {
  const value = BigInt(fenPerKg);
  // in tenths of a fen (li, 厘): fen/kg × 10 ÷ 2
  const li = value * 5n;
  return li % 10n === 0n ? yuan(li / 10n, 100n, 2) : yuan(li, 1000n, 3);
}

function yuan(value: bigint, unit: bigint, decimals: number): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${(abs / unit).toLocaleString('en-US')}.${(abs % unit).toString().padStart(decimals, '0')}`;
}
