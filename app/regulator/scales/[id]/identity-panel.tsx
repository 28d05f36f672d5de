'use client';
// The scale's device identity: when its secret was issued, whether it is revoked, and (for roles
// that may provision) rotate and revoke, each behind a confirmation step.
import { startTransition, useActionState, useState } from 'react';
import { Badge } from '@/components/badge.tsx';
import { ConfirmBox } from '@/components/confirm-box.tsx';
import { useI18n } from '@/lib/i18n/client.tsx';
import type { IdentityActionState } from './actions.ts';
import { SecretOnce } from './secret-once.tsx';

type Action = (previous: IdentityActionState) => Promise<IdentityActionState>;

export interface IdentityPanelProps {
  serial: string;
  provisioned: boolean;
  /** already formatted for the reader */
  secretIssuedAt: string | null;
  revokedAt: string | null;
  canProvision: boolean;
  rotateAction: Action;
  revokeAction: Action;
}

const IDLE: IdentityActionState = { status: 'idle' };

export function IdentityPanel(props: IdentityPanelProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null);
  const [last, setLast] = useState<'rotate' | 'revoke' | null>(null);
  const [rotated, rotate, rotating] = useActionState(props.rotateAction, IDLE);
  const [revoked, revoke, revoking] = useActionState(props.revokeAction, IDLE);
  const isRevoked = props.revokedAt !== null;
  const busy = rotating || revoking;
  // only the latest action's error: a later success clears it
  const latest = last === 'rotate' ? rotated : last === 'revoke' ? revoked : null;
  const error = latest?.status === 'error' ? latest.error : null;

  const run = (which: 'rotate' | 'revoke', dispatch: () => void) => {
    setConfirming(null);
    setLast(which);
    startTransition(dispatch);
  };
  const state = isRevoked ? 'revoked' : props.provisioned ? 'active' : 'unissued';
  const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60';

  return (
    <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="device-identity">
      <div>
        <h2 className="font-semibold">{t('regulator.provision.identity')}</h2>
        <p className="text-sm text-stone-600">{t('regulator.provision.identityHint')}</p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div className="flex flex-col">
          <dt className="text-stone-500">{t('regulator.provision.state')}</dt>
          <dd data-testid="identity-state" data-state={state}>
            <Badge tone={state === 'active' ? 'green' : state === 'revoked' ? 'red' : 'stone'}>{t(`regulator.provision.state.${state}`)}</Badge>
          </dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-stone-500">{t('regulator.provision.issuedAt')}</dt>
          <dd className="font-medium tabular-nums" data-testid="secret-issued-at">{props.secretIssuedAt ?? t('regulator.provision.never')}</dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-stone-500">{t('regulator.provision.revokedAt')}</dt>
          <dd className="font-medium tabular-nums" data-testid="revoked-at">{props.revokedAt ?? t('regulator.provision.never')}</dd>
        </div>
      </dl>

      {isRevoked && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="identity-revoked">{t('regulator.provision.revoked')}</p>
      )}
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="identity-error">{t(error)}</p>}
      {rotated.status === 'rotated' && !isRevoked && <SecretOnce secret={rotated.secret} serial={props.serial} />}

      {props.canProvision && !isRevoked && confirming === null && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => setConfirming('rotate')}
            className={`${button} bg-sun-600 text-white hover:bg-sun-700`}
            data-testid="rotate-secret"
          >
            {rotating ? t('regulator.provision.submitting') : props.provisioned ? t('regulator.provision.rotate') : t('regulator.provision.issue')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => setConfirming('revoke')}
            className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}
            data-testid="revoke-scale"
          >
            {revoking ? t('regulator.provision.submitting') : t('regulator.provision.revoke')}
          </button>
        </div>
      )}

      {confirming && (
        <ConfirmBox
          name={confirming}
          tone={confirming === 'rotate' ? 'amber' : 'red'}
          title={t(`regulator.provision.${confirming}.confirmTitle`)}
          body={t(`regulator.provision.${confirming}.confirmBody`)}
          confirmLabel={t(`regulator.provision.${confirming}.confirm`)}
          cancelLabel={t('regulator.provision.cancel')}
          onConfirm={() => (confirming === 'rotate' ? run('rotate', rotate) : run('revoke', revoke))}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
