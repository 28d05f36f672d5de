'use client';
// 登记付款: the bank's transfer reference and the day it was made; field errors in place.
import { useActionState, useId } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';
import { PAYOUT_REF_MAX } from '@/lib/domain/payout.ts';
import { recordPayoutAction, type PayoutState } from './actions.ts';

export function PayoutForm({ settlementId, today }: { settlementId: number; today: string }) {
  const { t } = useI18n();
  const [state, record, pending] = useActionState<PayoutState, FormData>(recordPayoutAction, { status: 'idle' });
  const refId = useId();
  const dayId = useId();
  const errors = state.status === 'error' ? state.errors : {};
  const error = (key: 'bankRef' | 'paidOn' | 'form') =>
    errors[key] ? <p id={`${key}-${settlementId}-error`} role="alert" className="text-sm text-red-700" data-testid={`payout-error-${key}`}>{t(errors[key])}</p> : null;
  return (
    <form action={record} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-sm" data-testid="payout-form">
      <h2 className="font-semibold">{t('payout.title')}</h2>
      <input type="hidden" name="settlementId" value={settlementId} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <label htmlFor={refId} className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="text-stone-700">{t('payout.bankRef')}</span>
          <input id={refId} name="bankRef" maxLength={PAYOUT_REF_MAX} required aria-invalid={errors.bankRef ? true : undefined}
            aria-describedby={errors.bankRef ? `bankRef-${settlementId}-error` : undefined}
            className="rounded border border-stone-300 px-2 py-1.5 font-mono aria-invalid:border-red-600" data-testid="payout-ref" />
        </label>
        <label htmlFor={dayId} className="flex flex-col gap-1">
          <span className="text-stone-700">{t('payout.paidOn')}</span>
          <input id={dayId} type="date" name="paidOn" max={today} defaultValue={today} required aria-invalid={errors.paidOn ? true : undefined}
            aria-describedby={errors.paidOn ? `paidOn-${settlementId}-error` : undefined}
            className="rounded border border-stone-300 px-2 py-1.5 aria-invalid:border-red-600" data-testid="payout-day" />
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-sun-700 px-4 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-60" data-testid="payout-submit">
          {pending ? t('payout.saving') : t('payout.submit')}
        </button>
      </div>
      {error('bankRef')}
      {error('paidOn')}
      {error('form')}
    </form>
  );
}
