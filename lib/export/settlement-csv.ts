// A month of one merchant's settlements as CSV: the rows the page shows, money in yuan as exact
// decimals, headers from the catalogue in the reader's language.
import { fenAsYuan, toCsv, type CsvValue } from '../domain/csv.ts';
import type { SettlementView } from '../db/queries/settlements.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

const HEADERS: MessageKey[] = [
  'settlementCsv.day', 'settlementCsv.payments', 'settlementCsv.grossYuan', 'settlementCsv.feeYuan', 'settlementCsv.netYuan',
  'settlementCsv.weighedYuan', 'settlementCsv.differenceYuan', 'settlementCsv.status', 'settlementCsv.paidAt', 'settlementCsv.payoutRef',
];

export function settlementMonthCsv(rows: readonly SettlementView[], t: Translate): string {
  return toCsv(
    HEADERS.map((key) => t(key)),
    rows.map((row): CsvValue[] => [
      row.day, row.paymentCount, fenAsYuan(row.grossFen), fenAsYuan(row.feeFen), fenAsYuan(row.netFen), fenAsYuan(row.weighedFen),
      fenAsYuan(row.differenceFen), t(`bank.status.${row.status}`), row.paidAt ? row.paidAt.toISOString() : null, row.bankRef,
    ]),
  );
}
