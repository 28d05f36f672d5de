'use server';
// Record a fair-scale re-weigh: role, scope, the weighing, the fair scale and the mass are all
// checked in lib/db/reweighs.ts; a failure raises the trade scale's alert there.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canReweigh, recordReweigh, ReweighForbiddenError, ReweighValidationError, type ReweighField } from '@/lib/db/reweighs.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type ReweighState =
  | { status: 'editing'; fieldErrors: Partial<Record<ReweighField, MessageKey>>; formError?: MessageKey }
  | { status: 'recorded'; passed: boolean; referenceMg: number; indicationMg: number; errorMg: number; mpeMg: number; alertId: number | null };

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export async function recordReweighAction(_previous: ReweighState, form: FormData): Promise<ReweighState> {
  const user = await requirePersona('regulator');
  if (!canReweigh(user.role)) return { status: 'editing', fieldErrors: {}, formError: 'reweigh.error.forbidden' };
  const input = Object.fromEntries(['weighingId', 'scaleTime', 'fairScaleId', 'unit', 'fairMass'].map((field) => [field, text(form.get(field))]));
  try {
    const recorded = await recordReweigh(db(), user, input);
    revalidatePath(`/regulator/scales/${recorded.scaleId}`);
    return {
      status: 'recorded', passed: recorded.passed, referenceMg: recorded.referenceMg, indicationMg: recorded.indicationMg,
      errorMg: recorded.errorMg, mpeMg: recorded.mpeMg, alertId: recorded.alertId,
    };
  } catch (error) {
    if (error instanceof ReweighValidationError) return { status: 'editing', fieldErrors: error.fieldErrors, formError: 'reweigh.formError' };
    if (error instanceof ReweighForbiddenError) return { status: 'editing', fieldErrors: {}, formError: 'reweigh.error.forbidden' };
    throw error;
  }
}
