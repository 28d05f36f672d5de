// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17.
// Demo merchants get codes that pass the check, so validators in the app accept them.
import type { Rng } from './prng.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, S, V, Z
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function uscCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`not a credit-code character: ${first17.charAt(i)}`);
    sum += value * (WEIGHTS[i] as number);
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** "92" = registered by market regulation, individual business (个体工商户), then the division code. */
export function individualBusinessLicenseNo(rng: Rng, divisionCode: string): string {
  let body = `92${divisionCode}`;
  while (body.length < 17) body += CHARSET.charAt(rng.int(0, 30));
  return body + uscCheckChar(body);
}
