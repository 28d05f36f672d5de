'use server';
// Resolve one exception with a note: parse (zod) → resolve as the signed-in officer (scope, role and
// the audit record in lib/db/bank-exceptions.ts) → refresh the queue.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { ExceptionAlreadyResolvedError, ExceptionForbiddenError, ExceptionNotFoundError, resolveBankException } from '@/lib/db/bank-exceptions.ts';
import { db } from '@/lib/db/client.ts';
import { resolveExceptionSchema } from '@/lib/domain/bank-exception.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type ResolveState = { status: 'idle' } | { status: 'resolved' } | { status: 'error'; error: MessageKey; field?: 'note' };

export async function resolveExceptionAction(_previous: ResolveState, form: FormData): Promise<ResolveState> {
  const user = await requirePersona('bank');
  const parsed = resolveExceptionSchema.safeParse({ kind: form.get('kind'), id: form.get('id'), note: form.get('note') ?? '' });
  if (!parsed.success) {
    const noteIssue = parsed.error.issues.find((issue) => issue.path[0] === 'note');
    if (noteIssue) return { status: 'error', field: 'note', error: noteIssue.message === 'too_long' ? 'bankExceptions.error.too_long' : 'bankExceptions.error.too_short' };
    return { status: 'error', error: 'bankExceptions.error.invalid' };
  }
  try {
    await resolveBankException(db(), user, parsed.data);
  } catch (error) {
    if (error instanceof ExceptionNotFoundError) return { status: 'error', error: 'bankExceptions.error.notFound' };
    if (error instanceof ExceptionAlreadyResolvedError) return { status: 'error', error: 'bankExceptions.error.already' };
    if (error instanceof ExceptionForbiddenError) return { status: 'error', error: 'bankExceptions.error.forbidden' };
    throw error;
  }
  revalidatePath('/bank/exceptions');
  return { status: 'resolved' };
}
