'use client';
// A failed inspection's "suspend now": what it does, a confirmation, then the scale is out of service.
import { ConfirmBox, useConfirmedAction } from '@/components/confirm-box.tsx';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { SuspendState } from './actions.ts';

export function SuspendPanel({ action }: { action: (previous: SuspendState) => Promise<SuspendState> }) {
  const { t } = useI18n();
  const { state, pending, confirming, ask, cancel, confirm } = useConfirmedAction<SuspendState>(action, { status: 'idle' });
  if (state.status === 'suspended') {
    return <p role="status" className="rounded-md bg-red-100 px-3 py-2 font-medium text-red-900" data-testid="suspended-now">{t('inspect.suspended')}</p>;
  }
  return (
    <section className="space-y-2 rounded-lg border-2 border-red-300 bg-red-50 p-3 text-red-900" data-testid="suspend-panel">
      <p className="text-sm">{t('inspect.suspend.prompt')}</p>
      {state.status === 'error' && <p role="alert" className="text-sm font-medium" data-testid="suspend-error">{t(state.error)}</p>}
      {!confirming ? (
        <button type="button" disabled={pending} onClick={ask} className="w-full rounded-md bg-red-700 px-4 py-3 font-medium text-white disabled:opacity-60 sm:w-auto" data-testid="suspend">
          {pending ? t('inspect.submitting') : t('inspect.suspend')}
        </button>
      ) : (
        <ConfirmBox
          name="suspend"
          tone="red"
          onTinted
          title={t('inspect.suspend.confirmTitle')}
          body={t('inspect.suspend.confirmBody')}
          confirmLabel={t('inspect.suspend.confirm')}
          cancelLabel={t('inspect.cancel')}
          onConfirm={confirm}
          onCancel={cancel}
        />
      )}
    </section>
  );
}
