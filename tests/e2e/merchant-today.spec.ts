// A merchant on a phone watches today's takings rise, without a reload, as a sale made on one of
// its scales arrives through the broker and the ingest. 0 serious axe violations.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { loadPlatformKey, open } from '../../lib/crypto/secret-box.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { money } from '../../lib/i18n/format.ts';
import { mosquittoPub, query, seriousViolations, signIn } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('today’s takings rise live as a sale arrives', async ({ page }) => {
  await signIn(page, 'merchant');
  await expect(page.getByTestId('today-takings')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const before = (await page.getByTestId('today-weighed').innerText()).trim();
  const [row] = await query<{ fen: string }>(
    `SELECT COALESCE(d."priceFenSum", 0)::text AS fen FROM "User" u LEFT JOIN "MerchantDay" d ON d."merchantId" = u."merchantId"
       AND d."businessDay" = (now() AT TIME ZONE 'Asia/Shanghai')::date WHERE u.username = 'merchant'`,
  );
  expect(before).toBe(money(Number(row!.fen)));

  const [scale] = await query<{ serial: string; lastSeq: string | null; sealed: Buffer }>(
    `SELECT s.serial, s."lastSeq"::text AS "lastSeq", s."secretSealed" AS sealed FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId"
      JOIN "User" u ON u."merchantId" = st."merchantId" WHERE u.username = 'merchant' AND s.status = 'in_service' AND s."secretSealed" IS NOT NULL ORDER BY s.id DESC LIMIT 1`,
  );
  const secret = open(loadPlatformKey(), scale!.sealed);
  const weighing = withSignature(secret, {
    v: 1, serial: scale!.serial, seq: Number(scale!.lastSeq ?? 0) + 1, at: new Date().toISOString(), plu: '1001', unitPriceFenPerKg: 700,
    grossMg: 1_240_000, tareMg: 5_000, netMg: 1_235_000, priceFen: 865, stable: true, payment: 'bank_qr', receipt: randomBytes(16).toString('base64url'),
  });
  mosquittoPub(`sunshine/v1/scales/${scale!.serial}/weighings`, JSON.stringify(weighing));

  // no reload: the figure follows within a few polls
  await expect(page.getByTestId('today-weighed')).toHaveText(money(Number(row!.fen) + 865), { timeout: 20_000 });
  await expect(page.getByTestId('today-status')).toContainText('实时更新');
  await page.screenshot({ path: 'test-results/e2e/merchant-today.png', fullPage: true });
});
