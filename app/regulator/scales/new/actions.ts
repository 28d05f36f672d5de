'use server';
// Register a scale: parse (zod, field by field) → role and scope check → create with its first
// secret. The secret goes back in this response only: the form shows it once.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { loadPlatformKey, PlatformKeyError } from '@/lib/crypto/secret-box.ts';
import { db } from '@/lib/db/client.ts';
import {
  canProvision, parseRegistration, ProvisioningForbiddenError, ProvisioningValidationError, REGISTER_FIELDS, registerScale,
  type RegisterField, type RegisterFieldErrors,
} from '@/lib/db/provisioning.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type RegisterState =
  | { status: 'editing'; fieldErrors: RegisterFieldErrors; formError?: MessageKey }
  | { status: 'registered'; scaleId: number; serial: string; secret: string };

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export async function registerScaleAction(_previous: RegisterState, form: FormData): Promise<RegisterState> {
  const user = await requirePersona('regulator');
  if (!canProvision(user.role)) return { status: 'editing', fieldErrors: {}, formError: 'regulator.provision.error.forbidden' };
  const values = Object.fromEntries(REGISTER_FIELDS.map((field) => [field, text(form.get(field))])) as Record<RegisterField, string>;
  // the fields first, so they are named even when the platform key is missing
  const parsed = parseRegistration(values);
  if (!parsed.ok) return { status: 'editing', fieldErrors: parsed.fieldErrors, formError: 'regulator.provision.formError' };
  try {
    const { scale, secret } = await registerScale(db(), user, loadPlatformKey(), values);
    revalidatePath('/regulator/scales');
    return { status: 'registered', scaleId: scale.id, serial: scale.serial, secret };
  } catch (error) {
    if (error instanceof ProvisioningValidationError) return { status: 'editing', fieldErrors: error.fieldErrors, formError: 'regulator.provision.formError' };
    if (error instanceof PlatformKeyError) return { status: 'editing', fieldErrors: {}, formError: 'regulator.provision.error.noPlatformKey' };
    if (error instanceof ProvisioningForbiddenError) return { status: 'editing', fieldErrors: {}, formError: 'regulator.provision.error.forbidden' };
    throw error;
  }
}
