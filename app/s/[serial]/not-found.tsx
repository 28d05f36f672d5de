import { ShopperNotFound } from '@/components/shopper-page.tsx';
import { getTranslator } from '@/lib/i18n/server.ts';

export default async function ScaleNotFound() {
  const { t } = await getTranslator();
  return (
    <ShopperNotFound
      appName={t('app.name')}
      header={t('scalePage.header')}
      title={t('scalePage.notFound.title')}
      body={t('scalePage.notFound.body')}
      callLabel={t('shopper.complaint.call')}
      testId="scale-not-found"
    />
  );
}
