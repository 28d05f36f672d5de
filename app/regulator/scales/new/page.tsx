import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { canProvision, registrationPlaces } from '@/lib/db/provisioning.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { localName } from '../../_components/view.ts';
import { RegisterScale } from './register-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('regulator.provision.register') };
}

/** Register a scale in the user's scope (city or district regulator, market manager), then show its secret once. */
export default async function RegisterScalePage() {
  const user = await requirePersona('regulator');
  if (!canProvision(user.role)) forbidden();
  const { locale, t } = await getTranslator();
  const places = await registrationPlaces(db(), user.scope);
  return (
    <div className="max-w-3xl space-y-4">
      <header>
        <p className="text-sm text-stone-500">
          <Link href="/regulator/scales" className="hover:underline">{t('regulator.scales.title')}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{t('regulator.provision.register')}</h1>
        <p className="text-sm text-stone-600">{t('regulator.provision.register.intro')}</p>
      </header>
      <RegisterScale markets={places.map((market) => ({ id: market.id, label: localName(locale, market), stalls: market.stalls }))} />
    </div>
  );
}
