// The live floor map of a market, as the market manager uses it: a legend and a tile per stall, a
// tile that opens its stall, and a tile that changes without a reload when its scale signs off and
// on over MQTT (through the ingest worker), gets an open alert, or is suspended.
import { expect, test, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { open as unseal } from '../../lib/crypto/secret-box.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { statusTopic } from '../../lib/domain/protocol/topics.ts';
import { query, signIn } from './support.ts';

interface Subject {
  marketId: number;
  stallId: number;
  code: string;
  scaleId: number;
  serial: string;
  secretSealed: Buffer;
  lastSeq: string | null;
}

/** A stall of the manager's market with one in-service scale, verified well past 30 days, no open alert, not the demo merchant's. */
async function pickSubject(): Promise<Subject> {
  const [subject] = await query<Subject & Record<string, unknown>>(
    `SELECT st."marketId", st.id AS "stallId", st.code, s.id AS "scaleId", s.serial, s."secretSealed", s."lastSeq"::text AS "lastSeq"
       FROM "User" u
       JOIN "Stall" st ON st."marketId" = u."marketId" AND st."merchantId" IS NOT NULL
       JOIN "Scale" s ON s."stallId" = st.id
      WHERE u.username = 'market' AND s.status = 'in_service' AND s.purpose = 'trade' AND s."secretSealed" IS NOT NULL
        AND (SELECT count(*) FROM "Scale" o WHERE o."stallId" = st.id AND o.status <> 'retired') = 1
        AND (SELECT v.result = 'passed' AND v."expiresOn" > current_date + 60 FROM "Verification" v
              WHERE v."scaleId" = s.id ORDER BY v."verifiedOn" DESC, v.id DESC LIMIT 1)
        AND NOT EXISTS (SELECT 1 FROM "Alert" a WHERE a.status = 'open' AND (a."scaleId" = s.id OR (a."scaleId" IS NULL AND a."merchantId" = st."merchantId")))
        AND NOT EXISTS (SELECT 1 FROM "User" m WHERE m.username = 'merchant' AND m."merchantId" = st."merchantId")
      ORDER BY st.id DESC LIMIT 1`,
  );
  if (!subject) throw new Error('the seed has no quiet stall in the demo market');
  return subject;
}

/** A signed status report, as a scale sends it on connect (online) or as its last will (offline). */
async function publishStatus(subject: Subject, state: 'online' | 'offline'): Promise<void> {
  const secret = unseal(Buffer.from(process.env.SCALE_SECRET_KEY!, 'base64'), subject.secretSealed);
  const message = withSignature(secret, { v: 1, serial: subject.serial, seq: Number(subject.lastSeq ?? 0), at: new Date().toISOString(), state });
  const client = await mqtt.connectAsync(process.env.E2E_MQTT_URL!, { clientId: `e2e-floor-${process.pid}-${Date.now()}`, protocolVersion: 4, clean: true });
  try {
    await client.publishAsync(statusTopic(subject.serial), JSON.stringify(message), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

const tileOf = (page: Page, code: string) => page.locator(`[data-testid="floor-tile"][data-stall="${code}"]`);
// the map polls every 5 s; a change has to travel broker → ingest → database → poll → render
const LIVE = { timeout: 25_000 };

test.describe('the floor map of a market', () => {
  let subject: Subject;
  const alerts: number[] = [];

  test.beforeAll(async () => {
    subject = await pickSubject();
  });

  test.afterAll(async () => {
    if (!subject) return;
    await query(`UPDATE "Alert" SET status = 'closed', "closedAt" = now() WHERE id = ANY($1::int[])`, [alerts]);
    await query(`UPDATE "Scale" SET status = 'in_service' WHERE id = $1`, [subject.scaleId]);
  });

  test('shows every state in the legend, worst first, and a tile per stall', async ({ page }) => {
    await signIn(page, 'market');
    await page.goto(`/regulator/markets/${subject.marketId}`);
    const legend = page.getByTestId('floor-map-legend').locator('li');
    await expect(legend).toHaveCount(10);
    expect(await legend.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))).toEqual(
      ['alert', 'suspended', 'failed', 'expired', 'unverified', 'offline', 'expiring', 'valid', 'no_scale', 'vacant'],
    );
    await expect(legend.first()).toContainText('有预警');

    const [{ stalls }] = (await query<{ stalls: number }>(`SELECT count(*)::int AS stalls FROM "Stall" WHERE "marketId" = $1`, [subject.marketId])) as [{ stalls: number }];
    const tiles = page.getByTestId('floor-tile');
    await expect(tiles).toHaveCount(stalls);
    // every tile says its state in words, for screen readers and as a tooltip
    const labels = await tiles.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
    expect(labels.every((label) => /^摊位 \S+.*：\S+/.test(label))).toBe(true);
    await expect(page.getByTestId('floor-status')).toHaveAttribute('data-status', 'live');
    await page.locator('figure', { has: page.getByTestId('floor-map') }).screenshot({ path: 'test-results/e2e/floor-map.png' });
  });

  test('a tile opens its stall, by mouse and by keyboard', async ({ page }) => {
    await signIn(page, 'market');
    await page.goto(`/regulator/markets/${subject.marketId}`);
    await tileOf(page, subject.code).click();
    await expect(page).toHaveURL(new RegExp(`/regulator/markets/${subject.marketId}/stalls/${subject.stallId}$`));
    await expect(page.getByTestId('stall-code')).toContainText(subject.code);
    await expect(page.getByTestId('stall-scale-table')).toContainText(subject.serial);
    await page.screenshot({ path: 'test-results/e2e/floor-stall.png', fullPage: true });

    await page.goBack();
    await tileOf(page, subject.code).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/stalls/${subject.stallId}$`));
  });

  test('a tile changes without a reload when its scale signs on and off, gets an alert, or is suspended', async ({ page }) => {
    await signIn(page, 'market');
    await page.goto(`/regulator/markets/${subject.marketId}`);
    const tile = tileOf(page, subject.code);
    await expect(tile).toHaveAttribute('data-state', /.+/);
    // anything on window is gone after a reload: its survival proves the page was never reloaded
    await page.evaluate(() => ((window as unknown as { floorMarker: string }).floorMarker = 'same page'));

    await publishStatus(subject, 'online');
    await expect(tile).toHaveAttribute('data-state', 'valid', LIVE);

    await publishStatus(subject, 'offline');
    await expect(tile).toHaveAttribute('data-state', 'offline', LIVE);
    await expect(page.getByRole('status')).toContainText(subject.code);

    const [alert] = await query<{ id: number }>(
      `INSERT INTO "Alert" (rule, severity, status, "marketId", "scaleId", "raisedAt") VALUES ('seal_open', 'critical', 'open', $1, $2, now()) RETURNING id`,
      [subject.marketId, subject.scaleId],
    );
    alerts.push(alert!.id);
    await expect(tile).toHaveAttribute('data-state', 'alert', LIVE);
    await expect(tile).toHaveAttribute('aria-label', /1 条未处理预警/);

    await query(`UPDATE "Alert" SET status = 'closed', "closedAt" = now() WHERE id = $1`, [alert!.id]);
    await query(`UPDATE "Scale" SET status = 'suspended' WHERE id = $1`, [subject.scaleId]);
    await expect(tile).toHaveAttribute('data-state', 'suspended', LIVE);

    expect(await page.evaluate(() => (window as unknown as { floorMarker?: string }).floorMarker)).toBe('same page');
    await tile.click();
    await expect(page.getByTestId('stall-state')).toHaveAttribute('data-state', 'suspended');
  });

  test('fits a phone: the map scrolls sideways inside its frame, the page does not', async ({ browser }) => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, 'market');
    await phone.goto(`/regulator/markets/${subject.marketId}`);
    const grid = phone.getByTestId('floor-map');
    await expect(grid).toBeVisible();
    const frame = await grid.evaluate((element) => {
      const scroller = element.parentElement!;
      return { content: scroller.scrollWidth, visible: scroller.clientWidth, overflow: getComputedStyle(scroller).overflowX };
    });
    expect(frame.overflow).toBe('auto');
    expect(frame.content).toBeGreaterThan(frame.visible);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await phone.screenshot({ path: 'test-results/e2e/floor-map-phone.png' });
    await phone.close();
  });
});
