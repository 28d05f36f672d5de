'use server';
// Record a payout: parse (zod) → record as the signed-in officer (scope, state and audit in
// lib/db/settlement-payout.ts) → refresh the settlement's page.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { PayoutForbiddenError, PayoutNotFoundError, PayoutRefusedError, recordPayout } from '@/lib/db/settlement-payout.ts';
import { payoutSchema } from '@/lib/domain/payout.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type PayoutState = { status: 'idle' } | { status: 'error'; errors: Partial<Record<'bankRef' | 'paidOn' | 'form', MessageKey>> };

export async function recordPayoutAction(_previous: PayoutState, form: FormData): Promise<PayoutState> {
  const user = await requirePersona('bank');
  const parsed = payoutSchema.safeParse({ settlementId: form.get('settlementId'), bankRef: form.get('bankRef') ?? '', paidOn: form.get('paidOn') ?? '' });
  if (!parsed.success) {
    const errors: Partial<Record<'bankRef' | 'paidOn' | 'form', MessageKey>> = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'bankRef') errors.bankRef = issue.message === 'too_long' ? 'payout.error.refTooLong' : issue.message === 'charset' ? 'payout.error.refCharset' : 'payout.error.refRequired';
      else if (issue.path[0] === 'paidOn') errors.paidOn = 'payout.error.day';
      else errors.form = 'payout.error.invalid';
    }
    return { status: 'error', errors };
  }
  try {
    await recordPayout(db(), user, parsed.data);
  } catch (error) {
    if (error instanceof PayoutRefusedError) {
      return { status: 'error', errors: error.reason === 'not_closed' ? { form: 'payout.error.not_closed' } : { paidOn: `payout.error.${error.reason}` } };
    }
    if (error instanceof PayoutNotFoundError) return { status: 'error', errors: { form: 'payout.error.notFound' } };
    if (error instanceof PayoutForbiddenError) return { status: 'error', errors: { form: 'payout.error.forbidden' } };
    throw error;
  }
  revalidatePath(`/bank/settlements/${parsed.data.settlementId}`);
  return { status: 'idle' };
}
