import { getTranslator } from '@/lib/i18n/server.ts';
import { ShopperHeader } from '../../v/[token]/shopper-header.tsx';

export default async function ScaleNotFound() {
  const { t } = await getTranslator();
  return (
    <div className="min-h-screen bg-stone-50">
      <ShopperHeader appName={t('app.name')} title={t('scalePage.header')} />
      <main className="mx-auto max-w-md px-4 py-8" data-testid="scale-not-found">
        <h1 className="text-xl font-semibold">{t('scalePage.notFound.title')}</h1>
        <p className="mt-3 leading-relaxed text-stone-700">{t('scalePage.notFound.body')}</p>
        <a href="tel:12315" className="mt-6 inline-block rounded-lg bg-sun-600 px-4 py-2 font-medium text-white">
          {t('shopper.complaint.call')}
        </a>
      </main>
    </div>
  );
}
