// Device identity of scales: register a scale with its first secret, rotate the secret, revoke the
// scale, and read a secret back for the ingest and the simulator.
//
// - The secret in clear leaves this module only twice: as the result of registerScale/rotateSecret
//   (shown once to the regulator, who passes it to the installer) and from scaleSecret (for
//   signature checks). It is stored sealed (lib/crypto/secret-box.ts) and never audited.
// - Scope-checked like the query modules: a scale, market or stall outside the actor's scope reads
//   as not found. Only city and district regulators and market managers may provision.
// - Revocation is final: a revoked scale's messages are refused and its secret cannot be rotated.
import { z } from 'zod';
import type { Actor } from './actor.ts';
import type { Db } from './client.ts';
import { isUniqueViolation } from './unique-violation.ts';
import type { Role } from './generated/enums.ts';
import { marketWhere, scaleWhere, type Scope } from './scope.ts';
import { open, seal } from '../crypto/secret-box.ts';
import { generateSecret } from '../domain/protocol/signature.ts';
import { businessDay, dayAsDate } from '../domain/business-day.ts';
import { SERIAL_PATTERN } from '../domain/protocol/topics.ts';
import { checkScaleConfiguration, classRow, minimumCapacityMg, type ConfigurationProblemCode } from '../domain/metrology/index.ts';
import { MAX_INT_ID } from '../domain/record-id.ts';
import type { MessageKey } from '../i18n/index.ts';

// ───────────────────────── who may provision ─────────────────────────

export const PROVISIONING_ROLES: readonly Role[] = ['city_regulator', 'district_regulator', 'market_manager'];

export function canProvision(role: Role): boolean {
  return PROVISIONING_ROLES.includes(role);
}

/** The actor's role may not provision scales (an inspector, a bank officer, a merchant): a 403. */
export class ProvisioningForbiddenError extends Error {
  readonly code = 'provisioning_forbidden';
  readonly status = 403;
  constructor(role: Role) {
    super(`role ${role} may not provision scales`);
  }
}

/** No such scale in the actor's scope (unknown, or another district's / market's): a 404. */
export class ScaleNotFoundError extends Error {
  readonly code = 'scale_not_found';
  readonly status = 404;
  constructor(what: string) {
    super(`scale ${what} not found`);
  }
}

/** The scale is revoked: its identity is final and its secret can no longer be rotated. */
export class ScaleRevokedError extends Error {
  readonly code = 'scale_revoked';
  readonly status = 409;
  constructor(scaleId: number) {
    super(`scale ${scaleId} is revoked`);
  }
}

export const REGISTER_FIELDS = [
  'marketId', 'stallId', 'purpose', 'serial', 'model', 'maker', 'accuracyClass', 'maxG', 'minG', 'eG', 'dG', 'softwareId',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];
export type RegisterFieldErrors = Partial<Record<RegisterField, MessageKey>>;

/** The registration form has errors; each is a catalogue key, one per field. */
export class ProvisioningValidationError extends Error {
  readonly code = 'invalid_registration';
  readonly status = 400;
  readonly fieldErrors: RegisterFieldErrors;
  constructor(fieldErrors: RegisterFieldErrors) {
    super(`invalid registration: ${Object.keys(fieldErrors).join(', ')}`);
    this.fieldErrors = fieldErrors;
  }
}

function assertMayProvision(actor: Actor): void {
  if (!canProvision(actor.role)) throw new ProvisioningForbiddenError(actor.role);
}

// ───────────────────────── masses: grams as typed, milligrams as stored ─────────────────────────

/** The largest mass a column holds (Int), in mg: about 2 147 kg. */
export const MAX_MASS_MG = 2_147_483_647;
const GRAMS_PATTERN = /^(\d{1,7})(?:\.(\d{1,3}))?$/;

/** "15000" → 15 000 000, "0.5" → 500, "2.005" → 2 005: exact, by digits (never a float). Null when not a mass in g with ≤ 3 decimals. */
export function gramsToMg(text: string): number | null {
  const match = GRAMS_PATTERN.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(3, '0');
  return Number(whole) * 1_000 + Number(fraction);
}

// ───────────────────────── the registration form ─────────────────────────

const message = (key: MessageKey) => ({ message: key });
/** Form values arrive as strings (or are missing); numbers are accepted from code. */
const asText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'number' ? String(value) : value);
const blankAsUndefined = (value: unknown) => {
  const text = asText(value);
  return typeof text === 'string' && text.trim() === '' ? undefined : text;
};

const requiredText = (max: number) => z.preprocess(
  asText,
  z.string().trim().min(1, message('regulator.provision.error.required')).max(max, message('regulator.provision.error.tooLong')),
);

const id = (required: MessageKey) => z.preprocess(
  asText,
  z.string().trim().min(1, message(required)).regex(/^[1-9]\d{0,9}$/, message(required)).transform(Number)
    .pipe(z.number().max(MAX_INT_ID, message(required))),
);

const grams = z.string()
  .regex(GRAMS_PATTERN, message('regulator.provision.error.grams'))
  .transform((text) => gramsToMg(text) ?? 0)
  .pipe(z.number().int().positive(message('regulator.provision.error.positive')).max(MAX_MASS_MG, message('regulator.provision.error.tooHeavy')));

const requiredGrams = z.preprocess(
  asText,
  z.string().trim().min(1, message('regulator.provision.error.required')).pipe(grams),
);

/** What the form posts: strings as typed (masses in g), or numbers from code. */
export type RegisterScaleInput = Partial<Record<RegisterField, string | number | null | undefined>>;

export interface RegisteredScale {
  id: number;
  serial: string;
  marketId: number;
  stallId: number | null;
  secretIssuedAt: Date;
}

function fieldErrorsOf(error: z.ZodError): RegisterFieldErrors {
  const fields: RegisterFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (REGISTER_FIELDS as readonly string[]).includes(field)) {
      fields[field as RegisterField] ??= issue.message as MessageKey;
    }
  }
  return fields;
}

/** The fields one by one; the rules between fields follow in `metrologyErrors`. */
export const registerScaleSchema = z.object({
  marketId: id('regulator.provision.error.market'),
  /** blank: a scale at no stall (a fair scale, or a spare) */
  stallId: z.preprocess(blankAsUndefined, id('regulator.provision.error.stall').optional()).transform((value) => value ?? null),
  purpose: z.preprocess(blankAsUndefined, z.enum(['trade', 'fair'], message('regulator.provision.error.purpose')).default('trade')),
  serial: z.preprocess(asText, z.string().trim().regex(SERIAL_PATTERN, message('regulator.provision.error.serial'))),
  model: requiredText(100),
  maker: requiredText(100),
  accuracyClass: z.preprocess(blankAsUndefined, z.enum(['I', 'II', 'III', 'IIII'], message('regulator.provision.error.accuracyClass')).default('III')),
  maxG: requiredGrams,
  /** blank: the class minimum (20 e for class III) */
  minG: z.preprocess(blankAsUndefined, grams.optional()),
  eG: requiredGrams,
  dG: requiredGrams,
  softwareId: requiredText(100),
}).transform(({ maxG, minG, eG, dG, ...rest }) => ({ ...rest, maxMg: maxG, minMg: minG, eMg: eG, dMg: dG }));

/** A registration with every field valid, masses in mg (typed in g as maxG, minG, eG, dG). */
export type RegistrationForm = z.output<typeof registerScaleSchema>;

const FORM_FIELD = { maxMg: 'maxG', minMg: 'minG', eMg: 'eG', dMg: 'dG' } as const;

// Which field a configuration problem is shown at, and with which message.
const PROBLEM_MESSAGES: Record<ConfigurationProblemCode, [RegisterField, MessageKey]> = {
  unknown_accuracy_class: ['accuracyClass', 'regulator.provision.error.accuracyClass'],
  not_positive_integer: ['maxG', 'regulator.provision.error.positive'],
  e_not_in_1_2_5_series: ['eG', 'regulator.provision.error.eSteps'],
  d_not_in_1_2_5_series: ['dG', 'regulator.provision.error.dSteps'],
  d_greater_than_e: ['dG', 'regulator.provision.error.dOfE'],
  e_not_power_of_ten_times_d: ['dG', 'regulator.provision.error.dOfE'],
  e_out_of_class_range: ['eG', 'regulator.provision.error.eOfClass'],
  max_not_multiple_of_e: ['maxG', 'regulator.provision.error.maxOfE'],
  n_too_small: ['maxG', 'regulator.provision.error.nOfClass'],
  n_too_large: ['maxG', 'regulator.provision.error.nOfClass'],
  min_below_class_minimum: ['minG', 'regulator.provision.error.minOfClass'],
  min_not_below_max: ['maxG', 'regulator.provision.error.maxAboveMin'],
};

/**
 * The rules between fields, on a form whose fields are each valid (masses in mg, all > 0): the
 * metrology core's configuration check for the class, one message per field (the first problem).
 * A blank Min is the class minimum, which cannot be below itself.
 */
export function metrologyErrors(form: RegistrationForm): RegisterFieldErrors {
  const errors: RegisterFieldErrors = {};
  const issue = (field: RegisterField, key: MessageKey) => {
    errors[field] ??= key;
  };
  if (form.purpose === 'fair' && form.stallId !== null) issue('stallId', 'regulator.provision.error.fairAtStall');
  const minMg = form.minMg ?? defaultMinMg(form);
  for (const problem of checkScaleConfiguration({ accuracyClass: form.accuracyClass, maxMg: form.maxMg, minMg, eMg: form.eMg, dMg: form.dMg })) {
    const [field, key] = PROBLEM_MESSAGES[problem.code];
    issue(problem.code === 'not_positive_integer' ? FORM_FIELD[problem.field] : field, key);
  }
  return errors;
}

/** Min when the form leaves it blank: the class minimum, or e when e fits no row of the class (then reported). */
function defaultMinMg(form: RegistrationForm): number {
  return classRow(form.accuracyClass, form.eMg) ? minimumCapacityMg(form.accuracyClass, form.eMg) : form.eMg;
}

export type RegistrationParse = { ok: true; form: RegistrationForm } | { ok: false; fieldErrors: RegisterFieldErrors };

/** Parses what the form posted: each field, then the rules between them. No database access. */
export function parseRegistration(input: RegisterScaleInput): RegistrationParse {
  const parsed = registerScaleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const fieldErrors = metrologyErrors(parsed.data);
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, form: parsed.data };
}

/**
 * Registers a scale at a market (and stall) in the actor's scope and issues its first secret.
 * Returns the secret in clear: the only time it is ever shown. Throws ProvisioningForbiddenError,
 * or ProvisioningValidationError with one catalogue key per bad field (a duplicate serial included).
 */
export async function registerScale(
  db: Db,
  actor: Actor,
  key: Uint8Array,
  input: RegisterScaleInput,
  now = new Date(),
): Promise<{ scale: RegisteredScale; secret: string }> {
  assertMayProvision(actor);
  const parsed = parseRegistration(input);
  if (!parsed.ok) throw new ProvisioningValidationError(parsed.fieldErrors);
  const { form } = parsed;

  const market = await db.market.findFirst({ where: { AND: [{ id: form.marketId }, marketWhere(actor.scope)] }, select: { id: true } });
  if (!market) throw new ProvisioningValidationError({ marketId: 'regulator.provision.error.market' });
  if (form.stallId !== null) {
    const stall = await db.stall.findFirst({ where: { id: form.stallId, marketId: market.id }, select: { id: true } });
    if (!stall) throw new ProvisioningValidationError({ stallId: 'regulator.provision.error.stall' });
  }
  const serialTaken = { serial: 'regulator.provision.error.serialTaken' } as const;
  if (await db.scale.findUnique({ where: { serial: form.serial }, select: { id: true } })) throw new ProvisioningValidationError(serialTaken);

  const secret = generateSecret();
  try {
    const scale = await db.$transaction(async (tx) => {
      const created = await tx.scale.create({
        data: {
          serial: form.serial,
          model: form.model,
          maker: form.maker,
          accuracyClass: form.accuracyClass,
          maxMg: form.maxMg,
          minMg: form.minMg ?? defaultMinMg(form),
          eMg: form.eMg,
          dMg: form.dMg,
          softwareId: form.softwareId,
          purpose: form.purpose,
          installedOn: dayAsDate(businessDay(now)),
          marketId: market.id,
          stallId: form.stallId,
          secretSealed: new Uint8Array(seal(key, secret)),
          secretIssuedAt: now,
        },
        select: { id: true, serial: true, marketId: true, stallId: true },
      });
      await tx.auditEvent.create({
        data: {
          at: now,
          userId: actor.id,
          action: 'scale.register',
          entity: 'Scale',
          entityId: String(created.id),
          detail: { serial: created.serial, marketId: created.marketId, stallId: created.stallId, purpose: form.purpose },
        },
      });
      return created;
    });
    return { scale: { ...scale, secretIssuedAt: now }, secret };
  } catch (error) {
    // two registrations of one serial at once: the unique index decides
    if (isUniqueViolation(error)) throw new ProvisioningValidationError(serialTaken);
    throw error;
  }
}

/**
 * Issues a new secret for a scale in scope (the old one stops working at once) and returns it in
 * clear, once. A scale seeded without a secret gets its first one this way.
 */
export async function rotateSecret(
  db: Db,
  actor: Actor,
  key: Uint8Array,
  scaleId: number,
  now = new Date(),
): Promise<{ secret: string; secretIssuedAt: Date }> {
  assertMayProvision(actor);
  const secret = generateSecret();
  await db.$transaction(async (tx) => {
    const scale = await tx.scale.findFirst({
      where: { AND: [{ id: scaleId }, scaleWhere(actor.scope)] },
      select: { id: true, serial: true, secretIssuedAt: true, revokedAt: true },
    });
    if (!scale) throw new ScaleNotFoundError(String(scaleId));
    if (scale.revokedAt) throw new ScaleRevokedError(scale.id);
    // only while still not revoked: a revocation racing this rotation wins
    const updated = await tx.scale.updateMany({
      where: { id: scale.id, revokedAt: null },
      data: { secretSealed: new Uint8Array(seal(key, secret)), secretIssuedAt: now },
    });
    if (updated.count === 0) throw new ScaleRevokedError(scale.id);
    await tx.auditEvent.create({
      data: {
        at: now,
        userId: actor.id,
        action: 'scale.secret_rotate',
        entity: 'Scale',
        entityId: String(scale.id),
        detail: { serial: scale.serial, previousIssuedAt: scale.secretIssuedAt?.toISOString() ?? null },
      },
    });
  });
  return { secret, secretIssuedAt: now };
}

/** Revokes a scale in scope: from now on the ingest refuses its messages. Revoking twice keeps the first time. */
export async function revokeScale(db: Db, actor: Actor, scaleId: number, now = new Date()): Promise<{ revokedAt: Date }> {
  assertMayProvision(actor);
  return db.$transaction(async (tx) => {
    const scale = await tx.scale.findFirst({
      where: { AND: [{ id: scaleId }, scaleWhere(actor.scope)] },
      select: { id: true, serial: true, revokedAt: true },
    });
    if (!scale) throw new ScaleNotFoundError(String(scaleId));
    if (scale.revokedAt) return { revokedAt: scale.revokedAt };
    const updated = await tx.scale.updateMany({ where: { id: scale.id, revokedAt: null }, data: { revokedAt: now } });
    if (updated.count === 0) {
      const again = await tx.scale.findUniqueOrThrow({ where: { id: scale.id }, select: { revokedAt: true } });
      return { revokedAt: again.revokedAt ?? now };
    }
    await tx.auditEvent.create({
      data: { at: now, userId: actor.id, action: 'scale.revoke', entity: 'Scale', entityId: String(scale.id), detail: { serial: scale.serial } },
    });
    return { revokedAt: now };
  });
}

/**
 * A scale's secret in clear, for checking (ingest) or making (simulator) signatures. Null when no
 * scale has this serial or it was never issued a secret. `revoked`: refuse its messages. Throws
 * SecretBoxError when the sealed secret does not open under `key` (the wrong platform key).
 */
export async function scaleSecret(db: Db, key: Uint8Array, serial: string): Promise<{ scaleId: number; secret: string; revoked: boolean } | null> {
  const scale = await db.scale.findUnique({ where: { serial }, select: { id: true, secretSealed: true, revokedAt: true } });
  if (!scale?.secretSealed) return null;
  return { scaleId: scale.id, secret: open(key, scale.secretSealed), revoked: scale.revokedAt !== null };
}

// ───────────────────────── for the pages ─────────────────────────

export interface ScaleIdentity {
  /** a secret has been issued (and is stored sealed) */
  provisioned: boolean;
  secretIssuedAt: Date | null;
  revokedAt: Date | null;
}

/** The device-identity facts of a scale in scope (never the secret), or null when out of scope. */
export async function scaleIdentity(db: Db, scope: Scope, scaleId: number): Promise<ScaleIdentity | null> {
  const scale = await db.scale.findFirst({
    where: { AND: [{ id: scaleId }, scaleWhere(scope)] },
    select: { secretIssuedAt: true, revokedAt: true, secretSealed: true },
  });
  if (!scale) return null;
  return { provisioned: scale.secretSealed !== null, secretIssuedAt: scale.secretIssuedAt, revokedAt: scale.revokedAt };
}

export interface RegistrationMarket {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  stalls: { id: number; code: string; shopName: string | null }[];
}

/** The markets in scope with their stalls (and who trades there): the choices of the registration form. */
export async function registrationPlaces(db: Db, scope: Scope): Promise<RegistrationMarket[]> {
  const markets = await db.market.findMany({
    where: marketWhere(scope),
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      stalls: { orderBy: { code: 'asc' }, select: { id: true, code: true, merchant: { select: { shopName: true } } } },
    },
  });
  return markets.map(({ stalls, ...market }) => ({
    ...market,
    stalls: stalls.map((stall) => ({ id: stall.id, code: stall.code, shopName: stall.merchant?.shopName ?? null })),
  }));
}
