'use server';
// The bank officer issues a new webhook secret: role check (in lib/db/bank-programme.ts) → rotate
// → refresh. The secret goes back in the action's response only: shown once, never stored in clear.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { loadPlatformKey, PlatformKeyError } from '@/lib/crypto/secret-box.ts';
import { rotateWebhookSecretAs, WebhookSecretForbiddenError } from '@/lib/db/bank-programme.ts';
import { db } from '@/lib/db/client.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type RotateState = { status: 'idle' } | { status: 'rotated'; secret: string } | { status: 'error'; error: MessageKey };

export async function rotateWebhookSecretAction(_previous: RotateState): Promise<RotateState> {
  const user = await requirePersona('bank');
  try {
    const { secret } = await rotateWebhookSecretAs(db(), user, loadPlatformKey());
    revalidatePath('/bank/webhook');
    return { status: 'rotated', secret };
  } catch (error) {
    if (error instanceof PlatformKeyError) return { status: 'error', error: 'bankWebhook.error.noPlatformKey' };
    if (error instanceof WebhookSecretForbiddenError) return { status: 'error', error: 'bankWebhook.error.forbidden' };
    throw error;
  }
}
