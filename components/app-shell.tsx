// White on sun-700 (5.0:1) rather than sun-600 (3.2:1): the header text must meet WCAG AA contrast (axe, tests/e2e/bank-reconciliation.spec.ts).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { signOutAction } from '@/app/login/actions.ts';
import { LocaleSwitch } from './locale-switch.tsx';

export interface NavItem {
  href: string;
  label: string;
}

/** The frame of every signed-in persona: title bar, navigation, user, sign-out, language. */
export function AppShell(props: {
  persona: string;
  nav: NavItem[];
  userLabel: string;
  roleLabel: string;
  signOutLabel: string;
  appName: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="bg-sun-700 text-white shadow print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold">
            ☀ {props.appName} <span className="ml-1 text-sm font-normal">{props.persona}</span>
          </Link>
          <nav className="flex flex-wrap gap-4 text-sm" aria-label="main">
            {props.nav.map((item) => (
              <Link key={item.href} href={item.href} className="hover:underline">
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {props.userLabel} · {props.roleLabel}
            </span>
            <LocaleSwitch />
            <form action={signOutAction}>
              <button type="submit" className="rounded bg-black/15 px-2 py-0.5 hover:bg-black/25">
                {props.signOutLabel}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{props.children}</main>
    </div>
  );
}
