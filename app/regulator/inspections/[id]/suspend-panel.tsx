'use client';
// A failed inspection's "suspend now": what it does, a confirmation, then the scale is out of service.
import { startTransition, useActionState, useState } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { SuspendState } from './actions.ts';

export function SuspendPanel({ action }: { action: (previous: SuspendState) => Promise<SuspendState> }) {
  const { t } = useI18n();
  const [state, dispatch, pending] = useActionState(action, { status: 'idle' } as SuspendState);
  const [confirming, setConfirming] = useState(false);
  if (state.status === 'suspended') {
    return <p role="status" className="rounded-md bg-red-100 px-3 py-2 font-medium text-red-900" data-testid="suspended-now">{t('inspect.suspended')}</p>;
  }
  return (
    <section className="space-y-2 rounded-lg border-2 border-red-300 bg-red-50 p-3 text-red-900" data-testid="suspend-panel">
      <p className="text-sm">{t('inspect.suspend.prompt')}</p>
      {state.status === 'error' && <p role="alert" className="text-sm font-medium" data-testid="suspend-error">{t(state.error)}</p>}
      {!confirming ? (
        <button type="button" disabled={pending} onClick={() => setConfirming(true)} className="w-full rounded-md bg-red-700 px-4 py-3 font-medium text-white disabled:opacity-60 sm:w-auto" data-testid="suspend">
          {pending ? t('inspect.submitting') : t('inspect.suspend')}
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="confirm-suspend-title" className="space-y-2 rounded-md border border-red-300 bg-white p-3 text-stone-900" data-testid="confirm-suspend">
          <p id="confirm-suspend-title" className="font-medium">{t('inspect.suspend.confirmTitle')}</p>
          <p className="text-sm">{t('inspect.suspend.confirmBody')}</p>
          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                startTransition(dispatch);
              }}
              className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white"
              data-testid="confirm-suspend-submit"
            >
              {t('inspect.suspend.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm" data-testid="confirm-cancel">
              {t('inspect.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
