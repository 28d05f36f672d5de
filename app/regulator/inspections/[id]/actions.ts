'use server';
// Suspend a scale on the strength of a failed inspection: role, scope and the inspection's own
// verdict are checked in lib/db/inspections.ts; the ingest reads the new status with its next batch.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import {
  canInspect, InspectionForbiddenError, ScaleNotFoundError, ScaleRetiredError, suspendScale, SuspensionRefusedError,
} from '@/lib/db/inspections.ts';
import { parseRecordId } from '@/lib/domain/record-id.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type SuspendState = { status: 'idle' } | { status: 'suspended' } | { status: 'error'; error: MessageKey };

export async function suspendAction(rawScaleId: number, rawInspectionId: number, _previous: SuspendState): Promise<SuspendState> {
  const user = await requirePersona('regulator');
  if (!canInspect(user.role)) return { status: 'error', error: 'inspect.error.forbidden' };
  const scaleId = parseRecordId(String(rawScaleId));
  const inspectionId = parseRecordId(String(rawInspectionId));
  if (scaleId === null || inspectionId === null) return { status: 'error', error: 'inspect.error.notFound' };
  try {
    await suspendScale(db(), user, { scaleId, inspectionId });
  } catch (error) {
    if (error instanceof InspectionForbiddenError) return { status: 'error', error: 'inspect.error.forbidden' };
    if (error instanceof ScaleNotFoundError) return { status: 'error', error: 'inspect.error.notFound' };
    if (error instanceof ScaleRetiredError) return { status: 'error', error: 'inspect.error.retired' };
    if (error instanceof SuspensionRefusedError) return { status: 'error', error: 'inspect.error.suspendRefused' };
    throw error;
  }
  revalidatePath(`/regulator/inspections/${inspectionId}`);
  revalidatePath(`/regulator/scales/${scaleId}`);
  return { status: 'suspended' };
}
