import type { Role } from '../db/generated/enums.ts';

export type { Role };
export type Persona = 'regulator' | 'bank' | 'merchant';

const PERSONA: Record<Role, Persona> = {
  city_regulator: 'regulator',
  district_regulator: 'regulator',
  market_manager: 'regulator',
  inspector: 'regulator',
  bank_officer: 'bank',
  merchant: 'merchant',
};

export function personaOf(role: Role): Persona {
  return PERSONA[role];
}

export function homeFor(role: Role): string {
  return `/${PERSONA[role]}`;
}
