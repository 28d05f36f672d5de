'use client';
// The second step of a consequential action (suspend, reinstate, rotate, revoke): what will happen,
// confirm or cancel. Test ids derive from `name`: confirm-<name>, confirm-<name>-submit, confirm-cancel.

import { startTransition, useActionState, useState } from 'react';

export type ConfirmTone = 'emerald' | 'amber' | 'red';

const TONE: Record<ConfirmTone, { border: string; tint: string; confirm: string }> = {
  emerald: { border: 'border-emerald-300', tint: 'bg-emerald-50', confirm: 'bg-emerald-700 hover:bg-emerald-800' },
  amber: { border: 'border-amber-300', tint: 'bg-amber-50', confirm: 'bg-sun-600 hover:bg-sun-700' },
  red: { border: 'border-red-300', tint: 'bg-red-50 text-red-900', confirm: 'bg-red-700 hover:bg-red-800' },
};

export function ConfirmBox(props: {
  name: string;
  tone: ConfirmTone;
  /** inside a panel already tinted in its tone: a white box so it stands out */
  onTinted?: boolean;
  title: string;
  body?: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const tone = TONE[props.tone];
  const box = `${tone.border} ${props.onTinted ? 'bg-white text-stone-900' : tone.tint}`;
  const button = 'rounded-md px-3 py-1.5 text-sm font-medium';
  return (
    <div role="alertdialog" aria-labelledby={`confirm-${props.name}-title`} className={`space-y-2 rounded-md border p-3 ${box}`} data-testid={`confirm-${props.name}`}>
      <p id={`confirm-${props.name}-title`} className="font-medium">{props.title}</p>
      {props.body && <p className="text-sm">{props.body}</p>}
      <div className="flex gap-2">
        <button type="button" onClick={props.onConfirm} className={`${button} ${tone.confirm} text-white`} data-testid={`confirm-${props.name}-submit`}>
          {props.confirmLabel}
        </button>
        <button type="button" onClick={props.onCancel} className={`${button} border border-stone-300 bg-white text-stone-900`} data-testid="confirm-cancel">
          {props.cancelLabel}
        </button>
      </div>
    </div>
  );
}

/** One server action behind a ConfirmBox: ask opens it, confirm closes it and dispatches, cancel closes it. */
export function useConfirmedAction<S>(action: (previous: Awaited<S>) => Promise<S>, initial: Awaited<S>) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const [confirming, setConfirming] = useState(false);
  return {
    state,
    pending,
    confirming,
    ask: () => setConfirming(true),
    cancel: () => setConfirming(false),
    confirm: () => {
      setConfirming(false);
      startTransition(dispatch);
    },
  };
}
