'use client';
// The registration form. Submitted by script (not a plain form action) so that what was typed stays
// in the fields when the server names an error; once registered, the secret is shown once.
import Link from 'next/link';
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from 'react';
import type { RegisterField } from '@/lib/db/provisioning.ts';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { SecretOnce } from '../[id]/secret-once.tsx';
import { registerScaleAction, type RegisterState } from './actions.ts';

export interface MarketChoice {
  id: number;
  /** the market's name in the reader's language */
  label: string;
  stalls: { id: number; code: string; shopName: string | null }[];
}

const INITIAL: RegisterState = { status: 'editing', fieldErrors: {} };
const CLASSES = ['I', 'II', 'III', 'IIII'] as const;
const input = 'mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40 aria-[invalid=true]:border-red-500';

/** A new form (fresh state) for every registration: "register another" starts over. */
export function RegisterScale({ markets }: { markets: MarketChoice[] }) {
  const [round, setRound] = useState(0);
  return <RegisterForm key={round} markets={markets} onAnother={() => setRound((value) => value + 1)} />;
}

function RegisterForm({ markets, onAnother }: { markets: MarketChoice[]; onAnother: () => void }) {
  const { t } = useI18n();
  const [state, dispatch, pending] = useActionState(registerScaleAction, INITIAL);
  const [marketId, setMarketId] = useState(markets.length === 1 && markets[0] ? String(markets[0].id) : '');
  const market = markets.find((candidate) => String(candidate.id) === marketId);

  if (state.status === 'registered') {
    return (
      <div className="space-y-4" data-testid="registered">
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800" data-testid="registered-message">
          {t('regulator.provision.registered', { serial: state.serial })}
        </p>
        <SecretOnce secret={state.secret} serial={state.serial} />
        <div className="flex flex-wrap gap-3">
          <Link href={`/regulator/scales/${state.scaleId}`} className="rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700" data-testid="registered-scale-link">
            {t('regulator.provision.openScale')}
          </Link>
          <button type="button" onClick={onAnother} className="rounded-md border border-stone-300 bg-white px-4 py-2 hover:bg-stone-50" data-testid="register-another">
            {t('regulator.provision.registerAnother')}
          </button>
        </div>
      </div>
    );
  }

  const errors = state.fieldErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const field = (name: RegisterField, label: MessageKey, control: ReactNode, hint?: MessageKey) => {
    const error = errors[name];
    return (
      <label className="block">
        <span className="text-sm font-medium">{t(label)}</span>
        {control}
        {hint && !error && <span className="mt-1 block text-xs text-stone-500">{t(hint)}</span>}
        {error && <span id={`${name}-error`} className="mt-1 block text-sm text-red-600" data-testid={`${name}-error`}>{t(error)}</span>}
      </label>
    );
  };
  const attrs = (name: RegisterField) => ({
    name,
    'aria-invalid': Boolean(errors[name]),
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
    'data-testid': `register-${name}`,
    className: input,
  });
  const text = (name: RegisterField, extra: { inputMode?: 'decimal'; autoComplete?: string; defaultValue?: string } = {}) => (
    <input type="text" autoComplete={extra.autoComplete ?? 'off'} inputMode={extra.inputMode} defaultValue={extra.defaultValue} {...attrs(name)} />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="register-form">
      {state.formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">{t(state.formError)}</p>
      )}
      <fieldset className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {field('marketId', 'regulator.provision.field.market', (
          <select {...attrs('marketId')} value={marketId} onChange={(event) => setMarketId(event.target.value)}>
            <option value="">{t('regulator.provision.field.choose')}</option>
            {markets.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
          </select>
        ))}
        {field('stallId', 'regulator.provision.field.stall', (
          // a new list (and choice) whenever the market changes
          <select key={marketId} {...attrs('stallId')} defaultValue="">
            <option value="">{t('regulator.provision.field.noStall')}</option>
            {market?.stalls.map((stall) => (
              <option key={stall.id} value={stall.id}>{stall.code} {stall.shopName ?? t('regulator.stall.vacant')}</option>
            ))}
          </select>
        ))}
        {field('purpose', 'regulator.provision.field.purpose', (
          <select {...attrs('purpose')} defaultValue="trade">
            <option value="trade">{t('regulator.purpose.trade')}</option>
            <option value="fair">{t('regulator.purpose.fair')}</option>
          </select>
        ))}
        {field('serial', 'regulator.provision.field.serial', text('serial'), 'regulator.provision.field.serialHint')}
        {field('model', 'regulator.provision.field.model', text('model'))}
        {field('maker', 'regulator.provision.field.maker', text('maker', { autoComplete: 'organization' }))}
        {field('accuracyClass', 'regulator.provision.field.class', (
          <select {...attrs('accuracyClass')} defaultValue="III">
            {CLASSES.map((value) => <option key={value} value={value}>{t('regulator.provision.field.classOption', { class: value })}</option>)}
          </select>
        ))}
        {field('maxG', 'regulator.provision.field.max', text('maxG', { inputMode: 'decimal' }))}
        {field('eG', 'regulator.provision.field.e', text('eG', { inputMode: 'decimal' }))}
        {field('dG', 'regulator.provision.field.d', text('dG', { inputMode: 'decimal' }))}
        {field('minG', 'regulator.provision.field.min', text('minG', { inputMode: 'decimal' }), 'regulator.provision.field.minHint')}
        {field('softwareId', 'regulator.provision.field.softwareId', text('softwareId'), 'regulator.provision.field.softwareIdHint')}
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700 disabled:opacity-60"
        data-testid="register-submit"
      >
        {pending ? t('regulator.provision.submitting') : t('regulator.provision.submit')}
      </button>
    </form>
  );
}
