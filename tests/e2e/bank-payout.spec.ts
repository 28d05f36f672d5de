// The bank officer opens a closed settlement waiting for its payout, on a phone, reads its lines,
// is told in place what is wrong with a bad reference, and records the payout: the settlement then
// reads paid, with the reference and the day. 0 serious axe violations.
import { expect, test } from '@playwright/test';
import { query, seriousViolations, signIn } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('the bank officer records a payout', async ({ page }) => {
  const [settlement] = await query<{ id: number; lines: number }>(
    `SELECT s.id, (SELECT count(*)::int FROM "SettlementLine" l WHERE l."settlementId" = s.id) AS lines
       FROM "Settlement" s WHERE s.status = 'pending' ORDER BY s."businessDay" DESC, s.id LIMIT 1`,
  );
  await signIn(page, 'bank');
  await page.goto(`/bank/settlements/${settlement!.id}`);
  await expect(page.getByTestId('settlement-lines-card')).toHaveCount(settlement!.lines);
  await expect(page.getByTestId('settlement-payout')).toHaveText('尚未付款');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('payout-ref').fill('CCB PAY 1');
  await page.getByTestId('payout-submit').click();
  await expect(page.getByTestId('payout-error-bankRef')).toHaveText('流水号只能包含字母、数字、- 和 _。');

  const ref = `CCBPAYE2E${settlement!.id}`;
  await page.getByTestId('payout-ref').fill(ref);
  await page.getByTestId('payout-submit').click();
  await expect(page.getByTestId('settlement-payout')).toContainText(ref);
  await expect(page.getByTestId('payout-form')).toHaveCount(0);
  const [row] = await query<{ status: string; ref: string }>(`SELECT status::text AS status, "bankRef" AS ref FROM "Settlement" WHERE id = $1`, [settlement!.id]);
  expect(row).toEqual({ status: 'paid', ref });
});
