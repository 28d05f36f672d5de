'use client';
// One exception's resolution: a note (required) and a button; the answer or the field's error
// appears in place, announced to screen readers.
import { useActionState, useId } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';
import { NOTE_MAX, type BankExceptionKind } from '@/lib/domain/bank-exception.ts';
import { resolveExceptionAction, type ResolveState } from './actions.ts';

export function ResolveForm({ kind, id }: { kind: BankExceptionKind; id: string }) {
  const { t } = useI18n();
  const [state, resolve, pending] = useActionState<ResolveState, FormData>(resolveExceptionAction, { status: 'idle' });
  const noteId = useId();
  const errorId = useId();
  if (state.status === 'resolved') {
    return <p role="status" className="font-medium text-emerald-800" data-testid="exception-resolved">{t('bankExceptions.resolved')}</p>;
  }
  const noteError = state.status === 'error' && state.field === 'note';
  return (
    <form action={resolve} className="flex min-w-56 flex-col gap-2" data-testid={`resolve-${kind}-${id}`}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <label htmlFor={noteId} className="text-xs font-medium text-stone-700">{t('bankExceptions.note.label')}</label>
      <textarea
        id={noteId} name="note" rows={2} maxLength={NOTE_MAX} required
        placeholder={t('bankExceptions.note.placeholder')}
        aria-invalid={noteError || undefined} aria-describedby={state.status === 'error' ? errorId : undefined}
        className="w-full rounded-md border border-stone-300 px-2 py-1 text-sm aria-invalid:border-red-600"
        data-testid="resolve-note"
      />
      <button type="submit" disabled={pending} className="self-start rounded-md bg-sun-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60" data-testid="resolve-submit">
        {pending ? t('bankExceptions.resolving') : t('bankExceptions.resolve')}
      </button>
      {state.status === 'error' && (
        <p id={errorId} role="alert" className="text-sm text-red-700" data-testid="resolve-error">{t(state.error)}</p>
      )}
    </form>
  );
}
