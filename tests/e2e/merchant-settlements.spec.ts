// A merchant on a phone opens its settlements, reads the month of its latest one (payout date and
// reference where paid), and exports the month: the CSV's rows are the page's. 0 serious axe violations.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import { fenAsYuan } from '../../lib/domain/csv.ts';
import { money } from '../../lib/i18n/format.ts';
import { parseCsv, query, seriousViolations, signIn } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('a merchant reads a month of its settlements and exports it', async ({ page }) => {
  await signIn(page, 'merchant');
  await page.getByRole('link', { name: '我的结算' }).click();
  await expect(page).toHaveURL(/\/merchant\/settlements$/);
  const [own] = await query<{ month: string }>(
    `SELECT to_char(max(s."businessDay"), 'YYYY-MM') AS month FROM "Settlement" s JOIN "User" u ON u."merchantId" = s."merchantId" WHERE u.username = 'merchant'`,
  );
  await page.goto(`/merchant/settlements?month=${own!.month}`);
  const rows = await query<{ day: string; gross: number; net: number; ref: string | null }>(
    `SELECT to_char(s."businessDay", 'YYYY-MM-DD') AS day, s."grossFen" AS gross, s."netFen" AS net, s."bankRef" AS ref
     FROM "Settlement" s JOIN "User" u ON u."merchantId" = s."merchantId"
     WHERE u.username = 'merchant' AND to_char(s."businessDay", 'YYYY-MM') = $1 ORDER BY s."businessDay" DESC`,
    [own!.month],
  );
  await expect(page.getByTestId('merchant-settlements-card')).toHaveCount(rows.length);
  const paid = rows.find((row) => row.ref);
  if (paid) await expect(page.getByTestId('merchant-settlements-cards')).toContainText(paid.ref!);
  expect(await seriousViolations(page)).toEqual([]);

  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settlement-month-csv').click()]);
  expect(download.suggestedFilename()).toBe(`settlements-${own!.month}.csv`);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  expect(csv[0]![0]).toBe('营业日');
  expect(csv.slice(1).map((line) => [line[0], line[2], line[4]])).toEqual(rows.map((row) => [row.day, fenAsYuan(row.gross), fenAsYuan(row.net)]));
  await page.screenshot({ path: 'test-results/e2e/merchant-settlements.png', fullPage: true });

  // the latest settlement opens with its lines, which add up to its gross
  await page.getByTestId('merchant-settlements-cards').getByRole('link', { name: /\d/ }).first().click();
  await expect(page).toHaveURL(/\/merchant\/settlements\/\d+$/);
  const id = Number(page.url().split('/').pop());
  const [figures] = await query<{ gross: number; net: number; lines: number }>(
    `SELECT s."grossFen" AS gross, s."netFen" AS net, (SELECT count(*)::int FROM "SettlementLine" l WHERE l."settlementId" = s.id) AS lines FROM "Settlement" s WHERE s.id = $1`, [id],
  );
  await expect(page.getByTestId('settlement-lines-card')).toHaveCount(figures!.lines);
  await expect(page.getByTestId('figure-gross').first()).toHaveText(money(figures!.gross));
  await expect(page.getByTestId('figure-net').first()).toHaveText(money(figures!.net));
  await expect(page.getByTestId('settlement-explanation')).not.toBeEmpty();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/merchant-settlement-lines.png' });
});
