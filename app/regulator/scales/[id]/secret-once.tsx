'use client';
// A device secret just issued: shown in this response only (it lives in React state, never in a
// URL, a cookie or the page's server-rendered HTML), so a reload or leaving the page loses it.
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/client.tsx';

export function SecretOnce({ secret, serial }: { secret: string; serial: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // no clipboard (an insecure origin): the secret is selectable by hand
    }
  };
  return (
    <div role="status" className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="secret-once">
      <h3 className="font-semibold text-amber-900">{t('regulator.provision.secret.title')}</h3>
      <p className="text-sm text-stone-700">{t('regulator.provision.secret.serial', { serial })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="select-all break-all rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-amber-300" data-testid="issued-secret">
          {secret}
        </code>
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded-md border border-amber-500 bg-white px-3 py-1 text-sm hover:bg-amber-100"
          data-testid="copy-secret"
        >
          {copied ? t('regulator.provision.secret.copied') : t('regulator.provision.secret.copy')}
        </button>
      </div>
      <p className="text-sm text-amber-900" data-testid="secret-once-hint">{t('regulator.provision.secret.hint')}</p>
    </div>
  );
}
