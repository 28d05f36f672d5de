// The ranked tables as CSV documents: the same rows as the pages (same function, same filters),
// every row of the filter rather than one page. Headers come from the catalogue in the reader's
// language and name their unit; money is yuan and mass kg, as exact decimals.
import { priceFindingsPerMille } from '../domain/accuracy-score.ts';
import { fenAsYuan, mgAsKg, ratioAsPercent, toCsv, type CsvValue } from '../domain/csv.ts';
import type { MerchantRanking } from '../db/queries/merchant-ranking.ts';
import type { ScaleRanking } from '../db/queries/scale-ranking.ts';
import type { Locale, MessageKey, Translate } from '../i18n/index.ts';
import { cardLabel, reasonText } from '../i18n/score-labels.ts';

const named = (locale: Locale, place: { name: string; nameEn: string }) => (locale === 'en' ? place.nameEn : place.name);
const decimal = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

function csv(t: Translate, headers: MessageKey[], rows: CsvValue[][]): string {
  return toCsv(headers.map((key) => t(key)), rows);
}

export function merchantRankingCsv(ranking: MerchantRanking, t: Translate, locale: Locale): string {
  const { current } = ranking.windows;
  const headers: MessageKey[] = [
    'scores.csv.rank', 'scores.csv.merchantId', 'scores.csv.shopName', 'scores.csv.operator', 'scores.csv.market', 'scores.csv.district',
    'scores.csv.score', 'scores.csv.previousScore', 'scores.csv.change', 'scores.csv.card', 'scores.csv.reasons',
    'scores.csv.weighings', 'scores.csv.netKg', 'scores.csv.turnoverYuan', 'scores.csv.priceFindings', 'scores.csv.priceFindingsPerMille',
    'scores.csv.inspectionsPassed', 'scores.csv.inspectionsFailed', 'scores.csv.reweighs', 'scores.csv.reweighsFailed',
    'scores.csv.complaintsUpheld', 'scores.csv.criticalAlerts', 'scores.csv.warningAlerts', 'scores.csv.from', 'scores.csv.to',
  ];
  const rows = ranking.rows.map((row): CsvValue[] => {
    const e = row.evidence;
    return [
      row.rank, row.id, row.shopName, row.name, named(locale, row.market), named(locale, row.district),
      row.score, row.previousScore, row.trend.delta, cardLabel(t, row.card), row.reasons.map((reason) => reasonText(t, reason)).join('; '),
      row.trade.weighings, mgAsKg(row.trade.netMg), fenAsYuan(row.trade.turnoverFen), e.priceFindings, decimal(priceFindingsPerMille(e), 2),
      e.inspectionsPassed, e.inspectionsFailed, e.reweighs, e.reweighsFailed,
      e.complaintsUpheld, e.criticalAlerts, e.warningAlerts, current.from, current.to,
    ];
  });
  return csv(t, headers, rows);
}

export function scaleRankingCsv(ranking: ScaleRanking, t: Translate, locale: Locale): string {
  const { window } = ranking;
  const headers: MessageKey[] = [
    'scores.csv.rank', 'scores.csv.scaleId', 'scores.csv.serial', 'scores.csv.model', 'scores.csv.market', 'scores.csv.district',
    'scores.csv.stall', 'scores.csv.shopName', 'scores.csv.status', 'scores.csv.expiresOn', 'scores.csv.online',
    'scores.csv.checks', 'scores.csv.checksPassed', 'scores.csv.checksFailed', 'scores.csv.passRatePercent',
    'scores.csv.weighings', 'scores.csv.netKg', 'scores.csv.turnoverYuan', 'scores.csv.findings', 'scores.csv.priceFindings',
    'scores.csv.findingsPerMille', 'scores.csv.openAlerts', 'scores.csv.from', 'scores.csv.to',
  ];
  const rows = ranking.rows.map((row): CsvValue[] => [
    row.rank, row.id, row.serial, row.model, named(locale, row.market), named(locale, row.district),
    row.stall?.code ?? null, row.merchant?.shopName ?? null, t(`regulator.status.${row.status}`), row.expiresOn, t(row.online ? 'scores.csv.yes' : 'scores.csv.no'),
    row.checks.checks, row.checks.passed, row.checks.failed, ratioAsPercent(row.checks.ratio),
    row.weighings, mgAsKg(row.netMg), fenAsYuan(row.turnoverFen), row.findings, row.priceFindings,
    decimal(row.findingsPerMille, 2), row.openAlerts, window.from, window.to,
  ]);
  return csv(t, headers, rows);
}
