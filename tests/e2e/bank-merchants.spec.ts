// The bank officer finds a merchant by name on a phone, opens it, and reads its month of
// settlements with their totals; the overview's market rows open the search narrowed to the market.
// 0 serious axe violations.
import { expect, test } from '@playwright/test';
import { money } from '../../lib/i18n/format.ts';
import { query, seriousViolations, signIn } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('the bank officer finds a merchant by name and reads its settlements', async ({ page }) => {
  const [member] = await query<{ id: number; shopName: string; name: string; day: string }>(
    `SELECT m.id, m."shopName", m.name, to_char(max(s."businessDay"), 'YYYY-MM-DD') AS day
     FROM "Merchant" m JOIN "Settlement" s ON s."merchantId" = m.id
     WHERE m."programmeId" IS NOT NULL GROUP BY m.id ORDER BY m.id LIMIT 1`,
  );
  await signIn(page, 'bank');
  await page.getByRole('link', { name: '商户查询' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '商户查询' })).toBeVisible();
  await page.getByTestId('merchant-q').fill(member!.name);
  await page.getByTestId('merchant-search-submit').click();
  await expect(page).toHaveURL(/q=/);
  const link = page.getByTestId('merchant-results-cards').getByRole('link', { name: member!.shopName }).first();
  await expect(link).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await link.click();
  await expect(page.getByTestId('merchant-shop')).toHaveText(member!.shopName);

  // the month of its latest settlement, with the month's totals equal to the rows
  await page.goto(`/bank/merchants/${member!.id}?month=${member!.day.slice(0, 7)}`);
  const rows = await query<{ gross: number; net: number }>(
    `SELECT "grossFen" AS gross, "netFen" AS net FROM "Settlement" WHERE "merchantId" = $1 AND to_char("businessDay", 'YYYY-MM') = $2`,
    [member!.id, member!.day.slice(0, 7)],
  );
  await expect(page.getByTestId('merchant-settlements-card')).toHaveCount(rows.length);
  const gross = rows.reduce((sum, r) => sum + r.gross, 0);
  await expect(page.getByTestId('month-totals')).toContainText(money(gross));
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/bank-merchant.png', fullPage: true });

  // the overview's market rows open the search narrowed to the market
  await page.goto('/bank');
  await page.locator('a[href^="/bank/merchants?market="]').first().click();
  await expect(page).toHaveURL(/\/bank\/merchants\?market=\d+/);
  await expect(page.getByTestId('merchant-results-cards')).toBeVisible();
});
