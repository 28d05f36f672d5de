import type { ReactNode } from 'react';
import { requirePersona } from '@/lib/auth/current.ts';
import type { Persona } from '@/lib/auth/roles.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { AppShell } from './app-shell.tsx';

/** The layout of a signed-in persona: checks the session, then frames the page. */
export async function PersonaShell({ persona, nav, children }: { persona: Persona; nav: { href: string; label: MessageKey }[]; children: ReactNode }) {
  const user = await requirePersona(persona);
  const { t } = await getTranslator();
  return (
    <AppShell
      appName={t('app.name')}
      persona={t(`persona.${persona}`)}
      nav={nav.map((item) => ({ href: item.href, label: t(item.label) }))}
      userLabel={user.displayName}
      roleLabel={t(`role.${user.role}`)}
      signOutLabel={t('auth.signOut')}
    >
      {children}
    </AppShell>
  );
}
