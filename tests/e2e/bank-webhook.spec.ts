// The bank officer and the payment webhook: the public contract page with its worked example, then
// the officer's page (programme id, how the payments stand), a new secret shown once, and the
// running app refusing the old secret and accepting the new one at once.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { loadPlatformKey, open } from '../../lib/crypto/secret-box.ts';
import { signatureHeader } from '../../lib/domain/bank/webhook.ts';
import { query, signIn } from './support.ts';

test('the bank officer reads the contract, sees the webhook, issues a new secret once, and only the new one is accepted', async ({ page, request }) => {
  await page.goto('/bank-api');
  await expect(page.getByRole('heading', { name: '阳光秤银行支付通知接口 v1' })).toBeVisible();
  await expect(page.getByTestId('bank-example-headers')).toContainText(/X-Sunshine-Signature: v1=[0-9a-f]{64}/);
  await expect(page.getByTestId('bank-api-refusals')).toContainText('stale_timestamp · 401');

  await signIn(page, 'bank');
  await page.getByRole('link', { name: '支付通知接口' }).click();
  await expect(page).toHaveURL(/\/bank\/webhook$/);
  const [programme] = await query<{ id: number; sealed: Buffer }>('SELECT id, "webhookSecretSealed" AS sealed FROM "Programme" ORDER BY id LIMIT 1');
  await expect(page.getByTestId('webhook-programme')).toHaveText(String(programme!.id));
  await expect(page.getByTestId('webhook-count-matched')).not.toHaveText('0');
  const oldSecret = open(loadPlatformKey(), programme!.sealed);

  await page.getByRole('button', { name: '签发新密钥' }).click();
  const shown = page.getByTestId('webhook-secret');
  await expect(shown).toHaveText(/^[0-9a-f]{64}$/);
  const newSecret = ((await shown.textContent()) ?? '').trim();
  expect(newSecret).not.toBe(oldSecret);
  await page.screenshot({ path: 'test-results/e2e/bank-webhook-secret.png', fullPage: true });

  const body = JSON.stringify({ notifications: [{ kind: 'captured', ref: `E2E${randomBytes(6).toString('hex')}`, amountFen: 100, at: new Date().toISOString(), receiptToken: randomBytes(16).toString('base64url') }] });
  const post = (secret: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return request.post('/api/bank/payments', {
      headers: { 'content-type': 'application/json', 'x-sunshine-programme': String(programme!.id), 'x-sunshine-timestamp': timestamp, 'x-sunshine-signature': signatureHeader(secret, timestamp, body) },
      data: body,
    });
  };
  expect((await post(oldSecret)).status()).toBe(401);
  const accepted = await post(newSecret);
  expect(accepted.status()).toBe(200);
  expect((await accepted.json()).results[0]).toMatchObject({ outcome: 'accepted', match: 'waiting' });

  // the secret was shown once: a reload does not show it again
  await page.reload();
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
  await expect(page.getByTestId('webhook-count-waiting')).not.toHaveText('0');
});
