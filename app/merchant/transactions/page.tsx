import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { Pager } from '@/components/pager.tsx';
import { db } from '@/lib/db/client.ts';
import { listMerchantWeighings } from '@/lib/db/queries/weighings.ts';
import { keysetQuerySchema } from '@/lib/domain/keyset.ts';
import { yuanPerJin, yuanPerKg } from '@/lib/domain/unit-price.ts';
import { formatKg } from '@/lib/domain/units.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { dateTime, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { firstParam } from '@/lib/domain/search-param.ts';
import { requireMerchant } from '../current-merchant.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('merchant.tx.title') };
}

type Search = Record<string, string | string[] | undefined>;

const KNOWN_FINDINGS: Record<string, MessageKey> = {
  price_mismatch: 'merchant.finding.price_mismatch',
  unstable: 'merchant.finding.unstable',
  below_min: 'merchant.finding.below_min',
  receipt_reused: 'merchant.finding.receipt_reused',
};

export default async function MerchantTransactionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { scope, merchantId } = await requireMerchant();
  const { locale, t } = await getTranslator();
  const search = await searchParams;
  const parsed = keysetQuerySchema.safeParse({ before: firstParam(search.before), after: firstParam(search.after) });

  const header = (
    <header>
      <h1 className="text-xl font-semibold">{t('merchant.tx.title')}</h1>
      <p className="text-sm text-stone-600">{t('merchant.tx.intro')}</p>
    </header>
  );

  if (!parsed.success) {
    return (
      <div className="space-y-4">
        {header}
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="cursor-error">
          {t('merchant.tx.badCursor')}{' '}
          <Link href="/merchant/transactions" className="font-medium underline">
            {t('merchant.tx.toNewest')}
          </Link>
        </div>
      </div>
    );
  }

  const page = await listMerchantWeighings(db(), scope, merchantId, parsed.data);
  if (!page) notFound();
  const onNewest = !parsed.data.before && !parsed.data.after;

  const pager = (testId: string) => (
    <Pager
      testId={testId}
      links={[
        { label: t('merchant.paging.newest'), href: onNewest ? null : '/merchant/transactions' },
        { label: t('merchant.paging.newer'), href: page.newer ? `/merchant/transactions?after=${page.newer}` : null, testId: `${testId}-newer` },
        { label: t('merchant.paging.older'), href: page.older ? `/merchant/transactions?before=${page.older}` : null, testId: `${testId}-older` },
      ]}
    />
  );

  return (
    <div className="space-y-4">
      {header}
      {pager('tx-pager')}
      <DataTable
        testId="transaction-table"
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('merchant.tx.empty')}
        columns={[
          { key: 'time', header: t('merchant.tx.time'), cell: (row) => <span className="whitespace-nowrap tabular-nums">{dateTime(row.scaleTime, locale)}</span> },
          { key: 'commodity', header: t('merchant.tx.commodity'), cell: (row) => (locale === 'zh-CN' ? row.commodity.name : row.commodity.nameEn) },
          {
            key: 'unitPrice',
            header: t('merchant.tx.unitPrice'),
            align: 'right',
            cell: (row) => (
              <span className="whitespace-nowrap">
                {t('merchant.tx.perKg', { price: `¥${yuanPerKg(row.unitPriceFenPerKg)}` })}
                <br />
                <span className="text-xs text-stone-500">{t('merchant.tx.perJin', { price: `¥${yuanPerJin(row.unitPriceFenPerKg)}` })}</span>
              </span>
            ),
          },
          { key: 'net', header: t('merchant.tx.net'), align: 'right', cell: (row) => formatKg(row.netMg) },
          { key: 'price', header: t('merchant.tx.price'), align: 'right', cell: (row) => <span className="font-medium">{money(row.priceFen)}</span> },
          { key: 'payment', header: t('merchant.tx.payment'), cell: (row) => t(`merchant.pay.${row.paymentMethod}`) },
          {
            key: 'findings',
            header: t('merchant.tx.findings'),
            cell: (row) =>
              row.findings.length === 0 ? (
                <Badge tone="green" testId="finding-badge">{t('merchant.finding.none')}</Badge>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {row.findings.map((finding) => (
                    <Badge key={finding} tone="amber" testId="finding-badge">
                      {t(KNOWN_FINDINGS[finding] ?? 'merchant.finding.other')}
                    </Badge>
                  ))}
                </span>
              ),
          },
          {
            key: 'receipt',
            header: t('merchant.tx.receipt'),
            cell: (row) =>
              row.receiptToken ? (
                <Link href={`/v/${row.receiptToken}`} className="text-sun-700 underline" data-testid="receipt-link">
                  {t('merchant.tx.viewReceipt')}
                </Link>
              ) : (
                <span className="text-stone-400">—</span>
              ),
          },
        ]}
      />
      {pager('tx-pager-bottom')}
    </div>
  );
}
