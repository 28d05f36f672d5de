// The reconciliation report files: the CSV follows the export conventions (BOM, CRLF, yuan with the
// unit in the header, formula guard), and the XLSX holds the same rows with yuan as numbers.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MerchantDayRow, StatementLineRow } from '../../lib/db/bank-statements.ts';
import { linesCsv, merchantDaysCsv, reconciliationXlsx } from '../../lib/export/reconciliation-report.ts';
import { translator } from '../../lib/i18n/index.ts';

const merchant = { id: 7, shopName: '=HYPERLINK("x")鲜肉', licenseNo: '92430408MA4L00001X' };
const lines: StatementLineRow[] = [
  {
    id: 1n, lineNo: 5, result: 'mismatched', differences: ['amount', 'kind'], bankRef: 'CCB1',
    statement: { licenseNo: merchant.licenseNo, merchant, businessDay: '2026-12-01', kind: 'captured', amountFen: 1230 },
    payment: { merchant, businessDay: '2026-12-01', status: 'refunded', amountFen: 10 },
  },
  {
    id: 2n, lineNo: 6, result: 'unmatched', differences: [], bankRef: 'CCB2',
    statement: { licenseNo: '92430408MA4L00009Z', merchant: null, businessDay: '2026-12-01', kind: 'captured', amountFen: 5 },
    payment: null,
  },
  { id: 3n, lineNo: null, result: 'missing_from_statement', differences: [], bankRef: 'CCB3', statement: null, payment: { merchant, businessDay: '2026-12-01', status: 'captured', amountFen: 99 } },
];
const days: MerchantDayRow[] = [
  { merchant, merchantId: 7, statementCount: 2, statementFen: 1235, settlementId: 3, settlementGrossFen: 1300, result: 'differs' },
  { merchant: null, merchantId: 8, statementCount: 0, statementFen: 0, settlementId: null, settlementGrossFen: null, result: 'no_settlement' },
];

describe('the reconciliation CSV', () => {
  it('has one row per line with both sides, exact yuan and the gap, in the reader\'s language', () => {
    const text = linesCsv(lines, translator('zh-CN'), 'zh-CN');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = text.slice(1).split('\r\n');
    expect(rows[0]).toBe('行号,结果,差异项,银行流水号,对账单商户信用代码,对账单商户,对账单营业日,对账单状态,对账单金额（元）,平台商户信用代码,平台商户,平台营业日,平台状态,平台金额（元）,差额（元）');
    expect(rows[1]).toBe('5,不符,金额、状态,CCB1,92430408MA4L00001X,"\'=HYPERLINK(""x"")鲜肉",2026-12-01,已收款,12.30,92430408MA4L00001X,"\'=HYPERLINK(""x"")鲜肉",2026-12-01,已退款,0.10,12.20');
    expect(rows[2]).toBe('6,平台无记录,,CCB2,92430408MA4L00009Z,非本项目商户,2026-12-01,已收款,0.05,,,,,,');
    expect(rows[3]).toBe(',对账单缺少,,CCB3,,,,,,92430408MA4L00001X,"\'=HYPERLINK(""x"")鲜肉",2026-12-01,已收款,0.99,');
    expect(rows[4]).toBe('');
  });

  it('lists merchant-days with the statement total, the settlement gross and their gap', () => {
    const rows = merchantDaysCsv(days, translator('en')).slice(1).split('\r\n');
    expect(rows[0]).toBe('Merchant id,Merchant,Unified social credit code,Result,Statement lines,Statement captured total (yuan),Settlement id,Settlement gross (yuan),Gap (yuan)');
    expect(rows[1]).toBe('7,"\'=HYPERLINK(""x"")鲜肉",92430408MA4L00001X,Differs,2,12.35,3,13.00,-0.65');
    expect(rows[2]).toBe('8,,,Not settled yet,0,0.00,,,');
  });
});

describe('the reconciliation XLSX', () => {
  it('holds the same rows on two sheets, yuan as numbers shown with two decimals, text as text', async () => {
    const body = await reconciliationXlsx(lines, days, translator('zh-CN'), 'zh-CN');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(body) as unknown as ArrayBuffer);
    const [sheet, daySheet] = workbook.worksheets;
    expect(sheet?.name).toBe('逐笔核对');
    expect(sheet?.rowCount).toBe(4);
    const first = sheet?.getRow(2);
    expect(first?.getCell(4).value).toBe('CCB1');
    expect(first?.getCell(6).value).toBe('=HYPERLINK("x")鲜肉');
    expect(first?.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(first?.getCell(9).value).toBe(12.3);
    expect(sheet?.getColumn(9).numFmt).toBe('0.00');
    expect(first?.getCell(15).value).toBe(12.2);
    expect(daySheet?.name).toBe('商户日合计');
    expect(daySheet?.getRow(2).getCell(9).value).toBe(-0.65);
  });
});
