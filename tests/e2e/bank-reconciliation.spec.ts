// The bank officer reconciles a day: uploads the bank's statement (built here from the day's
// payments, with one amount changed), sees the one mismatched line with both figures, downloads
// the report and finds in it exactly the rows the page shows. Uploading it again changes nothing;
// a bad file is refused line by line. On a phone (390 px) the pages do not scroll sideways, and
// axe finds no serious violation.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { parseCsv, query, seriousViolations, signIn } from './support.ts';

const HEADER = 'bank_ref,merchant_license_no,business_day,kind,amount_yuan';

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
/** "¥1,234.50" on the page → "1234.50" as in the CSV */
const plain = (text: string) => text.replace(/[¥,\s]/g, '');

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

interface DayPayment {
  bankRef: string;
  licenseNo: string;
  amountFen: number;
  status: string;
}

test('the bank officer uploads a statement with one mismatched line, sees it and downloads the same rows', async ({ page }) => {
  test.setTimeout(180_000);
  // the latest closed day of the programme's merchants, and its payments as the bank would list them
  const [{ day }] = await query<{ day: string }>(`
    SELECT to_char(max(s."businessDay"), 'YYYY-MM-DD') AS day
      FROM "Settlement" s JOIN "Merchant" m ON m.id = s."merchantId" WHERE m."programmeId" IS NOT NULL`) as [{ day: string }];
  const payments = await query<DayPayment & Record<string, unknown>>(`
    SELECT p."bankRef", m."licenseNo", p."amountFen", p.status::text AS status
      FROM "Payment" p JOIN "Merchant" m ON m.id = p."merchantId"
     WHERE p."businessDay" = $1::date AND m."programmeId" IS NOT NULL
     ORDER BY p."bankRef"`, [day]);
  expect(payments.length).toBeGreaterThan(10);
  const changed = payments[Math.floor(payments.length / 2)]!;
  const lines = payments.map((p) => `${p.bankRef},${p.licenseNo},${day},${p.status},${yuan(p === changed ? p.amountFen + 100 : p.amountFen)}`);
  const statement = Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
  const file = { name: `ccb-statement-${day}.csv`, mimeType: 'text/csv', buffer: statement };

  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'bank');
  await page.goto('/bank/reconciliation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('银行对账单对账');
  await expect(page.getByTestId('statement-format')).toContainText('amount_yuan');
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);

  await page.getByTestId('upload-file').setInputFiles(file);
  await page.getByTestId('upload-submit').click();
  await expect(page.getByTestId('upload-imported')).toContainText(`不符 1 笔`, { timeout: 90_000 });
  await page.getByTestId('upload-open').click();
  await expect(page).toHaveURL(/\/bank\/reconciliation\/\d+$/);

  // the counts, and the one exception with both figures
  await expect(page.getByTestId('count-mismatched')).toHaveText('1');
  await expect(page.getByTestId('count-matched')).toHaveText((payments.length - 1).toLocaleString('zh-CN'));
  await expect(page.getByTestId('count-unmatched')).toHaveText('0');
  await expect(page.getByTestId('count-missing')).toHaveText('0');
  // on a phone the lines are cards
  const rows = page.getByTestId('line-table-cards').getByTestId('line-table-card');
  await expect(rows).toHaveCount(1);
  const marker = rows.locator('[data-bank-ref]');
  await expect(marker).toHaveAttribute('data-bank-ref', changed.bankRef);
  await expect(marker).toHaveAttribute('data-result', 'mismatched');
  const statementAmount = plain(await rows.getByTestId('statement-amount').innerText());
  const paymentAmount = plain(await rows.getByTestId('payment-amount').innerText());
  expect(statementAmount).toBe(yuan(changed.amountFen + 100));
  expect(paymentAmount).toBe(yuan(changed.amountFen));
  // the merchant's day no longer agrees with its settlement
  await expect(page.getByTestId('merchant-day-table-cards').locator('[data-result="differs"]')).toBeVisible();
  await expect(page.getByTestId('merchant-day-table-cards').getByTestId('merchant-day-table-card')).toHaveCount(1);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/bank-reconciliation-result-390.png', fullPage: true });

  // the CSV has the page's rows: same references, results, and both amounts
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
  expect(download.suggestedFilename()).toMatch(/^reconciliation-\d{4}-\d{2}-\d{2}-\d+-exceptions\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  const [header, ...csvRows] = csv;
  expect(header).toContain('对账单金额（元）');
  const column = (name: string) => header!.indexOf(name);
  const pageRows = await rows.evaluateAll((cards) => cards.map((tr) => {
    const mark = tr.querySelector('[data-bank-ref]');
    return { bankRef: mark?.getAttribute('data-bank-ref'), statement: tr.querySelector('[data-testid="statement-amount"]')?.textContent, payment: tr.querySelector('[data-testid="payment-amount"]')?.textContent };
  }));
  expect(csvRows.map((r) => ({ bankRef: r[column('银行流水号')], statement: r[column('对账单金额（元）')], payment: r[column('平台金额（元）')] })))
    .toEqual(pageRows.map((r) => ({ bankRef: r.bankRef, statement: plain(r.statement ?? ''), payment: plain(r.payment ?? '') })));
  expect(csvRows[0]![column('结果')]).toBe('不符');
  expect(csvRows[0]![column('差额（元）')]).toBe('1.00');

  // on a wide screen the same row is a table row
  await page.setViewportSize({ width: 1280, height: 900 });
  const tableRows = page.getByTestId('line-table').locator('tbody tr');
  await expect(tableRows).toHaveCount(1);
  await expect(tableRows.locator('[data-bank-ref]')).toHaveAttribute('data-bank-ref', changed.bankRef);
  expect(plain(await tableRows.getByTestId('statement-amount').innerText())).toBe(statementAmount);
  expect(plain(await tableRows.getByTestId('payment-amount').innerText())).toBe(paymentAmount);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/bank-reconciliation-result-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });

  // the XLSX answers too
  const [xlsx]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx-link').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await readFile(await xlsx.path())).subarray(0, 2).toString()).toBe('PK');

  // the same file again changes nothing and says so
  await page.goto('/bank/reconciliation');
  const before = await query<{ n: string }>('SELECT count(*)::text AS n FROM "BankStatementLine"');
  await page.getByTestId('upload-file').setInputFiles(file);
  await page.getByTestId('upload-submit').click();
  await expect(page.getByTestId('upload-duplicate')).toBeVisible({ timeout: 60_000 });
  expect(await query<{ n: string }>('SELECT count(*)::text AS n FROM "BankStatementLine"')).toEqual(before);

  // a bad file: every error by line, nothing imported
  const bad = Buffer.from([HEADER, lines[0], `${changed.bankRef}X,${changed.licenseNo},${day},captured,1.005`, `X1,${changed.licenseNo},${day},captured,-1`].join('\n'));
  await page.getByTestId('upload-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByTestId('upload-submit').click();
  const errors = page.getByTestId('upload-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveAttribute('data-line', '3');
  await expect(errors.nth(0)).toContainText('第 3 行');
  await expect(errors.nth(1)).toHaveAttribute('data-code', 'amount_sign');
  expect(await query<{ n: string }>('SELECT count(*)::text AS n FROM "BankStatementLine"')).toEqual(before);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: 'test-results/e2e/bank-reconciliation-upload-390.png', fullPage: true });

  // English is the second language of the same pages
  await page.getByTestId('locale-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bank statement reconciliation');
  await expect(page.getByTestId('statement-format')).toContainText('Amount in yuan');
});
