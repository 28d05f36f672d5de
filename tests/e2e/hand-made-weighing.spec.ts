// A scale maker's first message, by hand, exactly as /protocol describes it: a secret from the
// regulator's rotate button, the canonical form (keys sorted, no sig), `openssl dgst -hmac` for the
// signature, `mosquitto_pub` to the broker. It is accepted and shows on the merchant's pages; the
// same message with one byte changed lands in the dead letter as bad_signature.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { eventually } from '../support/eventually.ts';
import { mosquittoPub, query, signIn } from './support.ts';

function canonical(message: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(message).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function opensslHmac(text: string, secret: string): string {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s' "$CANON" | openssl dgst -sha256 -hmac "$SECRET"`], { env: { ...process.env, CANON: text, SECRET: secret } }).toString();
  return out.trim().split('= ')[1]!;
}

test('a hand-made weighing is accepted and visible; one byte changed is rejected', async ({ page, browser }) => {
  const [scale] = await query<{ id: number; serial: string; lastSeq: string | null; dMg: number }>(
    `SELECT s.id, s.serial, s."lastSeq"::text AS "lastSeq", s."dMg" FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId"
      JOIN "User" u ON u."merchantId" = st."merchantId" WHERE u.username = 'merchant' AND s.status = 'in_service' ORDER BY s.id LIMIT 1`,
  );
  expect(scale).toBeTruthy();

  // the district regulator rotates the scale's secret and reads it once
  await signIn(page, 'district');
  await page.goto(`/regulator/scales/${scale!.id}`);
  await page.getByTestId('rotate-secret').click();
  await page.getByTestId('confirm-rotate-submit').click();
  const secret = (await page.getByTestId('issued-secret').innerText()).trim();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  const receipt = randomBytes(16).toString('base64url');
  const weighing = {
    v: 1, serial: scale!.serial, seq: Number(scale!.lastSeq ?? 0) + 1, at: new Date().toISOString(), plu: '1001', unitPriceFenPerKg: 700,
    grossMg: 1_240_000, tareMg: 5_000, netMg: 1_235_000, priceFen: 865, stable: true, payment: 'bank_qr', receipt,
  };
  const payload = JSON.stringify({ ...weighing, sig: opensslHmac(canonical(weighing), secret) });
  mosquittoPub(`sunshine/v1/scales/${scale!.serial}/weighings`, payload);

  const stored = await eventually(() => query<{ priceFen: number }>(`SELECT w."priceFen" FROM "Receipt" r JOIN "Weighing" w ON w.id = r."weighingId" WHERE r.token = $1`, [receipt]), (rows) => rows.length > 0);
  expect(stored).toEqual([{ priceFen: 865 }]);

  // the merchant sees it among its transactions; the shopper's receipt page shows the price
  const merchant = await browser.newPage();
  await signIn(merchant, 'merchant');
  await merchant.goto('/merchant/transactions');
  await expect(merchant.locator(`a[href="/v/${receipt}"]`)).toHaveCount(1);
  await merchant.goto(`/v/${receipt}`);
  await expect(merchant.getByTestId('receipt-price')).toContainText('8.65');
  await merchant.screenshot({ path: 'test-results/e2e/hand-made-weighing-receipt.png', fullPage: true });

  // the same message with one byte changed (net 1 235 000 → 1 235 001): refused, kept, with its reason
  const next = { ...weighing, seq: weighing.seq + 1, receipt: randomBytes(16).toString('base64url') };
  const tampered = JSON.stringify({ ...next, sig: opensslHmac(canonical(next), secret) }).replace('"netMg":1235000', '"netMg":1235001');
  mosquittoPub(`sunshine/v1/scales/${scale!.serial}/weighings`, tampered);
  const rejected = await eventually(
    () => query<{ reason: string; payload: Buffer }>(`SELECT reason, payload FROM "RejectedMessage" WHERE "scaleSerial" = $1 ORDER BY id DESC LIMIT 1`, [scale!.serial]),
    (rows) => rows.length > 0,
  );
  expect(rejected[0]!.reason).toBe('bad_signature');
  expect(rejected[0]!.payload.toString()).toBe(tampered);
});
