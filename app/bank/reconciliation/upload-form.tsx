'use client';
// The statement upload: a file input and the import's answer (counts, "already imported", or every
// line error). The file goes to the server action as multipart form data.
import Link from 'next/link';
import { startTransition, useActionState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';
import { dateTime } from '@/lib/i18n/format.ts';
import { statementErrorPlace, statementErrorText } from '@/lib/i18n/statement-errors.ts';
import { uploadStatementAction, type UploadState } from './actions.ts';

const INITIAL: UploadState = { status: 'idle' };

export function UploadForm() {
  const { locale, t } = useI18n();
  const [state, dispatch, pending] = useActionState(uploadStatementAction, INITIAL);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const open = (id: number) => (
    <Link href={`/bank/reconciliation/${id}`} className="mt-2 inline-block font-medium text-sun-700 underline" data-testid="upload-open">
      {t('recon.upload.open')}
    </Link>
  );

  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end" data-testid="upload-form">
        <label className="block min-w-0 flex-1">
          <span className="text-sm font-medium">{t('recon.upload.file')}</span>
          <input
            type="file" name="statement" accept=".csv,text/csv" required
            className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-stone-100 file:px-3 file:py-1"
            data-testid="upload-file"
          />
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-sun-700 px-4 py-2 font-medium text-white hover:bg-amber-800 disabled:opacity-60" data-testid="upload-submit">
          {pending ? t('recon.upload.submitting') : t('recon.upload.submit')}
        </button>
      </form>

      <div aria-live="polite">
        {state.status === 'imported' && (
          <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="upload-imported">
            <p>{t('recon.upload.imported', {
              day: state.businessDay, matched: state.counts.matched, mismatched: state.counts.mismatched,
              unmatched: state.counts.unmatched, missing: state.counts.missing_from_statement,
            })}</p>
            {open(state.statementId)}
          </div>
        )}
        {state.status === 'duplicate' && (
          <div role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="upload-duplicate">
            <p>{t('recon.upload.duplicate', { at: dateTime(new Date(state.importedAt), locale), day: state.businessDay })}</p>
            {open(state.statementId)}
          </div>
        )}
        {state.status === 'refused' && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="upload-refused">{t(state.message)}</p>
        )}
        {state.status === 'invalid' && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="upload-invalid">
            <p className="font-medium">{t('recon.upload.invalid', { count: state.errorCount })}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {state.errors.map((error, index) => (
                <li key={index} data-testid="upload-error" data-line={error.line ?? ''} data-column={error.column ?? ''} data-code={error.code}>
                  <span className="font-medium">{statementErrorPlace(t, error)}</span>{locale === 'en' ? ': ' : '：'}{statementErrorText(t, error)}
                </li>
              ))}
            </ul>
            {state.errorCount > state.errors.length && <p className="mt-2">{t('recon.upload.moreErrors', { count: state.errorCount - state.errors.length })}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
