import type { ReactNode } from 'react';
import { PersonaShell } from '@/components/persona-shell.tsx';

export default function BankLayout({ children }: { children: ReactNode }) {
  return (
    <PersonaShell
      persona="bank"
      nav={[
        { href: '/bank', label: 'bank.nav.overview' },
        { href: '/bank/merchants', label: 'bankMerchants.nav' },
        { href: '/bank/settlements', label: 'bank.nav.settlements' },
        { href: '/bank/reconciliation', label: 'bank.nav.reconciliation' },
        { href: '/bank/exceptions', label: 'bankExceptions.nav' },
        { href: '/bank/webhook', label: 'bankWebhook.nav' },
      ]}
    >
      {children}
    </PersonaShell>
  );
}
