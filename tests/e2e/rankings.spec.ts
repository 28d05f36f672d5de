// The ranked tables as a city regulator uses them: filter, page, open a merchant, download the CSV
// and find in it exactly the rows the table shows; the overview's figures lead to their lists; and
// a scale's accuracy section shows what the ingest recorded.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { loadPlatformKey, open } from '../../lib/crypto/secret-box.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { checkTopic, eventTopic } from '../../lib/domain/protocol/topics.ts';
import { parseCsv, query, signIn } from './support.ts';

/** the element's text holds this figure as a whole (not as part of a longer number); group separators ignored */
async function expectNumber(page: Page, testId: string, value: string | number) {
  const want = String(value).replace(/,/g, '').trim();
  expect(want).toMatch(/^\d+(\.\d+)?%?$/);
  const text = (await page.getByTestId(testId).innerText()).replace(/,/g, '');
  expect(text).toMatch(new RegExp(`(^|[^\\d.])${want.replace('.', '\\.')}([^\\d.]|$)`));
}

async function downloadCsv(page: Page): Promise<string[][]> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
  expect(download.suggestedFilename()).toMatch(/^[a-z-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  return parseCsv(await readFile(await download.path(), 'utf8'));
}

/** the table's rows as [rank, id] from the rank cells and the row links */
async function tableRows(page: Page, table: string, idAttribute: string): Promise<[number, number][]> {
  const rows = page.getByTestId(table).locator('tbody tr');
  const ranks = await rows.getByTestId('rank').allInnerTexts();
  const ids = await rows.locator(`[${idAttribute}]`).evaluateAll((links, attribute) => links.map((link) => link.getAttribute(attribute)), idAttribute);
  return ranks.map((rank, index) => [Number(rank), Number(ids[index])]);
}

test.describe('ranked tables', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'city');
  });

  test('worst merchants: filter by card, page, open one, and the CSV holds the same rows', async ({ page }) => {
    await page.goto('/regulator/rankings/merchants');
    const first = await tableRows(page, 'merchant-ranking-table', 'data-merchant-id');
    expect(first.length).toBe(50);
    expect(first.map(([rank]) => rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // the seed's upheld short-weight complaint makes a red card, and red comes first
    await expect(page.getByTestId('row-card').first()).toHaveAttribute('data-card', 'red');

    await page.getByTestId('pager-next').click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId('rank').first()).toHaveText('51');
    const second = await tableRows(page, 'merchant-ranking-table', 'data-merchant-id');
    expect(second[0]![0]).toBe(51);
    expect(second.some(([, id]) => first.some(([, seen]) => seen === id))).toBe(false);

    await page.getByTestId('filter-card').selectOption('carded');
    await page.getByTestId('filter-apply').click();
    await expect(page).toHaveURL(/card=carded/);
    await expect(page).not.toHaveURL(/page=2/);
    await expect(page.getByTestId('rank').first()).toHaveText('1');
    const carded = await tableRows(page, 'merchant-ranking-table', 'data-merchant-id');
    expect(carded.length).toBeGreaterThan(0);
    const cards = await page.getByTestId('merchant-ranking-table').getByTestId('row-card').evaluateAll((badges) => badges.map((b) => b.getAttribute('data-card')));
    expect(cards.every((card) => card === 'red' || card === 'yellow')).toBe(true);

    const csv = await downloadCsv(page);
    const [header, ...lines] = csv;
    expect(header).toEqual(expect.arrayContaining(['排名', '经营户编号', '诚信分（0–100）', '交易额（元）', '净重（千克）']));
    expect(lines.map((line) => [Number(line[0]), Number(line[1])])).toEqual(carded);
    const cardColumn = header!.indexOf('红黄牌');
    expect(new Set(lines.map((line) => line[cardColumn]))).toEqual(new Set(cards.map((card) => (card === 'red' ? '红牌' : '黄牌'))));
    const turnover = header!.indexOf('交易额（元）');
    for (const line of lines) expect(line[turnover]).toMatch(/^\d+\.\d{2}$/);

    // the worst merchant's own page shows the same score and card
    const score = await page.getByTestId('row-score').first().innerText();
    await page.getByTestId('merchant-link').first().click();
    await expect(page.getByTestId('score-value')).toHaveText(score);
    await expect(page.getByTestId('score-panel').getByTestId('card-badge').first()).toHaveAttribute('data-card', 'red');
    await expect(page.getByTestId('evidence-table').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('score-chart').locator('circle').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/e2e/merchant-score.png', fullPage: true });
  });

  test('worst scales: filter by district and sort, and the CSV holds the same rows', async ({ page }) => {
    const [district] = await query<{ id: number; name: string; scales: number }>(
      `SELECT d.id, d.name, count(s.id)::int AS scales FROM "District" d JOIN "Market" m ON m."districtId" = d.id
         JOIN "Scale" s ON s."marketId" = m.id AND s.purpose = 'trade' AND s.status <> 'retired'
        GROUP BY d.id ORDER BY count(s.id) DESC LIMIT 1`);
    await page.goto('/regulator/rankings/scales');
    await page.getByTestId('filter-district').selectOption(String(district!.id));
    await page.getByTestId('filter-sort').selectOption('alerts');
    await page.getByTestId('filter-apply').click();
    await expect(page).toHaveURL(new RegExp(`district=${district!.id}`));
    await expect(page.getByTestId('filter-sort')).toHaveValue('alerts');
    await expectNumber(page, 'ranking-count', district!.scales);
    const shown = await tableRows(page, 'scale-ranking-table', 'data-scale-id');
    expect(shown.length).toBe(Math.min(50, district!.scales));

    const csv = await downloadCsv(page);
    const [header, ...lines] = csv;
    expect(lines).toHaveLength(district!.scales);
    expect(lines.slice(0, shown.length).map((line) => [Number(line[0]), Number(line[1])])).toEqual(shown);
    const districtColumn = header!.indexOf('区');
    expect(new Set(lines.map((line) => line[districtColumn]))).toEqual(new Set([district!.name]));
    // sorted by open alerts, worst first
    const alerts = lines.map((line) => Number(line[header!.indexOf('未处理预警条数')]));
    expect(alerts).toEqual([...alerts].sort((a, b) => b - a));

    if (district!.scales > 50) {
      await page.getByTestId('pager-next').click();
      await expect(page.getByTestId('rank').first()).toHaveText('51');
      const next = await tableRows(page, 'scale-ranking-table', 'data-scale-id');
      expect(lines.slice(50, 50 + next.length).map((line) => [Number(line[0]), Number(line[1])])).toEqual(next);
    }
    await page.getByTestId('scale-link').first().click();
    await expect(page.getByTestId('scale-accuracy')).toBeVisible();
    await expect(page.getByTestId('scale-pass-rate')).not.toBeEmpty();
    await page.screenshot({ path: 'test-results/e2e/scale-accuracy.png', fullPage: true });
  });

  test('the overview’s figures open the lists behind them, and districts drill down to a scale', async ({ page }) => {
    await page.goto('/regulator');
    const alerts = await page.getByTestId('stat-open-alerts').innerText();
    await page.getByTestId('stat-open-alerts').click();
    await expect(page).toHaveURL(/\/regulator\/alerts$/);
    await expectNumber(page, 'alert-count', alerts);

    await page.goto('/regulator');
    const complaints = await page.getByTestId('stat-open-complaints').innerText();
    await page.getByTestId('stat-open-complaints').click();
    await expectNumber(page, 'complaint-count', complaints);

    await page.goto('/regulator');
    const coverage = await page.getByTestId('stat-coverage').innerText();
    await page.getByTestId('stat-coverage').click();
    await expectNumber(page, 'coverage-summary', coverage);

    await page.goto('/regulator');
    const online = await page.getByTestId('stat-online').innerText();
    await page.getByTestId('stat-online').click();
    await expect(page).toHaveURL(/online=1/);
    await expectNumber(page, 'scale-count', online);

    await page.goto('/regulator');
    await page.getByTestId('district-link').first().click();
    await expect(page).toHaveURL(/\/regulator\/districts\/\d+$/);
    await page.getByTestId('market-link').first().click();
    await expect(page).toHaveURL(/\/regulator\/markets\/\d+$/);
    await page.locator('a[href^="/regulator/scales/"]').first().click();
    await expect(page.getByTestId('scale-serial')).toBeVisible();
  });
});

test('a merchant sees its own score and card with the reasons', async ({ page }) => {
  await signIn(page, 'merchant');
  await expect(page.getByTestId('my-score')).toBeVisible();
  await expect(page.getByTestId('my-score').getByTestId('score-value')).toHaveText(/^\d{1,3}$|^无数据$/);
});

test('a scale’s page shows a counter moved without verification and a failed self-check, from the ingest', async ({ page }) => {
  // a trade scale of another merchant than the demo one (the hand-made weighing uses that one)
  const [scale] = await query<{ id: number; serial: string; lastSeq: string | null; sealed: Buffer; cal: number; conf: number; eMg: number }>(
    `SELECT s.id, s.serial, s."lastSeq"::text AS "lastSeq", s."secretSealed" AS sealed, s."calibrationCounter" AS cal,
            s."configurationCounter" AS conf, s."eMg"
       FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId" JOIN "Market" m ON m.id = s."marketId"
      WHERE s.status = 'in_service' AND s."revokedAt" IS NULL AND s."secretSealed" IS NOT NULL
        AND st."merchantId" NOT IN (SELECT "merchantId" FROM "User" WHERE "merchantId" IS NOT NULL)
      ORDER BY s.id DESC LIMIT 1`);
  expect(scale).toBeTruthy();
  const secret = open(loadPlatformKey(), scale!.sealed);
  let seq = Number(scale!.lastSeq ?? 0);
  const at = () => new Date().toISOString();
  const event = withSignature(secret, {
    v: 1, serial: scale!.serial, seq: ++seq, at: at(), kind: 'configuration',
    counters: { calibration: scale!.cal, configuration: scale!.conf + 1 }, change: { param: 'unit_factor', old: '1', new: '1.1' },
  });
  // 3 e over on a 1 kg reference: beyond the in-service MPE (±1 e up to 500 e for class III)
  const check = withSignature(secret, { v: 1, serial: scale!.serial, seq: ++seq, at: at(), referenceMg: 1_000_000, indicationMg: 1_000_000 + 3 * scale!.eMg });
  const client = await mqtt.connectAsync(process.env.E2E_MQTT_URL!, { protocolVersion: 4 });
  try {
    await client.publishAsync(eventTopic(scale!.serial), JSON.stringify(event), { qos: 1 });
    await client.publishAsync(checkTopic(scale!.serial), JSON.stringify(check), { qos: 1 });
  } finally {
    await client.endAsync();
  }
  await expect.poll(async () => (await query(`SELECT 1 FROM "CheckWeighing" WHERE "scaleId" = $1 AND source = 'self_check'`, [scale!.id])).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await query(`SELECT 1 FROM "ScaleEvent" WHERE "scaleId" = $1 AND seq = $2`, [scale!.id, event.seq])).length, { timeout: 15_000 }).toBe(1);

  await signIn(page, 'city');
  await page.goto(`/regulator/scales/${scale!.id}`);
  const history = page.getByTestId('counter-history').locator('tbody tr').first();
  await expect(history).toContainText('unit_factor: 1 → 1.1');
  await expect(history).toContainText(String(scale!.conf + 1));
  await expect(history).toContainText('与登记不符');
  await expect(page.getByTestId('error-chart').locator('circle[data-passed="false"]')).toHaveCount(1);
  await expect(page.getByTestId('scale-pass-rate')).toHaveText(/%$/);
  await page.screenshot({ path: 'test-results/e2e/scale-counters.png', fullPage: true });
});
