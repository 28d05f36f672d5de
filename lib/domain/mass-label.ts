// A mass stored in integer milligrams, written the way a scale's data plate writes it:
// "30 kg", "10 g", "0.5 g". Exact (decimal string arithmetic, no float rounding).
import { MG_PER_KG } from './units.ts';

function decimal(abs: number, digits: number): string {
  const text = abs.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** kg from 1 kg up, g below. */
export function massLabel(mg: number): string {
  if (!Number.isSafeInteger(mg)) throw new RangeError(`not a mass in mg: ${mg}`);
  const abs = Math.abs(mg);
  const sign = mg < 0 ? '−' : '';
  return abs >= MG_PER_KG ? `${sign}${decimal(abs, 6)} kg` : `${sign}${decimal(abs, 3)} g`;
}

/** With an explicit sign, for errors: "+5 g", "−2.5 g", "0 g". */
export function signedMassLabel(mg: number): string {
  return mg > 0 ? `+${massLabel(mg)}` : massLabel(mg);
}
