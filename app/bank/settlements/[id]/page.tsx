// One settlement of a programme merchant with its lines, for the bank. Not found outside the programme.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SettlementDetailView } from '@/components/settlement-detail.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { settlementDetail } from '@/lib/db/queries/settlement-lines.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { recordId } from '@/lib/domain/record-id.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { PayoutForm } from './payout-form.tsx';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('settlementDetail.open') };
}

export default async function BankSettlementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePersona('bank');
  const id = recordId.safeParse((await params).id);
  if (!id.success) notFound();
  const settlement = await settlementDetail(db(), user.scope, id.data);
  if (!settlement) notFound();
  return (
    <div className="space-y-5">
      <SettlementDetailView settlement={settlement} backHref={`/bank/merchants/${settlement.merchant.id}?month=${settlement.day.slice(0, 7)}`} />
      {user.role === 'bank_officer' && settlement.status === 'pending' && <PayoutForm settlementId={settlement.id} today={businessDay(new Date())} />}
    </div>
  );
}
