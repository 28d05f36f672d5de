// The inspector's way in, on a phone: type the serial on the data plate (the QR label's page links
// straight to the form). A scale is found only in the inspector's scope; anything else reads the
// same "not found", so the page tells nothing about other districts.
import type { Metadata } from 'next';
import { forbidden, redirect } from 'next/navigation';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canInspect, findScaleBySerial } from '@/lib/db/inspections.ts';
import { firstParam } from '@/lib/domain/search-param.ts';
import { SERIAL_PATTERN } from '@/lib/domain/protocol/topics.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('inspect.title') };
}

export default async function InspectSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('regulator');
  if (!canInspect(user.role)) forbidden();
  const { t } = await getTranslator();
  const serial = firstParam((await searchParams).serial)?.trim() ?? '';
  let notFoundSerial: string | null = null;
  if (serial) {
    const id = SERIAL_PATTERN.test(serial) ? await findScaleBySerial(db(), user.scope, serial) : null;
    if (id !== null) redirect(`/regulator/inspect/${id}`);
    notFoundSerial = serial;
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{t('inspect.title')}</h1>
        <p className="text-sm text-stone-600">{t('inspect.intro')}</p>
      </header>
      <form method="get" action="/regulator/inspect" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="inspect-search">
        <label className="block">
          <span className="text-sm font-medium">{t('inspect.serial')}</span>
          <input
            type="text"
            name="serial"
            defaultValue={serial}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 font-mono text-lg focus:border-sun-500 focus:outline-none focus:ring-2 focus:ring-sun-400/40"
            data-testid="inspect-serial"
          />
        </label>
        <button type="submit" className="w-full rounded-md bg-sun-600 px-4 py-2 font-medium text-white hover:bg-sun-700" data-testid="inspect-find">
          {t('inspect.find')}
        </button>
      </form>
      {notFoundSerial && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="inspect-not-found">
          {t('inspect.notFound', { serial: notFoundSerial })}
        </p>
      )}
      <p className="text-sm text-stone-500">{t('inspect.scanHint')}</p>
    </div>
  );
}
