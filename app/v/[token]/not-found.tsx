import { ShopperNotFound } from '@/components/shopper-page.tsx';
import { getTranslator } from '@/lib/i18n/server.ts';

export default async function ReceiptNotFound() {
  const { t } = await getTranslator();
  return (
    <ShopperNotFound
      appName={t('app.name')}
      header={t('shopper.title')}
      title={t('shopper.notFound.title')}
      body={t('shopper.notFound.body')}
      callLabel={t('shopper.complaint.call')}
      testId="receipt-not-found"
    />
  );
}
