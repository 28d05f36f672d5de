'use server';
// Rotate a scale's device secret, or revoke the scale: parse → role and scope check (in
// lib/db/provisioning.ts) → act → refresh the page. The new secret goes back in the action's
// response only: it is shown once and never stored in clear.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import type { SessionUser } from '@/lib/auth/session.ts';
import { loadPlatformKey, PlatformKeyError } from '@/lib/crypto/secret-box.ts';
import { db } from '@/lib/db/client.ts';
import {
  canProvision, ProvisioningForbiddenError, revokeScale, rotateSecret, ScaleNotFoundError, ScaleRevokedError,
} from '@/lib/db/provisioning.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type IdentityActionState =
  | { status: 'idle' }
  | { status: 'rotated'; secret: string }
  | { status: 'revoked' }
  | { status: 'error'; error: MessageKey };

type Outcome = { ok: true; user: SessionUser; scaleId: number } | { ok: false; state: IdentityActionState };

async function provisioner(rawScaleId: unknown): Promise<Outcome> {
  const user = await requirePersona('regulator');
  if (!canProvision(user.role)) return { ok: false, state: { status: 'error', error: 'regulator.provision.error.forbidden' } };
  const scaleId = parseRecordId(String(rawScaleId));
  if (scaleId === null) return { ok: false, state: { status: 'error', error: 'regulator.provision.error.notFound' } };
  return { ok: true, user, scaleId };
}

function known(error: unknown): IdentityActionState {
  if (error instanceof PlatformKeyError) return { status: 'error', error: 'regulator.provision.error.noPlatformKey' };
  if (error instanceof ProvisioningForbiddenError) return { status: 'error', error: 'regulator.provision.error.forbidden' };
  if (error instanceof ScaleNotFoundError) return { status: 'error', error: 'regulator.provision.error.notFound' };
  if (error instanceof ScaleRevokedError) return { status: 'error', error: 'regulator.provision.error.revoked' };
  throw error;
}

export async function rotateSecretAction(scaleId: number, _previous: IdentityActionState): Promise<IdentityActionState> {
  const who = await provisioner(scaleId);
  if (!who.ok) return who.state;
  try {
    const { secret } = await rotateSecret(db(), who.user, loadPlatformKey(), who.scaleId);
    revalidatePath(`/regulator/scales/${who.scaleId}`);
    return { status: 'rotated', secret };
  } catch (error) {
    // the page may be stale (revoked in another tab): show it as it is now
    revalidatePath(`/regulator/scales/${who.scaleId}`);
    return known(error);
  }
}

export async function revokeScaleAction(scaleId: number, _previous: IdentityActionState): Promise<IdentityActionState> {
  const who = await provisioner(scaleId);
  if (!who.ok) return who.state;
  try {
    await revokeScale(db(), who.user, who.scaleId);
    revalidatePath(`/regulator/scales/${who.scaleId}`);
    return { status: 'revoked' };
  } catch (error) {
    // the page may be stale (revoked in another tab): show it as it is now
    revalidatePath(`/regulator/scales/${who.scaleId}`);
    return known(error);
  }
}
