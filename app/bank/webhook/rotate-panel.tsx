'use client';
// Issue a new webhook secret and show it once: it lives in React state only (never in a URL, a
// cookie or the server-rendered HTML), so a reload loses it.
import { useActionState, useState } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';
import { rotateWebhookSecretAction, type RotateState } from './actions.ts';

export function RotatePanel() {
  const { t } = useI18n();
  const [state, rotate, pending] = useActionState<RotateState>(rotateWebhookSecretAction, { status: 'idle' });
  const [copied, setCopied] = useState(false);
  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // no clipboard (an insecure origin): the secret is selectable by hand
    }
  };
  return (
    <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="webhook-rotate">
      <h2 className="font-semibold">{t('bankWebhook.rotate.title')}</h2>
      <p className="text-sm text-stone-700">{t('bankWebhook.rotate.warning')}</p>
      <form action={rotate}>
        <button type="submit" disabled={pending} className="rounded-md bg-sun-600 px-4 py-2 text-sm font-medium text-white hover:bg-sun-700 disabled:opacity-60">
          {pending ? t('bankWebhook.rotate.pending') : t('bankWebhook.rotate.button')}
        </button>
      </form>
      {state.status === 'error' && (
        <p role="alert" className="text-sm text-red-700">
          {t(state.error)}
        </p>
      )}
      {state.status === 'rotated' && (
        <div role="status" className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="webhook-secret-once">
          <h3 className="font-semibold text-amber-900">{t('bankWebhook.secret.title')}</h3>
          <div className="flex flex-wrap items-center gap-2">
            <code className="select-all break-all rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-amber-300" data-testid="webhook-secret">
              {state.secret}
            </code>
            <button type="button" onClick={() => void copy(state.secret)} className="rounded-md border border-amber-500 bg-white px-3 py-1 text-sm hover:bg-amber-100">
              {copied ? t('bankWebhook.secret.copied') : t('bankWebhook.secret.copy')}
            </button>
          </div>
          <p className="text-sm text-amber-900">{t('bankWebhook.secret.hint')}</p>
        </div>
      )}
    </section>
  );
}
