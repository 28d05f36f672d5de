import { expect, test } from '@playwright/test';
import { query, signIn } from './support.ts';

const landings = [
  { username: 'city', path: '/regulator' },
  { username: 'district', path: '/regulator' },
  { username: 'market', path: '/regulator' },
  { username: 'inspector', path: '/regulator' },
  { username: 'bank', path: '/bank' },
  { username: 'merchant', path: '/merchant' },
];

test.describe('sign-in', () => {
  for (const { username, path } of landings) {
    test(`${username} lands on ${path} with seeded figures`, async ({ page }) => {
      await signIn(page, username);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      // every dashboard shows at least one figure that is a real, non-zero number from the seed
      const figures = await page.locator('[data-testid^="stat-"]').allInnerTexts();
      expect(figures.length).toBeGreaterThan(0);
      expect(figures.some((text) => /[1-9]/.test(text))).toBe(true);
      await page.screenshot({ path: `test-results/e2e/landing-${username}.png`, fullPage: true });
    });
  }

  test('a wrong password gets a clear message and no session', async ({ page, context }) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('merchant');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('form-error')).toHaveText('用户名或密码错误');
    await expect(page).toHaveURL(/\/login/);
    expect((await context.cookies()).some((cookie) => cookie.name === 'ss_session')).toBe(false);
  });

  test('empty fields are named one by one', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('username-error')).toHaveText('请输入用户名');
    await expect(page.getByTestId('password-error')).toHaveText('请输入密码');
    await page.getByLabel('用户名').fill('merchant');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('username-error')).toHaveCount(0);
    await expect(page.getByTestId('password-error')).toHaveText('请输入密码');
  });

  test('an expired session sends the user back to sign in, saying why', async ({ page }) => {
    await signIn(page, 'bank');
    await expect(page).toHaveURL(/\/bank$/);
    await query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE "userId" = (SELECT id FROM "User" WHERE username = 'bank')`);
    await page.reload();
    await expect(page).toHaveURL(/\/login\?reason=expired/);
    await expect(page.getByTestId('login-notice')).toHaveText('登录已过期，请重新登录。');
  });

  test('sign-out ends the session', async ({ page }) => {
    await signIn(page, 'merchant');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login\?reason=signed-out/);
    await page.goto('/merchant');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('the English switch translates the page and sticks', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByRole('heading', { name: 'Sign in to Sunshine Scale' })).toBeVisible();
    await page.getByLabel('Username').fill('nobody');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('form-error')).toHaveText('Wrong username or password');
    await page.getByTestId('locale-switch').click();
    await expect(page.getByRole('heading', { name: '登录阳光秤平台' })).toBeVisible();
  });
});
