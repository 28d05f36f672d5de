import type { ReactNode } from 'react';
import { PersonaShell } from '@/components/persona-shell.tsx';

export default function MerchantLayout({ children }: { children: ReactNode }) {
  return (
    <PersonaShell
      persona="merchant"
      nav={[
        { href: '/merchant', label: 'merchant.nav.home' },
        { href: '/merchant/transactions', label: 'merchant.nav.transactions' },
        { href: '/merchant/settlements', label: 'merchant.nav.settlements' },
        { href: '/merchant/scales', label: 'merchant.nav.scales' },
      ]}
    >
      {children}
    </PersonaShell>
  );
}
