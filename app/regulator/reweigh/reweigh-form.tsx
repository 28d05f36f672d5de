'use client';
// The re-weigh of one weighing: which fair scale, what it showed; then the verdict.
import Link from 'next/link';
import { startTransition, useActionState, type FormEvent } from 'react';
import { massLabel, signedMassLabel } from '@/lib/domain/mass-label.ts';
import { wholeMgMpe } from '@/lib/domain/metrology/index.ts';
import { useI18n } from '@/lib/i18n/client.tsx';
import { recordReweighAction, type ReweighState } from './actions.ts';

export interface FairScaleOption {
  id: number;
  /** already written for the reader: serial, stall, status */
  label: string;
  usable: boolean;
}

const INITIAL: ReweighState = { status: 'editing', fieldErrors: {} };
const input = 'mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base tabular-nums focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40 aria-[invalid=true]:border-red-500';

export function ReweighForm({ weighingId, scaleTime, fairScales, testId }: { weighingId: string; scaleTime: string; fairScales: FairScaleOption[]; testId: string }) {
  const { t } = useI18n();
  const [state, dispatch, pending] = useActionState(recordReweighAction, INITIAL);
  const usable = fairScales.filter((scale) => scale.usable);

  if (state.status === 'recorded') {
    const values = { error: signedMassLabel(state.errorMg), mpe: massLabel(wholeMgMpe(state.mpeMg)), fair: massLabel(state.referenceMg), net: massLabel(state.indicationMg) };
    return (
      <div className="space-y-2" data-testid={`${testId}-result`} data-passed={String(state.passed)}>
        <p role="status" className={`rounded-md px-3 py-2 font-medium ${state.passed ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
          {t(state.passed ? 'reweigh.result.passed' : 'reweigh.result.failed', values)}
        </p>
        {state.alertId !== null && <p className="text-sm text-stone-600" data-testid={`${testId}-alert`}>{t('reweigh.result.alert', { id: state.alertId })}</p>}
        <Link href="/regulator/reweigh" className="inline-block rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50">{t('reweigh.another')}</Link>
      </div>
    );
  }
  if (usable.length === 0) return <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={`${testId}-no-fair-scale`}>{t('reweigh.noFairScale')}</p>;

  const errors = state.fieldErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid={`${testId}-form`}>
      <input type="hidden" name="weighingId" value={weighingId} />
      <input type="hidden" name="scaleTime" value={scaleTime} />
      {state.formError && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t(state.formError)}</p>}
      {errors.weighingId && <p className="text-sm text-red-600">{t(errors.weighingId)}</p>}
      <label className="block">
        <span className="text-sm font-medium">{t('reweigh.fairScale')}</span>
        <select name="fairScaleId" defaultValue={usable[0]?.id} aria-invalid={Boolean(errors.fairScaleId)} className={input} data-testid={`${testId}-fair-scale`}>
          {fairScales.map((scale) => <option key={scale.id} value={scale.id} disabled={!scale.usable}>{scale.label}</option>)}
        </select>
        {errors.fairScaleId && <span className="mt-1 block text-sm text-red-600">{t(errors.fairScaleId)}</span>}
      </label>
      <div className="flex gap-2">
        <label className="block flex-1">
          <span className="text-sm font-medium">{t('reweigh.fairMass')}</span>
          <input type="text" name="fairMass" inputMode="decimal" autoComplete="off" aria-invalid={Boolean(errors.fairMass)} className={input} data-testid={`${testId}-fair-mass`} />
        </label>
        <label className="block w-28">
          <span className="text-sm font-medium">{t('inspect.unit')}</span>
          <select name="unit" defaultValue="kg" className={input} data-testid={`${testId}-unit`}>
            <option value="kg">{t('inspect.unit.kg')}</option>
            <option value="g">{t('inspect.unit.g')}</option>
          </select>
        </label>
      </div>
      {errors.fairMass && <span className="block text-sm text-red-600" data-testid={`${testId}-fair-mass-error`}>{t(errors.fairMass)}</span>}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700 disabled:opacity-60" data-testid={`${testId}-submit`}>
        {pending ? t('inspect.submitting') : t('reweigh.submit')}
      </button>
    </form>
  );
}
