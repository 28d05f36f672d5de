'use server';
// Upload of the bank's daily statement: parse → authorize → lib → answer. The rules (format,
// matching, idempotency, scope, audit) are in lib/db/bank-statements.ts and lib/domain.
import { revalidatePath } from 'next/cache';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canReconcile, importStatement } from '@/lib/db/bank-statements.ts';
import { MAX_STATEMENT_BYTES, type StatementError } from '@/lib/domain/bank-statement.ts';
import type { LineResult } from '@/lib/domain/reconciliation.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';

export type UploadState =
  | { status: 'idle' }
  | { status: 'imported'; statementId: number; businessDay: string; counts: Record<LineResult, number> }
  | { status: 'duplicate'; statementId: number; businessDay: string; importedAt: string }
  | { status: 'invalid'; errors: StatementError[]; errorCount: number }
  | { status: 'refused'; message: MessageKey };

export async function uploadStatementAction(_previous: UploadState, form: FormData): Promise<UploadState> {
  const user = await requirePersona('bank');
  if (!canReconcile(user.role)) return { status: 'refused', message: 'recon.upload.forbidden' };
  const file = form.get('statement');
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return { status: 'refused', message: 'recon.upload.noFile' };
  // checked before reading the bytes: the parser would refuse it too, after holding it in memory
  if (file.size > MAX_STATEMENT_BYTES) {
    return { status: 'invalid', errorCount: 1, errors: [{ line: null, column: null, code: 'too_large', params: { limit: MAX_STATEMENT_BYTES / 1024 / 1024 } }] };
  }
  const outcome = await importStatement(db(), user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  switch (outcome.status) {
    case 'imported':
      revalidatePath('/bank/reconciliation');
      return { status: 'imported', statementId: outcome.statementId, businessDay: outcome.businessDay, counts: outcome.counts };
    case 'duplicate':
      return { status: 'duplicate', statementId: outcome.statementId, businessDay: outcome.businessDay, importedAt: outcome.importedAt.toISOString() };
    case 'invalid':
      return outcome;
    case 'no_programme':
      return { status: 'refused', message: 'recon.upload.noProgramme' };
  }
}
