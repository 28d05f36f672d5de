import type { ReactNode } from 'react';
import { requirePersona } from '@/lib/auth/current.ts';
import type { Persona, Role } from '@/lib/auth/roles.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { AppShell } from './app-shell.tsx';

/** A navigation entry; `roles` limits it to the roles that may use the page (all when absent). */
export interface PersonaNavItem {
  href: string;
  label: MessageKey;
  roles?: readonly Role[];
}

/** The layout of a signed-in persona: checks the session, then frames the page. */
export async function PersonaShell({ persona, nav, children }: { persona: Persona; nav: PersonaNavItem[]; children: ReactNode }) {
  const user = await requirePersona(persona);
  const { t } = await getTranslator();
  return (
    <AppShell
      appName={t('app.name')}
      persona={t(`persona.${persona}`)}
      nav={nav.filter((item) => !item.roles || item.roles.includes(user.role)).map((item) => ({ href: item.href, label: t(item.label) }))}
      userLabel={user.displayName}
      roleLabel={t(`role.${user.role}`)}
      signOutLabel={t('auth.signOut')}
    >
      {children}
    </AppShell>
  );
}
