import type { ReactNode } from 'react';
import { PersonaShell } from '@/components/persona-shell.tsx';

export default function RegulatorLayout({ children }: { children: ReactNode }) {
  return (
    <PersonaShell
      persona="regulator"
      nav={[
        { href: '/regulator', label: 'regulator.nav.overview' },
        { href: '/regulator/markets', label: 'regulator.nav.markets' },
        { href: '/regulator/scales', label: 'regulator.nav.scales' },
        { href: '/regulator/rankings/merchants', label: 'scores.nav.merchants' },
        { href: '/regulator/rankings/scales', label: 'scores.nav.scales' },
        { href: '/regulator/alerts', label: 'scores.nav.alerts' },
        { href: '/regulator/complaints', label: 'scores.nav.complaints' },
      ]}
    >
      {children}
    </PersonaShell>
  );
}
