// Device identity, as a district regulator does it: register a scale (a bad field first), see its
// secret once, rotate it, revoke the scale. The app runs with SCALE_SECRET_KEY (global-setup.ts),
// and this process sees the same key, so the stored bytes can be checked against what was shown.
import { expect, test, type Page } from '@playwright/test';
import { loadPlatformKey, open } from '../../lib/crypto/secret-box.ts';
import { query, signIn } from './support.ts';

const HEX_SECRET = /^[0-9a-f]{64}$/;

async function shownSecret(page: Page): Promise<string> {
  const secret = page.getByTestId('issued-secret');
  await expect(secret).toBeVisible();
  await expect(page.getByTestId('secret-once-hint')).toBeVisible();
  return ((await secret.textContent()) ?? '').trim();
}

async function storedScale(serial: string) {
  const [row] = await query<{ id: number; sealed: Buffer | null; issuedAt: Date | null; revokedAt: Date | null }>(
    `SELECT id, "secretSealed" AS sealed, "secretIssuedAt" AS "issuedAt", "revokedAt" FROM "Scale" WHERE serial = $1`, [serial]);
  if (!row) throw new Error(`no scale ${serial}`);
  return row;
}

function expectSealedSecret(sealed: Buffer | null, secret: string) {
  expect(sealed).not.toBeNull();
  expect(sealed?.includes(Buffer.from(secret))).toBe(false);
  expect(open(loadPlatformKey(), sealed ?? Buffer.alloc(0))).toBe(secret);
}

test('a district regulator registers a scale, sees its secret once, rotates it and revokes it', async ({ page }) => {
  const serial = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, 'district');
  await page.goto('/regulator/scales/new');
  await expect(page.getByRole('heading', { name: '注册计价秤' })).toBeVisible();

  // the district's first market and a stall in it
  const market = page.getByTestId('register-marketId');
  const marketOptions = market.locator('option:not([value=""])');
  expect(await marketOptions.count()).toBeGreaterThan(0);
  await market.selectOption((await marketOptions.first().getAttribute('value')) ?? '');
  const stallOptions = page.getByTestId('register-stallId').locator('option:not([value=""])');
  expect(await stallOptions.count()).toBeGreaterThan(0);
  await page.getByTestId('register-stallId').selectOption((await stallOptions.first().getAttribute('value')) ?? '');

  await page.getByTestId('register-serial').fill('ab');
  await page.getByTestId('register-model').fill('ACS-15 E2E');
  await page.getByTestId('register-maker').fill('衡阳端到端衡器有限公司');
  await page.getByTestId('register-maxG').fill('15000');
  await page.getByTestId('register-eG').fill('5');
  await page.getByTestId('register-dG').fill('5');
  await page.getByTestId('register-softwareId').fill('V2.1.0 CRC 3FA9');
  await page.getByTestId('register-submit').click();

  await expect(page.getByTestId('serial-error')).toHaveText('出厂编号须为 4–40 位字母、数字或连字符');
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expect(page.getByTestId('register-serial')).toHaveAttribute('aria-invalid', 'true');
  // what was typed stays
  await expect(page.getByTestId('register-model')).toHaveValue('ACS-15 E2E');
  expect((await query(`SELECT 1 FROM "Scale" WHERE serial = 'ab'`)).length).toBe(0);

  await page.getByTestId('register-serial').fill(serial);
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('registered-message')).toContainText(serial);
  const secret = await shownSecret(page);
  expect(secret).toMatch(HEX_SECRET);

  const stored = await storedScale(serial);
  expectSealedSecret(stored.sealed, secret);
  expect(stored.issuedAt).not.toBeNull();
  expect(stored.revokedAt).toBeNull();

  // once only: a reload shows a blank form, and the secret is nowhere in the page
  await page.reload();
  await expect(page.getByTestId('register-form')).toBeVisible();
  await expect(page.getByTestId('issued-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await page.goto(`/regulator/scales/${stored.id}`);
  const identity = page.getByTestId('device-identity');
  await expect(identity.getByTestId('identity-state')).toHaveAttribute('data-state', 'active');
  await expect(identity.getByTestId('secret-issued-at')).not.toHaveText('—');
  await expect(identity.getByTestId('revoked-at')).toHaveText('—');
  expect(await page.content()).not.toContain(secret);

  // rotating asks first; cancelling changes nothing
  await identity.getByTestId('rotate-secret').click();
  await expect(identity.getByTestId('confirm-rotate')).toBeVisible();
  await identity.getByTestId('confirm-cancel').click();
  await expect(identity.getByTestId('confirm-rotate')).toHaveCount(0);
  expect((await storedScale(serial)).sealed?.equals(stored.sealed ?? Buffer.alloc(0))).toBe(true);

  await identity.getByTestId('rotate-secret').click();
  await identity.getByTestId('confirm-rotate-submit').click();
  const rotated = await shownSecret(page);
  expect(rotated).toMatch(HEX_SECRET);
  expect(rotated).not.toBe(secret);
  expectSealedSecret((await storedScale(serial)).sealed, rotated);

  await page.reload();
  await expect(page.getByTestId('issued-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(rotated);

  // revoking asks first too, and is final: no more rotation
  await identity.getByTestId('revoke-scale').click();
  await expect(identity.getByTestId('confirm-revoke')).toBeVisible();
  await identity.getByTestId('confirm-revoke-submit').click();
  await expect(identity.getByTestId('identity-state')).toHaveAttribute('data-state', 'revoked');
  await expect(identity.getByTestId('identity-revoked')).toBeVisible();
  await expect(identity.getByTestId('revoked-at')).not.toHaveText('—');
  await expect(identity.getByTestId('rotate-secret')).toHaveCount(0);
  await expect(identity.getByTestId('revoke-scale')).toHaveCount(0);
  expect((await storedScale(serial)).revokedAt).not.toBeNull();

  await page.reload();
  await expect(identity.getByTestId('identity-state')).toHaveAttribute('data-state', 'revoked');
  const audit = await query<{ action: string }>(
    `SELECT action FROM "AuditEvent" WHERE entity = 'Scale' AND "entityId" = $1 ORDER BY id`, [String(stored.id)]);
  expect(audit.map((row) => row.action)).toEqual(['scale.register', 'scale.secret_rotate', 'scale.revoke']);
});

test('an inspector may look at a scale but not provision it', async ({ page }) => {
  await signIn(page, 'inspector');
  const response = await page.goto('/regulator/scales/new');
  expect(response?.status()).toBe(403);
  const [scale] = await query<{ id: number }>(
    `SELECT s.id FROM "Scale" s JOIN "Market" m ON m.id = s."marketId" JOIN "User" u ON u.username = 'inspector'
     WHERE u."districtId" IS NULL OR m."districtId" = u."districtId" ORDER BY s.id LIMIT 1`);
  if (!scale) throw new Error('no scale in the inspector’s scope');
  await page.goto(`/regulator/scales/${scale.id}`);
  await expect(page.getByTestId('device-identity')).toBeVisible();
  await expect(page.getByTestId('rotate-secret')).toHaveCount(0);
  await expect(page.getByTestId('revoke-scale')).toHaveCount(0);
});
