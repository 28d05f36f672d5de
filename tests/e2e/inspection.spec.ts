// The inspector's journey, end to end: find a scale by its serial on a phone, record a spot check
// with one indication far off, suspend the scale on the spot; the city regulator's overview and the
// market's floor map show it suspended; the scale's next signed weighing is stored flagged
// `scale_suspended` by the ingest. Then the market manager's side: the expiry reminder and a
// fair-scale re-weigh that raises an alert.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { loadPlatformKey, open } from '../../lib/crypto/secret-box.ts';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { weighingTopic } from '../../lib/domain/protocol/topics.ts';
import { massInputText, parseMassMg } from '../../lib/domain/mass-input.ts';
import { eventually } from '../support/eventually.ts';
import { mosquittoPub, query, signIn } from './support.ts';

/** The figure a stat card shows, as a number ("1,234" → 1234). */
async function figure(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''));
}

type Target = {
  id: number;
  serial: string;
  marketId: number;
  stallCode: string;
  dMg: number;
  minMg: number;
  lastSeq: string | null;
  sealed: Buffer;
};

test.describe.configure({ mode: 'serial' });

test('an inspector finds a scale, records a failing check and suspends it; the regulator sees it; its next weighing is flagged', async ({ page, browser }) => {
  // a trade scale of the inspector's district, legally valid well beyond the warning window, with a
  // secret from the seed; not the demo merchant's (another journey publishes on those)
  const [scale] = await query<Target>(
    `SELECT s.id, s.serial, s."marketId", st.code AS "stallCode", s."dMg", s."minMg", s."lastSeq"::text AS "lastSeq", s."secretSealed" AS sealed
       FROM "Scale" s
       JOIN "Stall" st ON st.id = s."stallId"
       JOIN "Market" mk ON mk.id = s."marketId"
       JOIN "User" u ON u.username = 'inspector' AND u."districtId" = mk."districtId"
       JOIN "User" m ON m.username = 'merchant'
       JOIN LATERAL (SELECT result, "expiresOn" FROM "Verification" v WHERE v."scaleId" = s.id ORDER BY "verifiedOn" DESC, id DESC LIMIT 1) v ON true
      WHERE s.purpose = 'trade' AND s.status = 'in_service' AND s."revokedAt" IS NULL AND s."secretSealed" IS NOT NULL
        AND st."merchantId" IS DISTINCT FROM m."merchantId"
        AND v.result = 'passed' AND v."expiresOn" > (now() AT TIME ZONE 'Asia/Shanghai')::date + 60
        -- an open alert on the stall would colour its tile 'alert', which outranks 'suspended'
        AND NOT EXISTS (SELECT 1 FROM "Alert" a JOIN "Scale" x ON x.id = a."scaleId" WHERE a.status = 'open' AND x."stallId" = st.id)
        AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a.status = 'open' AND a."scaleId" IS NULL AND a."merchantId" = st."merchantId")
      ORDER BY s.id DESC LIMIT 1`,
  );
  if (!scale) throw new Error('the seed has no valid scale in the inspector’s district');

  // the city regulator's overview before: suspended and failed scales
  const regulator = await browser.newPage();
  await signIn(regulator, 'city');
  await regulator.goto('/regulator');
  const problemsBefore = await figure(regulator, 'stat-suspended-failed');

  // the inspector, on a phone, types the serial from the data plate
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'inspector');
  await page.goto('/regulator/inspect');
  await page.getByTestId('inspect-serial').fill(scale.serial.toLowerCase());
  await page.getByTestId('inspect-find').click();
  await expect(page).toHaveURL(new RegExp(`/regulator/inspect/${scale.id}$`));
  await expect(page.getByTestId('inspect-scale-serial')).toHaveText(scale.serial);
  await expect(page.getByTestId('inspect-scale-status')).toHaveText('检定有效');

  // every suggested point read true, except the second weighing: 100 g heavy, far beyond any MPE of the scale
  const form = page.getByTestId('inspection-form');
  const points = await form.locator('[data-testid^="point-"][data-testid$="-reference"]').count();
  expect(points).toBeGreaterThanOrEqual(3);
  const farOff = 2;
  for (let index = 0; index < points; index++) {
    const reference = await page.getByTestId(`point-${index}-reference`).inputValue();
    const referenceMg = parseMassMg(reference, 'kg');
    if (referenceMg === null) throw new Error(`point ${index} has no reference: ${reference}`);
    await page.getByTestId(`point-${index}-indication-0`).fill(massInputText(index === farOff ? referenceMg + 100_000 : referenceMg, 'kg'));
    await expect(page.getByTestId(`point-${index}-verdict`)).toHaveAttribute('data-passed', index === farOff ? 'false' : 'true');
  }
  await expect(page.getByTestId('inspection-summary')).toHaveAttribute('data-result', 'failed');
  await page.screenshot({ path: 'test-results/e2e/inspection-form.png', fullPage: true });
  await page.getByTestId('inspection-submit').click();

  await expect(page).toHaveURL(/\/regulator\/inspections\/\d+$/);
  const inspectionId = Number(new URL(page.url()).pathname.split('/').at(-1));
  await expect(page.getByTestId('inspection-result')).toHaveAttribute('data-result', 'failed');
  await expect(page.getByTestId('inspection-points').locator('tbody tr')).toHaveCount(points);
  const stored = await query<{ result: string; stage: string; checks: number; failed: number }>(
    `SELECT i.result, i.stage, count(c.id)::int AS checks, count(c.id) FILTER (WHERE NOT c.passed)::int AS failed
       FROM "Inspection" i JOIN "CheckWeighing" c ON c."inspectionId" = i.id WHERE i.id = $1 GROUP BY i.id`, [inspectionId]);
  expect(stored).toEqual([{ result: 'failed', stage: 'in_service', checks: points, failed: 1 }]);

  // suspend it on the spot, after a confirmation
  await page.getByTestId('suspend').click();
  await page.getByTestId('confirm-suspend-submit').click();
  // the page re-renders from the database: the scale is now suspended, and there is nothing left to suspend
  await expect(page.getByTestId('scale-suspended')).toBeVisible();
  await expect(page.getByTestId('suspend')).toHaveCount(0);
  expect(await query(`SELECT status FROM "Scale" WHERE id = $1`, [scale.id])).toEqual([{ status: 'suspended' }]);
  expect(await query(`SELECT suspended FROM "Inspection" WHERE id = $1`, [inspectionId])).toEqual([{ suspended: true }]);
  await page.screenshot({ path: 'test-results/e2e/inspection-suspended.png', fullPage: true });

  // the scale's printed label encodes its public page; a shopper scanning it sees the scale suspended,
  // and the inspector there gets the way back in
  await regulator.goto(`/regulator/scales/${scale.id}/label`);
  await expect(regulator.getByTestId('label-serial')).toHaveText(scale.serial);
  const encoded = await regulator.getByTestId('label-qr').getAttribute('data-text');
  expect(encoded).toBe(new URL(`/s/${scale.serial}`, regulator.url()).href);
  const shopper = await browser.newPage();
  await shopper.goto(encoded!);
  await expect(shopper.getByTestId('scale-verdict')).toHaveAttribute('data-verdict', 'suspended');
  await expect(shopper.getByTestId('start-inspection')).toHaveCount(0);
  await page.goto(`/s/${scale.serial}`);
  await expect(page.getByTestId('start-inspection')).toHaveAttribute('href', `/regulator/inspect/${scale.id}`);

  // the city regulator: one more suspended scale on the overview, and a suspended tile on the market's floor map
  await regulator.goto('/regulator');
  expect(await figure(regulator, 'stat-suspended-failed')).toBe(problemsBefore + 1);
  await regulator.goto(`/regulator/markets/${scale.marketId}`);
  const tile = regulator.locator(`[data-testid="floor-tile"][data-stall="${scale.stallCode}"]`);
  await expect(tile).toHaveCount(1);
  await expect(tile).toHaveAttribute('data-state', 'suspended');
  await expect(tile).toHaveAttribute('aria-label', /已停用/);

  // the scale's next weighing, signed with its own secret, is stored flagged scale_suspended
  const secret = open(loadPlatformKey(), scale.sealed);
  const netMg = Math.ceil(Math.max(scale.minMg, 1_235_000) / scale.dMg) * scale.dMg;
  const receipt = randomBytes(16).toString('base64url');
  const weighing = withSignature(secret, {
    v: 1, serial: scale.serial, seq: Number(scale.lastSeq ?? 0) + 1, at: new Date().toISOString(), plu: '1001', unitPriceFenPerKg: 700,
    grossMg: netMg, tareMg: 0, netMg, priceFen: priceToPay({ unitPriceFenPerKg: 700, netMg }), stable: true, payment: 'bank_qr', receipt,
  });
  mosquittoPub(weighingTopic(scale.serial), JSON.stringify(weighing));
  const flagged = await eventually(
    () => query<{ findings: string[] }>(`SELECT w.findings FROM "Receipt" r JOIN "Weighing" w ON w.id = r."weighingId" AND w."scaleTime" = r."issuedAt" WHERE r.token = $1`, [receipt]),
    (rows) => rows.length > 0,
  );
  expect(flagged).toHaveLength(1);
  expect(flagged[0]!.findings).toContain('scale_suspended');
  expect(await query(`SELECT 1 FROM "Alert" WHERE "scaleId" = $1 AND rule = 'scale_suspended' AND status = 'open'`, [scale.id])).toHaveLength(1);
});

test('a market manager is reminded of expiring verifications, re-weighs a purchase on the fair scale, and may not inspect', async ({ page }) => {
  const [manager] = await query<{ marketId: number }>(`SELECT "marketId" FROM "User" WHERE username = 'market'`);
  if (!manager) throw new Error('no market manager');
  // an independent count: in-use scales of the market whose latest verification passed and ends within 30 days
  const [expiring] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Scale" s
       JOIN LATERAL (SELECT result, "expiresOn" FROM "Verification" v WHERE v."scaleId" = s.id ORDER BY "verifiedOn" DESC, id DESC LIMIT 1) v ON true
      WHERE s."marketId" = $1 AND s.status = 'in_service' AND v.result = 'passed'
        AND v."expiresOn" BETWEEN (now() AT TIME ZONE 'Asia/Shanghai')::date AND (now() AT TIME ZONE 'Asia/Shanghai')::date + 30`, [manager.marketId]);

  await signIn(page, 'market');
  await expect(page.getByTestId('expiry-reminder')).toHaveAttribute('data-expiring', String(expiring!.n));
  if (expiring!.n > 0) {
    await page.getByTestId('expiry-reminder-link').click();
    await expect(page).toHaveURL(/\/regulator\/verifications\?status=expiring$/);
    await expect(page.getByTestId('lifecycle-table').locator('tbody tr')).toHaveCount(Math.min(expiring!.n, 50));
    const days = await page.getByTestId('lifecycle-days').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-days'))));
    expect(days.every((d) => d >= 0 && d <= 30)).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  }

  // inspections are the bureau's: the market's manager is refused
  expect((await page.goto('/regulator/inspect'))?.status()).toBe(403);

  // a shopper's purchase in this market, re-weighed: the fair scale finds 10 % less than the receipt
  const [purchase] = await query<{ token: string; netMg: number; scaleId: number }>(
    `SELECT r.token, w."netMg", w."scaleId" FROM "Receipt" r JOIN "Weighing" w ON w.id = r."weighingId" AND w."scaleTime" = r."issuedAt"
       JOIN "Scale" s ON s.id = w."scaleId"
      WHERE w."marketId" = $1 AND s.purpose = 'trade' AND w."netMg" >= 500000 ORDER BY r."issuedAt" DESC LIMIT 1`, [manager.marketId]);
  if (!purchase) throw new Error('no purchase in the manager’s market');
  await page.goto('/regulator/reweigh');
  await page.getByTestId('reweigh-receipt').fill(`https://example.invalid/v/${purchase.token}`);
  await page.getByTestId('reweigh-find').click();
  const candidate = page.getByTestId('candidate-0');
  await expect(candidate).toBeVisible();
  await page.getByTestId('candidate-0-fair-mass').fill(massInputText(Math.round(purchase.netMg / 1.1), 'g'));
  await page.getByTestId('candidate-0-unit').selectOption('g');
  await page.getByTestId('candidate-0-submit').click();
  await expect(page.getByTestId('candidate-0-result')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('candidate-0-alert')).toBeVisible();
  const alerts = await query<{ detail: { count: number } }>(
    `SELECT detail FROM "Alert" WHERE "scaleId" = $1 AND rule = 'reweigh_failed' AND status = 'open'`, [purchase.scaleId]);
  expect(alerts).toHaveLength(1);
  const checks = await query<{ source: string; referenceMg: number; indicationMg: number; passed: boolean }>(
    `SELECT source, "referenceMg", "indicationMg", passed FROM "CheckWeighing" WHERE "scaleId" = $1 AND source = 'fair_scale' AND "referenceScaleId" IS NOT NULL`, [purchase.scaleId]);
  expect(checks).toEqual([{ source: 'fair_scale', referenceMg: Math.round(purchase.netMg / 1.1), indicationMg: purchase.netMg, passed: false }]);
  await page.screenshot({ path: 'test-results/e2e/reweigh-failed.png', fullPage: true });
});
