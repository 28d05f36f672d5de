// Masses as an inspector or a market clerk types them: grams with up to 3 decimals or kilograms with
// up to 6, turned into integer mg digit by digit (never through a float, so "0.1" kg is exactly
// 100 000 mg). Phone keyboards in Chinese input mode type full-width digits and "．": NFKC folds them.

export const MASS_UNITS = ['g', 'kg'] as const;
export type MassUnit = (typeof MASS_UNITS)[number];

const DECIMALS: Readonly<Record<MassUnit, number>> = { g: 3, kg: 6 };
const WHOLE_DIGITS: Readonly<Record<MassUnit, number>> = { g: 7, kg: 4 };

/** The largest mass an Int column holds, in mg (about 2 147 kg). */
export const MAX_MASS_MG = 2_147_483_647;

export function isMassUnit(value: unknown): value is MassUnit {
  return typeof value === 'string' && (MASS_UNITS as readonly string[]).includes(value);
}

/**
 * The mass in mg, or null when `text` is not a number of `unit` with at most its decimals (g: 3,
 * kg: 6), or is out of the Int range. A leading minus is allowed only with `negative` (an
 * indication below zero, as at a zero test point).
 */
export function parseMassMg(text: string, unit: MassUnit, options: { negative?: boolean } = {}): number | null {
  const normalized = text.normalize('NFKC').replace(/\s+/g, '').replace(/^−/, '-');
  const pattern = new RegExp(`^(-?)(\\d{1,${WHOLE_DIGITS[unit]}})(?:\\.(\\d{1,${DECIMALS[unit]}}))?$`);
  const match = pattern.exec(normalized);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (sign && !options.negative) return null;
  const mg = Number(whole + fraction.padEnd(DECIMALS[unit], '0'));
  if (mg > MAX_MASS_MG) return null;
  return sign && mg !== 0 ? -mg : mg;
}

/** A mass in mg written in `unit` for an input field: exact, without trailing zeros ("2.5", "-0.005"). */
export function massInputText(mg: number, unit: MassUnit): string {
  if (!Number.isSafeInteger(mg)) throw new RangeError(`not a mass in mg: ${mg}`);
  const digits = DECIMALS[unit];
  const abs = Math.abs(mg).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, -digits);
  const fraction = abs.slice(-digits).replace(/0+$/, '');
  return `${mg < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
