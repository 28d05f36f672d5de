import type { ReactNode } from 'react';
import { PersonaShell } from '@/components/persona-shell.tsx';
import { INSPECTION_ROLES } from '@/lib/db/inspections.ts';
import { REWEIGH_ROLES } from '@/lib/db/reweighs.ts';

export default function RegulatorLayout({ children }: { children: ReactNode }) {
  return (
    <PersonaShell
      persona="regulator"
      nav={[
        { href: '/regulator', label: 'regulator.nav.overview' },
        { href: '/regulator/markets', label: 'regulator.nav.markets' },
        { href: '/regulator/scales', label: 'regulator.nav.scales' },
        { href: '/regulator/verifications', label: 'lifecycle.nav' },
        { href: '/regulator/inspect', label: 'inspect.nav', roles: INSPECTION_ROLES },
        { href: '/regulator/reweigh', label: 'reweigh.nav', roles: REWEIGH_ROLES },
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
