'use server';
// Record an inspection, reinstate a suspended scale: parse the id → role and scope check and the
// form's own parse and judgement (lib/db/inspections.ts) → store → go to the stored record.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import {
  canInspect, InspectionForbiddenError, InspectionValidationError, recordInspection, reinstateScale, ReinstatementRefusedError,
  ScaleNotFoundError, ScaleRetiredError,
} from '@/lib/db/inspections.ts';
import type { InspectionFieldErrors, InspectionFormInput } from '@/lib/domain/inspection-form.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type RecordState = { fieldErrors: InspectionFieldErrors; formError?: MessageKey };

function refusal(error: unknown): MessageKey {
  if (error instanceof InspectionForbiddenError) return 'inspect.error.forbidden';
  if (error instanceof ScaleNotFoundError) return 'inspect.error.notFound';
  if (error instanceof ScaleRetiredError) return 'inspect.error.retired';
  throw error;
}

export async function recordInspectionAction(rawScaleId: number, _previous: RecordState, input: InspectionFormInput): Promise<RecordState> {
  const user = await requirePersona('regulator');
  if (!canInspect(user.role)) return { fieldErrors: {}, formError: 'inspect.error.forbidden' };
  const scaleId = parseRecordId(String(rawScaleId));
  if (scaleId === null) return { fieldErrors: {}, formError: 'inspect.error.notFound' };
  let inspectionId: number;
  try {
    ({ inspectionId } = await recordInspection(db(), user, scaleId, input));
  } catch (error) {
    if (error instanceof InspectionValidationError) return { fieldErrors: error.fieldErrors, formError: 'inspect.formError' };
    return { fieldErrors: {}, formError: refusal(error) };
  }
  revalidatePath(`/regulator/scales/${scaleId}`);
  redirect(`/regulator/inspections/${inspectionId}`);
}

export type ReinstateState = { status: 'idle' } | { status: 'reinstated' } | { status: 'error'; error: MessageKey };

export async function reinstateAction(rawScaleId: number, _previous: ReinstateState): Promise<ReinstateState> {
  const user = await requirePersona('regulator');
  if (!canInspect(user.role)) return { status: 'error', error: 'inspect.error.forbidden' };
  const scaleId = parseRecordId(String(rawScaleId));
  if (scaleId === null) return { status: 'error', error: 'inspect.error.notFound' };
  try {
    await reinstateScale(db(), user, scaleId);
  } catch (error) {
    revalidatePath(`/regulator/inspect/${scaleId}`);
    if (error instanceof ReinstatementRefusedError) return { status: 'error', error: `inspect.reinstate.refused.${error.reason}` };
    return { status: 'error', error: refusal(error) };
  }
  revalidatePath(`/regulator/inspect/${scaleId}`);
  revalidatePath(`/regulator/scales/${scaleId}`);
  return { status: 'reinstated' };
}
