// The bank officer works a day that does not balance to resolved, on a phone: the exception queue
// shows both totals and the difference, an empty note is refused in place, a note resolves it
// (audited) and takes it out of the open queue, and it then shows under "resolved" with the note. 0 serious axe violations.
import { expect, test } from '@playwright/test';
import { money } from '../../lib/i18n/format.ts';
import { query, seriousViolations, signIn } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('the bank officer resolves a day that does not balance with a note', async ({ page }) => {
  await signIn(page, 'bank');
  await page.goto('/bank/exceptions');
  await expect(page.getByRole('heading', { level: 1, name: '异常处理' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const cards = page.getByTestId('exception-settlements-card');
  await expect(cards.first()).toBeVisible();
  const card = cards.first();
  const form = card.locator('form');
  const kind = await form.locator('input[name="kind"]').inputValue();
  const id = await form.locator('input[name="id"]').inputValue();
  expect(kind).toBe('settlement');
  const [day] = await query<{ gross: number; weighed: number }>('SELECT "grossFen" AS gross, "weighedFen" AS weighed FROM "Settlement" WHERE id = $1', [Number(id)]);
  expect(day!.gross).not.toBe(day!.weighed);
  await expect(card).toContainText(money(day!.gross - day!.weighed));

  // a note of a few spaces is refused in place, nothing written
  await card.getByTestId('resolve-note').fill('   ');
  await card.getByTestId('resolve-note').evaluate((el) => el.removeAttribute('required'));
  await card.getByTestId('resolve-submit').click();
  await expect(card.getByTestId('resolve-error')).toHaveText('请写明处理说明（至少 4 个字）。');
  await expect(card.getByTestId('resolve-note')).toHaveAttribute('aria-invalid', 'true');

  const note = `对账单核实：晚到的一笔收款 ${Date.now()}`;
  await card.getByTestId('resolve-note').fill(note);
  await card.getByTestId('resolve-submit').click();
  // resolved, it leaves the open queue
  await expect(page.getByTestId(`resolve-settlement-${id}`)).toHaveCount(0);
  const [audit] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'bank.exception_resolve' AND "entityId" = $1`, [id]);
  expect(audit!.n).toBe(1);

  await page.goto('/bank/exceptions?show=resolved');
  await expect(page.getByTestId('exception-settlements-cards')).toContainText(note);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/e2e/bank-exceptions.png', fullPage: true });
});
