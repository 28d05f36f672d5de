'use client';
// A suspended scale: why it may not yet go back into service, or the button that puts it back
// (after a passing verification since the suspension), behind a confirmation.
import { ConfirmBox, useConfirmedAction } from '@/components/confirm-box.tsx';
import type { ReinstatementRefusal } from '@/lib/domain/verification-lifecycle.ts';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { ReinstateState } from './actions.ts';

export function ReinstatePanel({ allowed, reason, action }: {
  allowed: boolean;
  reason: ReinstatementRefusal | null;
  action: (previous: ReinstateState) => Promise<ReinstateState>;
}) {
  const { t } = useI18n();
  const { state, pending, confirming, ask, cancel, confirm } = useConfirmedAction<ReinstateState>(action, { status: 'idle' });
  if (state.status === 'reinstated') {
    return <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800" data-testid="reinstated">{t('inspect.reinstated')}</p>;
  }
  return (
    <section className="space-y-2 rounded-lg border-2 border-red-300 bg-red-50 p-3 text-red-900" data-testid="suspended-panel">
      <p className="font-medium">{t('inspect.suspendedNow')}</p>
      {allowed ? <p className="text-sm">{t('inspect.reinstate.hint')}</p> : reason && <p className="text-sm" data-testid="reinstate-refused">{t(`inspect.reinstate.refused.${reason}`)}</p>}
      {state.status === 'error' && <p role="alert" className="text-sm font-medium" data-testid="reinstate-error">{t(state.error)}</p>}
      {allowed && !confirming && (
        <button type="button" disabled={pending} onClick={ask} className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60" data-testid="reinstate">
          {pending ? t('inspect.submitting') : t('inspect.reinstate')}
        </button>
      )}
      {confirming && (
        <ConfirmBox
          name="reinstate"
          tone="emerald"
          onTinted
          title={t('inspect.reinstate.confirmTitle')}
          confirmLabel={t('inspect.reinstate.confirm')}
          cancelLabel={t('inspect.cancel')}
          onConfirm={confirm}
          onCancel={cancel}
        />
      )}
    </section>
  );
}
