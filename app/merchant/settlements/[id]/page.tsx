// One of the merchant's own settlements with its lines. Another merchant's is not found.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SettlementDetailView } from '@/components/settlement-detail.tsx';
import { db } from '@/lib/db/client.ts';
import { settlementDetail } from '@/lib/db/queries/settlement-lines.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { requireMerchant } from '../../current-merchant.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('settlementDetail.open') };
}

export default async function MerchantSettlementPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope } = await requireMerchant();
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const settlement = await settlementDetail(db(), scope, id.data);
  if (!settlement) notFound();
  return <SettlementDetailView settlement={settlement} backHref={`/merchant/settlements?month=${settlement.day.slice(0, 7)}`} />;
}
