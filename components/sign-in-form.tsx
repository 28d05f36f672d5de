'use client';
import { useActionState } from 'react';
import { signInAction, type SignInState } from '@/app/login/actions.ts';
import { useI18n } from '@/lib/i18n/client.tsx';

const initial: SignInState = { username: '', fieldErrors: {} };

export function SignInForm() {
  const { t } = useI18n();
  const [state, action, pending] = useActionState(signInAction, initial);
  const field = 'mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-base focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40 aria-[invalid=true]:border-red-500';
  return (
    <form action={action} noValidate className="space-y-4" data-testid="sign-in-form">
      {state.formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
          {t(state.formError)}
        </p>
      )}
      <label className="block">
        <span className="text-sm font-medium">{t('auth.username')}</span>
        <input
          name="username"
          autoComplete="username"
          defaultValue={state.username}
          aria-invalid={Boolean(state.fieldErrors.username)}
          aria-describedby="username-error"
          className={field}
        />
        {state.fieldErrors.username && (
          <span id="username-error" className="mt-1 block text-sm text-red-600" data-testid="username-error">
            {t(state.fieldErrors.username)}
          </span>
        )}
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t('auth.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(state.fieldErrors.password)}
          aria-describedby="password-error"
          className={field}
        />
        {state.fieldErrors.password && (
          <span id="password-error" className="mt-1 block text-sm text-red-600" data-testid="password-error">
            {t(state.fieldErrors.password)}
          </span>
        )}
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700 disabled:opacity-60"
      >
        {pending ? t('common.loading') : t('auth.signIn')}
      </button>
    </form>
  );
}
