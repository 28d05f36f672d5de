// The shopper's mobile pages (/v/<token> receipt check, /s/<serial> scale page, and their not-found
// pages): public, no sign-in, no navigation, server-rendered and light enough for any phone.
import type { ReactNode } from 'react';
import { LocaleSwitch } from '@/components/locale-switch.tsx';
import type { Translate } from '@/lib/i18n/index.ts';

/** The shopper's small header: no sign-in, no navigation, just the name and the language. Its
 * white text needs sun-700 (5.0:1); on sun-600 it is 3.2:1, under WCAG AA's 4.5:1 (axe: serious). */
export function ShopperHeader({ appName, title }: { appName: string; title: string }) {
  return (
    <header className="bg-sun-700 text-white">
      <div className="mx-auto flex max-w-md items-center justify-between gap-3 px-4 py-3">
        <p className="text-base font-bold">
          ☀ {appName} <span className="ml-1 text-sm font-normal">{title}</span>
        </p>
        <LocaleSwitch />
      </div>
    </header>
  );
}

/** Header plus the narrow column of cards a shopper scrolls through. */
export function ShopperPage({ appName, title, children }: { appName: string; title: string; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-stone-50">
      <ShopperHeader appName={appName} title={title} />
      <main className="mx-auto max-w-md space-y-3 px-3 py-4 text-[15px] leading-relaxed">{children}</main>
    </div>
  );
}

export function ShopperCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-xl border border-stone-200 bg-white px-4 py-3 shadow-sm" data-testid={testId}>
      <h2 className="mb-1 text-sm font-semibold text-stone-500">{title}</h2>
      {children}
    </section>
  );
}

/** One label/value line of a ShopperCard's <dl>. */
export function ShopperRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-stone-500">{label}</dt>
      <dd className="text-right font-medium" data-testid={testId}>{children}</dd>
    </div>
  );
}

/** An unknown receipt or scale, or a receipt that cannot be verified: say so plainly and offer the 12315 hotline. */
export function ShopperNotFound(props: { appName: string; header: string; title: string; body: string; callLabel: string; testId: string }) {
  return (
    <div className="min-h-screen bg-stone-50">
      <ShopperHeader appName={props.appName} title={props.header} />
      <main className="mx-auto max-w-md px-4 py-8" data-testid={props.testId}>
        <h1 className="text-xl font-semibold">{props.title}</h1>
        <p className="mt-3 leading-relaxed text-stone-700">{props.body}</p>
        <a href="tel:12315" className="mt-6 inline-block rounded-lg bg-sun-700 px-4 py-2 font-medium text-white">
          {props.callLabel}
        </a>
      </main>
    </div>
  );
}

/** The accuracy class as a shopper reads it (e.g. 中准确度级（Ⅲ级）); an unknown class as it is. */
export function accuracyClassLabel(t: Translate, accuracyClass: string): string {
  switch (accuracyClass) {
    case 'I':
    case 'II':
    case 'III':
    case 'IIII':
      return t(`shopper.class.${accuracyClass}`);
    default:
      return accuracyClass;
  }
}
