// 商户查询: the bank officer finds a merchant of the programme by shop, operator or credit code, in
// one market or all; each row opens the merchant's settlements. A plain GET form: the URL is the
// link to share, and the overview's market rows open it narrowed to their market.
import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/components/pager.tsx';
import { ResponsiveTable } from '@/components/responsive-table.tsx';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { programmeMarkets, searchProgrammeMerchants } from '@/lib/db/queries/bank-merchants.ts';
import { businessDay } from '@/lib/domain/business-day.ts';
import { MERCHANT_SEARCH_MAX, merchantSearchQuery, type MerchantSearchQuery } from '@/lib/domain/merchant-search.ts';
import { count, date, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bankMerchants.title') };
}

function href(query: MerchantSearchQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.market) params.set('market', String(query.market));
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/bank/merchants?${text}` : '/bank/merchants';
}

export default async function BankMerchantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const query = merchantSearchQuery.parse(await searchParams);
  const zh = locale === 'zh-CN';
  const [markets, page] = await Promise.all([programmeMarkets(db(), user.scope), searchProgrammeMerchants(db(), user.scope, query, businessDay(new Date()))]);

  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">{t('bankMerchants.title')}</h1>
        <p className="max-w-4xl text-sm text-stone-600">{t('bankMerchants.intro')}</p>
      </header>
      <form method="get" role="search" className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-sm sm:flex-row sm:flex-wrap sm:items-end" data-testid="merchant-search">
        <label className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="text-stone-600">{t('bankMerchants.q')}</span>
          <input type="search" name="q" defaultValue={query.q ?? ''} maxLength={MERCHANT_SEARCH_MAX} className="rounded border border-stone-300 px-2 py-1.5" data-testid="merchant-q" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-stone-600">{t('bankMerchants.market')}</span>
          <select name="market" defaultValue={query.market ? String(query.market) : ''} className="rounded border border-stone-300 bg-white px-2 py-1.5" data-testid="merchant-market">
            <option value="">{t('bankMerchants.allMarkets')}</option>
            {markets.map((market) => (
              <option key={market.id} value={market.id}>{zh ? market.name : market.nameEn}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-sun-700 px-4 py-1.5 font-medium text-white hover:bg-amber-800" data-testid="merchant-search-submit">
          {t('bankMerchants.search')}
        </button>
      </form>
      <Pager
        testId="merchant-pager"
        summary={t('bankMerchants.summary', { total: count(page.total, locale), page: count(page.page, locale), pages: count(page.pages, locale) })}
        links={[
          { label: t('bankMerchants.paging.prev'), href: page.page > 1 ? href(query, page.page - 1) : null },
          { label: t('bankMerchants.paging.next'), href: page.page < page.pages ? href(query, page.page + 1) : null },
        ]}
      />
      <ResponsiveTable
        testId="merchant-results"
        label={t('bankMerchants.title')}
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('bankMerchants.empty')}
        columns={[
          { key: 'shop', header: t('bankMerchants.col.shop'), cell: (row) => <Link href={`/bank/merchants/${row.id}`} className="font-medium text-sun-700 underline" data-merchant-id={row.id}>{row.shopName}</Link> },
          { key: 'name', header: t('bankMerchants.col.name'), cell: (row) => row.name },
          { key: 'license', header: t('bankMerchants.col.license'), cell: (row) => <span className="break-all font-mono text-xs">{row.licenseNo}</span> },
          { key: 'market', header: t('bankMerchants.col.market'), cell: (row) => (zh ? row.market.name : row.market.nameEn) },
          { key: 'enrolled', header: t('bankMerchants.col.enrolled'), cell: (row) => (row.enrolledOn ? date(row.enrolledOn, locale) : '—') },
          { key: 'payments', header: t('bankMerchants.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
          { key: 'gross', header: t('bankMerchants.col.gross'), align: 'right', cell: (row) => money(row.grossFen) },
        ]}
      />
    </div>
  );
}
