// The reconciliation report as files: CSV (lib/domain/csv.ts conventions: BOM, CRLF, formula guard,
// yuan as exact decimals with the unit in the header) and XLSX (one sheet of lines, one of
// merchant-days). Both are built from the same rows as the page (lib/db/bank-statements.ts, same
// filter), every row of the filter rather than one page.
import ExcelJS from 'exceljs';
import { fenAsYuan, toCsv, type CsvValue } from '../domain/csv.ts';
import type { MerchantDayRow, MerchantRef, StatementLineRow } from '../db/bank-statements.ts';
import { isMessageKey, type Locale, type MessageKey, type Translate } from '../i18n/index.ts';

const LINE_HEADERS: MessageKey[] = [
  'recon.csv.line', 'recon.csv.result', 'recon.csv.differences', 'recon.csv.bankRef',
  'recon.csv.statementLicense', 'recon.csv.statementMerchant', 'recon.csv.statementDay', 'recon.csv.statementKind', 'recon.csv.statementYuan',
  'recon.csv.paymentLicense', 'recon.csv.paymentMerchant', 'recon.csv.paymentDay', 'recon.csv.paymentStatus', 'recon.csv.paymentYuan',
  'recon.csv.gapYuan',
];
/** columns holding yuan: the XLSX writes them as numbers with two decimals */
const LINE_YUAN = new Set([8, 13, 14]);

const DAY_HEADERS: MessageKey[] = [
  'recon.csv.merchantId', 'recon.csv.merchant', 'recon.csv.license', 'recon.csv.result', 'recon.csv.statementCount',
  'recon.csv.statementTotalYuan', 'recon.csv.settlementId', 'recon.csv.settlementGrossYuan', 'recon.csv.gapYuan',
];
const DAY_YUAN = new Set([5, 7, 8]);

/** A payment or statement status, in words where the catalogue knows it (a status added later shows as stored). */
export function kindLabel(t: Translate, kind: string): string {
  const key = `recon.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

export function differencesLabel(t: Translate, locale: Locale, differences: readonly string[]): string {
  return differences.map((d) => { const key = `recon.difference.${d}`; return isMessageKey(key) ? t(key) : d; }).join(locale === 'en' ? ', ' : '、');
}

/** Statement amount − platform amount, when both sides have one. */
export function lineGapFen(row: StatementLineRow): number | null {
  return row.statement && row.payment ? row.statement.amountFen - row.payment.amountFen : null;
}

/** Settlement gross is compared with the statement: statement − settlement, when settled. */
export function dayGapFen(row: MerchantDayRow): number | null {
  return row.settlementGrossFen === null ? null : row.statementFen - row.settlementGrossFen;
}

const shop = (merchant: MerchantRef | null, t: Translate, known: boolean) => (merchant ? merchant.shopName : known ? null : t('recon.unknownMerchant'));
const yuan = (fen: number | null) => (fen === null ? null : fenAsYuan(fen));

function lineRow(row: StatementLineRow, t: Translate, locale: Locale): CsvValue[] {
  const s = row.statement;
  const p = row.payment;
  return [
    row.lineNo, t(`recon.result.${row.result}`), differencesLabel(t, locale, row.differences), row.bankRef,
    s?.licenseNo ?? null, s ? shop(s.merchant, t, false) : null, s?.businessDay ?? null, s ? kindLabel(t, s.kind) : null, yuan(s?.amountFen ?? null),
    p?.merchant?.licenseNo ?? null, p ? shop(p.merchant, t, true) : null, p?.businessDay ?? null, p ? kindLabel(t, p.status) : null, yuan(p?.amountFen ?? null),
    yuan(lineGapFen(row)),
  ];
}

function dayRow(row: MerchantDayRow, t: Translate): CsvValue[] {
  return [
    row.merchantId, row.merchant?.shopName ?? null, row.merchant?.licenseNo ?? null, t(`recon.dayResult.${row.result}`), row.statementCount,
    fenAsYuan(row.statementFen), row.settlementId, yuan(row.settlementGrossFen), yuan(dayGapFen(row)),
  ];
}

export function linesCsv(rows: readonly StatementLineRow[], t: Translate, locale: Locale): string {
  return toCsv(LINE_HEADERS.map((key) => t(key)), rows.map((row) => lineRow(row, t, locale)));
}

export function merchantDaysCsv(rows: readonly MerchantDayRow[], t: Translate): string {
  return toCsv(DAY_HEADERS.map((key) => t(key)), rows.map((row) => dayRow(row, t)));
}

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: CsvValue[][], yuanColumns: Set<number>) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const values of rows) {
    // Yuan leave the exact decimal string as the spreadsheet's own number, shown with two decimals
    // (what Excel makes of the CSV's "12.30"). Text is written as text, never as a formula, so
    // the CSV's apostrophe guard is not needed here.
    sheet.addRow(values.map((value, index) => (yuanColumns.has(index) && typeof value === 'string' ? Number(value) : value)));
  }
  headers.forEach((header, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.min(40, Math.max(10, header.length * 2));
    if (yuanColumns.has(index)) column.numFmt = '0.00';
  });
}

/** The XLSX report: the lines sheet and the merchant-days sheet. */
export async function reconciliationXlsx(lines: readonly StatementLineRow[], days: readonly MerchantDayRow[], t: Translate, locale: Locale): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sunshine Scale';
  addSheet(workbook, t('recon.csv.sheetLines'), LINE_HEADERS.map((key) => t(key)), lines.map((row) => lineRow(row, t, locale)), LINE_YUAN);
  addSheet(workbook, t('recon.csv.sheetDays'), DAY_HEADERS.map((key) => t(key)), days.map((row) => dayRow(row, t)), DAY_YUAN);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
