import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/badge.tsx';
import { DataTable } from '@/components/data-table.tsx';
import { Pager } from '@/components/pager.tsx';
import { signedMoney } from '@/components/signed-money.ts';
import { settlementTone } from '@/components/status-tones.ts';
import { requirePersona } from '@/lib/auth/current.ts';
import { db } from '@/lib/db/client.ts';
import { listSettlements } from '@/lib/db/queries/settlements.ts';
import { isDay } from '@/lib/domain/day-input.ts';
import { SETTLEMENT_STATUSES, settlementFilterSchema, type SettlementFilter } from '@/lib/domain/settlement.ts';
import type { MessageKey } from '@/lib/i18n/index.ts';
import { count, date, money } from '@/lib/i18n/format.ts';
import { getTranslator } from '@/lib/i18n/server.ts';
import { firstParam } from '@/lib/domain/search-param.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('bank.settlements.title') };
}

type Search = Record<string, string | string[] | undefined>;


const FIELD_MESSAGES: Record<string, MessageKey> = {
  page: 'bank.settlements.badPage',
  status: 'bank.settlements.badStatus',
  day: 'bank.settlements.badDay',
};

function href(filter: Partial<SettlementFilter>): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.day) query.set('day', filter.day);
  if (filter.page && filter.page > 1) query.set('page', String(filter.page));
  const text = query.toString();
  return text ? `/bank/settlements?${text}` : '/bank/settlements';
}

export default async function BankSettlementsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePersona('bank');
  const { locale, t } = await getTranslator();
  const search = await searchParams;
  const raw = { page: firstParam(search.page), status: firstParam(search.status), day: firstParam(search.day) };
  const parsed = settlementFilterSchema.safeParse(raw);
  const zh = locale === 'zh-CN';

  const form = (
    <form method="get" action="/bank/settlements" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-sm" data-testid="settlement-filter">
      <label className="flex flex-col gap-1">
        <span className="text-stone-600">{t('bank.filter.status')}</span>
        <select name="status" defaultValue={parsed.success ? (parsed.data.status ?? '') : (SETTLEMENT_STATUSES.find((status) => status === raw.status) ?? '')} className="rounded border border-stone-300 px-2 py-1">
          <option value="">{t('bank.filter.all')}</option>
          {SETTLEMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`bank.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-stone-600">{t('bank.filter.day')}</span>
        <input type="date" name="day" defaultValue={parsed.success ? (parsed.data.day ?? '') : raw.day && isDay(raw.day) ? raw.day : ''} className="rounded border border-stone-300 px-2 py-1" />
      </label>
      <button type="submit" className="rounded bg-sun-600 px-3 py-1.5 font-medium text-white hover:bg-sun-700">
        {t('bank.filter.apply')}
      </button>
      <Link href="/bank/settlements" className="px-1 py-1.5 text-sun-700 underline">
        {t('bank.filter.clear')}
      </Link>
    </form>
  );

  const header = (
    <header className="space-y-2">
      <h1 className="text-xl font-semibold">{t('bank.settlements.title')}</h1>
      <p className="max-w-4xl text-sm text-stone-600">{t('bank.settlements.intro')}</p>
    </header>
  );

  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))];
    return (
      <div className="space-y-4">
        {header}
        {form}
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="filter-error">
          <p className="font-medium">{t('bank.settlements.invalid')}</p>
          <ul className="mt-1 list-disc pl-5">
            {fields.map((field) => (
              <li key={field} data-testid={`filter-error-${field}`}>
                {t(FIELD_MESSAGES[field] ?? 'bank.settlements.invalid')}
              </li>
            ))}
          </ul>
        </div>
      </div>
    );
  }

  const filter = parsed.data;
  const page = await listSettlements(db(), user.scope, filter);
  const outOfRange = filter.page > page.pages && page.total > 0;

  return (
    <div className="space-y-4">
      {header}
      {form}
      <Pager
        testId="settlement-pager"
        summary={t('bank.settlements.summary', { total: count(page.total, locale), page: count(filter.page, locale), pages: count(page.pages, locale) })}
        links={[
          { label: t('bank.paging.first'), href: filter.page > 1 ? href({ ...filter, page: 1 }) : null },
          { label: t('bank.paging.prev'), href: filter.page > 1 ? href({ ...filter, page: Math.min(filter.page - 1, page.pages) }) : null, testId: 'page-prev' },
          { label: t('bank.paging.next'), href: filter.page < page.pages ? href({ ...filter, page: filter.page + 1 }) : null, testId: 'page-next' },
        ]}
      />
      {outOfRange && (
        <p role="status" className="rounded-md bg-sun-50 px-3 py-2 text-sm text-sun-700" data-testid="page-out-of-range">
          {t('bank.settlements.pageOut', { page: count(filter.page, locale), pages: count(page.pages, locale) })}
        </p>
      )}
      <DataTable
        testId="settlement-table"
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('bank.settlements.empty')}
        columns={[
          { key: 'merchant', header: t('bank.col.merchant'), cell: (row) => <span className="font-medium">{row.shopName}</span> },
          { key: 'market', header: t('bank.col.market'), cell: (row) => (zh ? row.market.name : row.market.nameEn) },
          { key: 'day', header: t('bank.col.day'), cell: (row) => <Link href={`/bank/settlements/${row.id}`} className="whitespace-nowrap text-sun-700 underline">{date(row.day, locale)}</Link> },
          { key: 'payments', header: t('bank.col.payments'), align: 'right', cell: (row) => count(row.paymentCount, locale) },
          { key: 'gross', header: t('bank.col.gross'), align: 'right', cell: (row) => money(row.grossFen) },
          { key: 'fee', header: t('bank.col.fee'), align: 'right', cell: (row) => money(row.feeFen) },
          {
            key: 'net',
            header: t('bank.col.net'),
            align: 'right',
            cell: (row) =>
              row.netConsistent ? (
                money(row.netFen)
              ) : (
                <span className="text-red-700" title={t('bank.settlements.netInconsistent')} data-testid="net-inconsistent">
                  {money(row.netFen)} ⚠
                </span>
              ),
          },
          { key: 'weighed', header: t('bank.col.weighed'), align: 'right', cell: (row) => money(row.weighedFen) },
          {
            key: 'difference',
            header: t('bank.col.difference'),
            align: 'right',
            cell: (row) => (
              <span
                className={row.differenceFen === 0 ? 'text-stone-500' : 'font-semibold text-red-700'}
                title={t(`bank.verdict.${row.verdict}`)}
                data-testid="settlement-difference"
              >
                {signedMoney(row.differenceFen)}
              </span>
            ),
          },
          {
            key: 'status',
            header: t('bank.col.status'),
            cell: (row) => (
              <Badge tone={settlementTone(row.status)} testId="settlement-status">
                {t(`bank.status.${row.status}`)}
              </Badge>
            ),
          },
        ]}
      />
    </div>
  );
}
