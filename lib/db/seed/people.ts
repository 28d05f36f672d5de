// Names, shop names and masked contact details for generated people.
import { GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, PHONE_PREFIXES, SHOP_WORDS, SURNAMES, type Category } from './hengyang.ts';
import type { Rng } from './prng.ts';

export interface Person {
  surname: string;
  name: string;
  female: boolean;
}

export function personName(rng: Rng): Person {
  const surname = rng.pick(SURNAMES);
  const female = rng.chance(0.5);
  return { surname, female, name: surname + rng.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE) };
}

/** 老王蔬菜, 刘记鲜肉, 陈姐水产 … the way stalls are signed. */
export function shopName(rng: Rng, person: Person, category: Category): string {
  const styles = person.female ? ['老', '记', '姐', '嫂', '家'] : ['老', '记', '记', '家', '哥'];
  const style = rng.pick(styles);
  const who = style === '老' ? `老${person.surname}` : person.surname + style;
  return who + rng.pick(SHOP_WORDS[category]);
}

/** Stored masked: the demo must not print numbers that could belong to real people. */
export function maskedPhone(rng: Rng): string {
  return `${rng.pick(PHONE_PREFIXES)}****${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** A China Construction Bank debit card (BIN 621700), masked as banks print it. */
export function maskedAccount(rng: Rng): string {
  return `6217 **** **** ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
