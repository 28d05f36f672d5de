import Link from 'next/link';
import { getTranslator } from '@/lib/i18n/server.ts';

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">404</h1>
      <p className="mt-2 text-stone-600">{t('common.notFound')}</p>
      <Link href="/" className="mt-4 inline-block text-sun-700 underline">{t('common.back')}</Link>
    </main>
  );
}
