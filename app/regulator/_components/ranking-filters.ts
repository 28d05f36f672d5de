// The filter fields the two ranked tables share: period, district (when the scope has several)
// and market, labelled in the reader's language.
import type { FilterField } from '@/components/filter-form.tsx';
import type { MarketOption } from '@/lib/db/queries/places.ts';
import { districtsOf } from '@/lib/db/queries/places.ts';
import { RANKING_PERIODS } from '@/lib/domain/ranking-query.ts';
import type { Locale, Translate } from '@/lib/i18n/index.ts';
import { localName } from './view.ts';

export function placeFields(
  markets: MarketOption[],
  query: { period: number; district?: number | undefined; market?: number | undefined },
  locale: Locale,
  t: Translate,
): FilterField[] {
  const districts = districtsOf(markets);
  const all = { value: '', label: t('scores.filter.all') };
  const fields: FilterField[] = [
    {
      name: 'period',
      label: t('scores.filter.period'),
      value: String(query.period),
      options: RANKING_PERIODS.map((days) => ({ value: String(days), label: t('scores.period.days', { days }) })),
    },
  ];
  if (districts.length > 1) {
    fields.push({
      name: 'district',
      label: t('scores.filter.district'),
      value: query.district ? String(query.district) : '',
      options: [all, ...districts.map((district) => ({ value: String(district.id), label: localName(locale, district) }))],
    });
  }
  if (markets.length > 1) {
    fields.push({
      name: 'market',
      label: t('scores.filter.market'),
      value: query.market ? String(query.market) : '',
      options: [all, ...markets.map((market) => ({
        value: String(market.id),
        label: districts.length > 1 ? `${localName(locale, market.district)} · ${localName(locale, market)}` : localName(locale, market),
      }))],
    });
  }
  return fields;
}
