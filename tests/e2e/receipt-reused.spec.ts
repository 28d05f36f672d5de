// A receipt token printed on two purchases (two genuine weighings from two scales): the shopper who
// scans the printed code sees neither purchase but a plain "cannot be verified" state with the
// 12315 path, on a 390 px phone, in both languages, with no serious accessibility violation; the
// later purchase's own page (its derived token, linked from the merchant's list) shows that purchase.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { loadPlatformKey, seal } from '../../lib/crypto/secret-box.ts';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { weighingTopic } from '../../lib/domain/protocol/topics.ts';
import { derivedReceiptToken } from '../../lib/domain/receipt-reuse.ts';
import { LOCALE_COOKIE } from '../../lib/i18n/index.ts';
import { eventually } from '../support/eventually.ts';
import { mosquittoPub, query, seriousViolations, signIn } from './support.ts';

const PHONE = { width: 390, height: 844 };

interface Scale {
  id: number;
  serial: string;
  lastSeq: string | null;
  minMg: number;
  dMg: number;
}

/** Gives a scale a secret of the test's own, sealed with the run's platform key. */
async function provision(scale: Scale): Promise<string> {
  const secret = randomBytes(32).toString('hex');
  await query(`UPDATE "Scale" SET "secretSealed" = $1, "secretIssuedAt" = now() WHERE id = $2`, [seal(loadPlatformKey(), secret), scale.id]);
  return secret;
}

function signedWeighing(scale: Scale, secret: string, receipt: string, unitPriceFenPerKg: number) {
  const netMg = scale.minMg + scale.dMg * 400;
  return withSignature(secret, {
    v: 1, serial: scale.serial, seq: Number(scale.lastSeq ?? 0) + 1, at: new Date().toISOString(), plu: '1001', unitPriceFenPerKg,
    grossMg: netMg, tareMg: 0, netMg, priceFen: priceToPay({ unitPriceFenPerKg, netMg }), stable: true, payment: 'bank_qr', receipt,
  });
}

test('a receipt code printed on two purchases shows neither, and says what to do', async ({ browser }) => {
  // the later purchase is the demo merchant's, so its list links the purchase's own page
  const [mine] = await query<Scale & Record<string, unknown>>(
    `SELECT s.id, s.serial, s."lastSeq"::text AS "lastSeq", s."minMg", s."dMg" FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId"
      JOIN "User" u ON u."merchantId" = st."merchantId"
     WHERE u.username = 'merchant' AND s.status = 'in_service' AND s.purpose = 'trade' ORDER BY s.id DESC LIMIT 1`,
  );
  const [other] = await query<Scale & Record<string, unknown>>(
    `SELECT id, serial, "lastSeq"::text AS "lastSeq", "minMg", "dMg" FROM "Scale"
      WHERE status = 'in_service' AND purpose = 'trade' AND "revokedAt" IS NULL AND id <> $1 ORDER BY id DESC LIMIT 1`,
    [mine!.id],
  );
  const printed = randomBytes(16).toString('base64url');
  const first = signedWeighing(other!, await provision(other!), printed, 800);
  const later = signedWeighing(mine!, await provision(mine!), printed, 1500);
  mosquittoPub(weighingTopic(other!.serial), JSON.stringify(first));
  await eventually(() => query(`SELECT 1 FROM "Receipt" WHERE token = $1`, [printed]), (rows) => rows.length > 0);
  mosquittoPub(weighingTopic(mine!.serial), JSON.stringify(later));
  const derived = derivedReceiptToken(Buffer.from(later.sig, 'hex'));
  const reissued = await eventually(() => query(`SELECT token FROM "Receipt" WHERE "printedToken" = $1`, [printed]), (rows) => rows.length > 0);
  expect(reissued).toEqual([{ token: derived }]);

  // the shopper scans the printed code on a phone: neither purchase, a clear state and 12315
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const phone = await context.newPage();
  await phone.goto(`/v/${printed}`);
  const state = phone.getByTestId('receipt-reused');
  await expect(state.getByRole('heading', { level: 1 })).toHaveText('这张小票无法核验');
  await expect(state).toContainText('另一笔交易');
  await expect(state.locator('a[href="tel:12315"]')).toBeVisible();
  await expect(phone.getByTestId('receipt-price')).toHaveCount(0);
  await expect(phone.getByTestId('receipt-purchase')).toHaveCount(0);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.screenshot({ path: 'test-results/e2e/receipt-reused-zh.png', fullPage: true });

  await context.addCookies([{ name: LOCALE_COOKIE, value: 'en', url: phone.url() }]);
  await phone.reload();
  await expect(state.getByRole('heading', { level: 1 })).toHaveText('This receipt cannot be verified');
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.screenshot({ path: 'test-results/e2e/receipt-reused-en.png', fullPage: true });
  await context.close();

  // the later purchase keeps a page of its own, reached from the merchant's list
  const merchantContext = await browser.newContext({ viewport: PHONE });
  const merchant = await merchantContext.newPage();
  await signIn(merchant, 'merchant');
  await merchant.goto('/merchant/transactions');
  await expect(merchant.locator(`a[href="/v/${derived}"]`)).toHaveCount(1);
  await expect(merchant.locator(`a[href="/v/${printed}"]`)).toHaveCount(0);
  await merchant.goto(`/v/${derived}`);
  await expect(merchant.getByTestId('receipt-price')).toContainText((later.priceFen / 100).toFixed(2));
  await expect(merchant.getByTestId('receipt-reissued')).toBeVisible();
  expect(await seriousViolations(merchant)).toEqual([]);
  await merchant.screenshot({ path: 'test-results/e2e/receipt-reused-own-page.png', fullPage: true });
  await merchantContext.close();
});
