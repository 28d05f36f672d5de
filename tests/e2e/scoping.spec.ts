// Every page and data route of the app, probed as users of other scopes. The first test fails when
// a route exists that this file does not probe, so a new route cannot skip the check.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { query, signIn } from './support.ts';

interface Ids {
  ownMerchant: number;
  otherMerchant: number; // merchant2: another market, another district
  ownMarket: number; // 'district' user's district
  otherMarket: number; // a market in another district
  ownDistrict: number;
  otherDistrict: number;
  ownScale: number;
  ownScaleSerial: string;
  otherScale: number;
  otherScaleSerial: string;
  /** an inspection of a scale of the district, and one of another district's */
  ownInspection: number;
  otherInspection: number;
  otherShopName: string;
  otherMarketName: string;
  token: string;
  ownStall: number; // a stall of ownMarket
  otherStall: number; // a stall of otherMarket
  otherSettlement: number; // a settlement of merchant2
}

type Probe = (ids: Ids) => { path: string; expect: number[]; absent?: (ids: Ids) => string }[];

interface RouteCase {
  /** as the merchant user (scope: its own merchant) */
  merchant: Probe;
  /** as the district regulator of 蒸湘区 */
  district: Probe;
  /** with no session */
  anonymous: Probe;
}

const OK = [200];
const PUBLIC: RouteCase = {
  merchant: () => [],
  district: () => [],
  anonymous: () => [],
};

// Pages redirect a visitor without a session to /login; the probe reads the final status and URL.
const CASES: Record<string, RouteCase> = {
  '/': PUBLIC,
  '/login': PUBLIC,
  '/protocol': PUBLIC,
  '/api/locale': PUBLIC,
  // operational endpoints, public like any scrape target on the internal network; no rows of any scope
  '/api/metrics': PUBLIC,
  '/api/health': PUBLIC,
  '/v/[token]': {
    merchant: (ids) => [{ path: `/v/${ids.token}`, expect: OK }, { path: '/v/AAAAAAAAAAAAAAAAAAAAAA', expect: [404] }],
    district: () => [],
    anonymous: (ids) => [{ path: `/v/${ids.token}`, expect: OK }, { path: '/v/not-a-token!', expect: [404] }],
  },
  '/api/receipts/[token]': {
    merchant: () => [],
    district: () => [],
    anonymous: (ids) => [{ path: `/api/receipts/${ids.token}`, expect: OK }, { path: '/api/receipts/AAAAAAAAAAAAAAAAAAAAAA', expect: [404] }],
  },
  '/regulator': {
    merchant: () => [{ path: '/regulator', expect: [403] }],
    district: () => [{ path: '/regulator', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/regulator', expect: [401] }],
  },
  '/regulator/markets': {
    merchant: () => [{ path: '/regulator/markets', expect: [403] }],
    district: () => [{ path: '/regulator/markets', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/regulator/markets', expect: [401] }],
  },
  '/regulator/markets/[id]': {
    merchant: (ids) => [{ path: `/regulator/markets/${ids.ownMarket}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/markets/${ids.ownMarket}`, expect: OK },
      { path: `/regulator/markets/${ids.otherMarket}`, expect: [404] },
      { path: '/regulator/markets/abc', expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/markets/${ids.ownMarket}`, expect: [401] }],
  },
  '/regulator/markets/[id]/stalls/[stallId]': {
    merchant: (ids) => [{ path: `/regulator/markets/${ids.ownMarket}/stalls/${ids.ownStall}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/markets/${ids.ownMarket}/stalls/${ids.ownStall}`, expect: OK, absent: (i) => i.otherShopName },
      { path: `/regulator/markets/${ids.otherMarket}/stalls/${ids.otherStall}`, expect: [404] },
      // a stall reached through a market it is not in
      { path: `/regulator/markets/${ids.ownMarket}/stalls/${ids.otherStall}`, expect: [404] },
      { path: `/regulator/markets/${ids.otherMarket}/stalls/${ids.ownStall}`, expect: [404] },
      { path: `/regulator/markets/${ids.ownMarket}/stalls/abc`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/markets/${ids.ownMarket}/stalls/${ids.ownStall}`, expect: [401] }],
  },
  '/regulator/scales': {
    merchant: () => [{ path: '/regulator/scales', expect: [403] }],
    district: () => [{ path: '/regulator/scales', expect: OK, absent: (ids) => ids.otherScaleSerial }],
    anonymous: () => [{ path: '/regulator/scales', expect: [401] }],
  },
  '/regulator/scales/[id]': {
    merchant: (ids) => [{ path: `/regulator/scales/${ids.ownScale}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/scales/${ids.ownScale}`, expect: OK },
      { path: `/regulator/scales/${ids.otherScale}`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/scales/${ids.ownScale}`, expect: [401] }],
  },
  '/regulator/scales/new': {
    merchant: () => [{ path: '/regulator/scales/new', expect: [403] }],
    district: () => [{ path: '/regulator/scales/new', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/regulator/scales/new', expect: [401] }],
  },
  '/regulator/districts/[id]': {
    merchant: (ids) => [{ path: `/regulator/districts/${ids.ownDistrict}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/districts/${ids.ownDistrict}`, expect: OK, absent: (i) => i.otherMarketName },
      { path: `/regulator/districts/${ids.otherDistrict}`, expect: [404] },
      { path: '/regulator/districts/abc', expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/districts/${ids.ownDistrict}`, expect: [401] }],
  },
  '/regulator/merchants/[id]': {
    merchant: (ids) => [{ path: `/regulator/merchants/${ids.ownMerchant}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/merchants/${ids.ownMerchant}`, expect: OK, absent: (i) => i.otherShopName },
      { path: `/regulator/merchants/${ids.otherMerchant}`, expect: [404] },
      { path: '/regulator/merchants/0', expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/merchants/${ids.ownMerchant}`, expect: [401] }],
  },
  '/regulator/rankings/merchants': {
    merchant: () => [{ path: '/regulator/rankings/merchants', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/rankings/merchants', expect: OK, absent: (i) => i.otherShopName },
      { path: `/regulator/rankings/merchants?district=${ids.otherDistrict}`, expect: OK, absent: (i) => i.otherShopName },
    ],
    anonymous: () => [{ path: '/regulator/rankings/merchants', expect: [401] }],
  },
  // a CSV of another district's rows is the header alone: scoping is in the query, not a 404
  '/regulator/rankings/merchants/csv': {
    merchant: () => [{ path: '/regulator/rankings/merchants/csv', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/rankings/merchants/csv', expect: OK, absent: (i) => i.otherShopName },
      { path: `/regulator/rankings/merchants/csv?district=${ids.otherDistrict}&card=none`, expect: OK, absent: (i) => i.otherShopName },
      { path: `/regulator/rankings/merchants/csv?market=${ids.otherMarket}`, expect: OK, absent: (i) => i.otherShopName },
    ],
    anonymous: () => [{ path: '/regulator/rankings/merchants/csv', expect: [401] }],
  },
  '/regulator/rankings/scales': {
    merchant: () => [{ path: '/regulator/rankings/scales', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/rankings/scales', expect: OK, absent: (i) => i.otherScaleSerial },
      { path: `/regulator/rankings/scales?market=${ids.otherMarket}`, expect: OK, absent: (i) => i.otherScaleSerial },
    ],
    anonymous: () => [{ path: '/regulator/rankings/scales', expect: [401] }],
  },
  '/regulator/rankings/scales/csv': {
    merchant: () => [{ path: '/regulator/rankings/scales/csv', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/rankings/scales/csv', expect: OK, absent: (i) => i.otherScaleSerial },
      { path: `/regulator/rankings/scales/csv?district=${ids.otherDistrict}`, expect: OK, absent: (i) => i.otherScaleSerial },
    ],
    anonymous: () => [{ path: '/regulator/rankings/scales/csv', expect: [401] }],
  },
  '/regulator/alerts': {
    merchant: () => [{ path: '/regulator/alerts', expect: [403] }],
    district: () => [{ path: '/regulator/alerts?status=all', expect: OK, absent: (i) => i.otherMarketName }],
    anonymous: () => [{ path: '/regulator/alerts', expect: [401] }],
  },
  '/regulator/complaints': {
    merchant: () => [{ path: '/regulator/complaints', expect: [403] }],
    district: () => [{ path: '/regulator/complaints?status=all', expect: OK, absent: (i) => i.otherMarketName }],
    anonymous: () => [{ path: '/regulator/complaints', expect: [401] }],
  },
  '/regulator/coverage': {
    merchant: () => [{ path: '/regulator/coverage', expect: [403] }],
    district: () => [{ path: '/regulator/coverage', expect: OK, absent: (i) => i.otherMarketName }],
    anonymous: () => [{ path: '/regulator/coverage', expect: [401] }],
  },
  // the QR label's target: public; the way into an inspection only for a regulator whose scope holds the scale
  '/s/[serial]': {
    merchant: (ids) => [{ path: `/s/${ids.ownScaleSerial}`, expect: OK, absent: () => 'start-inspection' }],
    district: (ids) => [
      { path: `/s/${ids.ownScaleSerial}`, expect: OK },
      { path: `/s/${ids.otherScaleSerial}`, expect: OK, absent: () => 'start-inspection' },
    ],
    anonymous: (ids) => [
      { path: `/s/${ids.ownScaleSerial}`, expect: OK, absent: () => 'start-inspection' },
      { path: '/s/NO-SUCH-SCALE-0', expect: [404] },
      { path: '/s/bad%20serial', expect: [404] },
    ],
  },
  '/regulator/scales/[id]/label': {
    merchant: (ids) => [{ path: `/regulator/scales/${ids.ownScale}/label`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/scales/${ids.ownScale}/label`, expect: OK },
      { path: `/regulator/scales/${ids.otherScale}/label`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/scales/${ids.ownScale}/label`, expect: [401] }],
  },
  '/regulator/inspect': {
    merchant: () => [{ path: '/regulator/inspect', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/inspect', expect: OK },
      // another district's serial is "not found" here, not a redirect to its form
      { path: `/regulator/inspect?serial=${ids.otherScaleSerial}`, expect: OK, absent: (i) => `/regulator/inspect/${i.otherScale}` },
    ],
    anonymous: () => [{ path: '/regulator/inspect', expect: [401] }],
  },
  '/regulator/inspect/[id]': {
    merchant: (ids) => [{ path: `/regulator/inspect/${ids.ownScale}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/inspect/${ids.ownScale}`, expect: OK },
      { path: `/regulator/inspect/${ids.otherScale}`, expect: [404] },
      { path: '/regulator/inspect/abc', expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/inspect/${ids.ownScale}`, expect: [401] }],
  },
  '/regulator/inspections/[id]': {
    merchant: (ids) => [{ path: `/regulator/inspections/${ids.ownInspection}`, expect: [403] }],
    district: (ids) => [
      { path: `/regulator/inspections/${ids.ownInspection}`, expect: OK },
      { path: `/regulator/inspections/${ids.otherInspection}`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/regulator/inspections/${ids.ownInspection}`, expect: [401] }],
  },
  '/regulator/reweigh': {
    merchant: () => [{ path: '/regulator/reweigh', expect: [403] }],
    district: (ids) => [
      { path: '/regulator/reweigh', expect: OK },
      // merchant2's receipt: another district's weighing is not found
      { path: `/regulator/reweigh?receipt=${ids.token}`, expect: OK, absent: (i) => i.otherShopName },
    ],
    anonymous: () => [{ path: '/regulator/reweigh', expect: [401] }],
  },
  '/regulator/verifications': {
    merchant: () => [{ path: '/regulator/verifications', expect: [403] }],
    district: () => [{ path: '/regulator/verifications', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/regulator/verifications', expect: [401] }],
  },
  '/api/verification-reminders': {
    merchant: () => [{ path: '/api/verification-reminders', expect: [403] }],
    district: () => [{ path: '/api/verification-reminders', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/api/verification-reminders', expect: [401] }],
  },
  '/bank': {
    merchant: () => [{ path: '/bank', expect: [403] }],
    district: () => [{ path: '/bank', expect: [403] }],
    anonymous: () => [{ path: '/bank', expect: [401] }],
  },
  '/bank/settlements': {
    merchant: () => [{ path: '/bank/settlements', expect: [403] }],
    district: () => [{ path: '/bank/settlements', expect: [403] }],
    anonymous: () => [{ path: '/bank/settlements', expect: [401] }],
  },
  // the payment intake (wip-intake): the bank's webhook takes only signed POSTs (tests/integration
  // covers them), its contract page is public like /protocol, the exception queue is the bank's
  '/api/bank/payments': {
    merchant: () => [{ path: '/api/bank/payments', expect: [405] }],
    district: () => [],
    anonymous: () => [{ path: '/api/bank/payments', expect: [405] }],
  },
  '/api/bank/exceptions': {
    merchant: () => [{ path: '/api/bank/exceptions', expect: [403] }],
    district: () => [{ path: '/api/bank/exceptions', expect: [403] }],
    anonymous: () => [{ path: '/api/bank/exceptions', expect: [401] }],
  },
  '/bank-api': PUBLIC,
  '/bank/webhook': {
    merchant: () => [{ path: '/bank/webhook', expect: [403] }],
    district: () => [{ path: '/bank/webhook', expect: [403] }],
    anonymous: () => [{ path: '/bank/webhook', expect: [401] }],
  },
  // the bank's statement reconciliation: bank officers only (tests/e2e/bank-reconciliation.spec.ts
  // and tests/integration/bank-reconciliation.test.ts cover the programme's own scope)
  '/bank/reconciliation': {
    merchant: () => [{ path: '/bank/reconciliation', expect: [403] }],
    district: () => [{ path: '/bank/reconciliation', expect: [403] }],
    anonymous: () => [{ path: '/bank/reconciliation', expect: [401] }],
  },
  '/bank/reconciliation/[id]': {
    merchant: () => [{ path: '/bank/reconciliation/1', expect: [403] }],
    district: () => [{ path: '/bank/reconciliation/1', expect: [403] }],
    anonymous: () => [{ path: '/bank/reconciliation/1', expect: [401] }],
  },
  '/bank/reconciliation/report': {
    merchant: () => [{ path: '/bank/reconciliation/report?statement=1', expect: [403] }],
    district: () => [{ path: '/bank/reconciliation/report?statement=1&format=xlsx', expect: [403] }],
    anonymous: () => [{ path: '/bank/reconciliation/report?statement=1', expect: [401] }],
  },
  // the bank's exception queue: bank officers only (tests/integration/bank-exceptions.test.ts covers
  // the programme's own scope, tests/e2e/bank-exceptions.spec.ts the resolution)
  '/bank/exceptions': {
    merchant: () => [{ path: '/bank/exceptions', expect: [403] }],
    district: () => [{ path: '/bank/exceptions?show=resolved', expect: [403] }],
    anonymous: () => [{ path: '/bank/exceptions', expect: [401] }],
  },
  // the bank's merchant search and merchant page (tests/integration/bank-scope.test.ts covers the
  // programme-only scope)
  '/bank/merchants': {
    merchant: () => [{ path: '/bank/merchants?q=a', expect: [403] }],
    district: () => [{ path: '/bank/merchants', expect: [403] }],
    anonymous: () => [{ path: '/bank/merchants', expect: [401] }],
  },
  '/bank/merchants/[id]': {
    merchant: (ids) => [{ path: `/bank/merchants/${ids.ownMerchant}`, expect: [403] }],
    district: (ids) => [{ path: `/bank/merchants/${ids.ownMerchant}`, expect: [403] }],
    anonymous: () => [{ path: '/bank/merchants/1', expect: [401] }],
  },
  '/bank/merchants/[id]/csv': {
    merchant: (ids) => [{ path: `/bank/merchants/${ids.ownMerchant}/csv`, expect: [403] }],
    district: (ids) => [{ path: `/bank/merchants/${ids.ownMerchant}/csv?month=2026-11`, expect: [403] }],
    anonymous: () => [{ path: '/bank/merchants/1/csv', expect: [401] }],
  },
  '/merchant': {
    merchant: () => [{ path: '/merchant', expect: OK, absent: (ids) => ids.otherShopName }],
    district: () => [{ path: '/merchant', expect: [403] }],
    anonymous: () => [{ path: '/merchant', expect: [401] }],
  },
  '/merchant/transactions': {
    merchant: () => [{ path: '/merchant/transactions', expect: OK, absent: (ids) => ids.otherShopName }],
    district: () => [{ path: '/merchant/transactions', expect: [403] }],
    anonymous: () => [{ path: '/merchant/transactions', expect: [401] }],
  },
  '/api/merchant/today': {
    merchant: () => [{ path: '/api/merchant/today', expect: OK }],
    district: () => [{ path: '/api/merchant/today', expect: [403] }],
    anonymous: () => [{ path: '/api/merchant/today', expect: [401] }],
  },
  '/merchant/settlements': {
    merchant: () => [{ path: '/merchant/settlements', expect: OK, absent: (ids) => ids.otherShopName }],
    district: () => [{ path: '/merchant/settlements', expect: [403] }],
    anonymous: () => [{ path: '/merchant/settlements', expect: [401] }],
  },
  '/merchant/settlements/[id]': {
    merchant: (ids) => [{ path: `/merchant/settlements/${ids.otherSettlement}`, expect: [404] }],
    district: () => [{ path: '/merchant/settlements/1', expect: [403] }],
    anonymous: () => [{ path: '/merchant/settlements/1', expect: [401] }],
  },
  '/bank/settlements/[id]': {
    merchant: () => [{ path: '/bank/settlements/1', expect: [403] }],
    district: () => [{ path: '/bank/settlements/1', expect: [403] }],
    anonymous: () => [{ path: '/bank/settlements/1', expect: [401] }],
  },
  '/merchant/settlements/csv': {
    merchant: () => [{ path: '/merchant/settlements/csv', expect: OK }],
    district: () => [{ path: '/merchant/settlements/csv?month=2026-11', expect: [403] }],
    anonymous: () => [{ path: '/merchant/settlements/csv', expect: [401] }],
  },
  '/merchant/scales': {
    merchant: () => [{ path: '/merchant/scales', expect: OK, absent: (ids) => ids.otherShopName }],
    district: () => [{ path: '/merchant/scales', expect: [403] }],
    anonymous: () => [{ path: '/merchant/scales', expect: [401] }],
  },
  '/api/markets': {
    merchant: () => [{ path: '/api/markets', expect: [403] }],
    district: () => [{ path: '/api/markets', expect: OK, absent: (ids) => ids.otherMarketName }],
    anonymous: () => [{ path: '/api/markets', expect: [401] }],
  },
  '/api/markets/[id]': {
    merchant: (ids) => [{ path: `/api/markets/${ids.ownMarket}`, expect: [403] }],
    district: (ids) => [
      { path: `/api/markets/${ids.ownMarket}`, expect: OK },
      { path: `/api/markets/${ids.otherMarket}`, expect: [404] },
      { path: '/api/markets/abc', expect: [400, 404] },
    ],
    anonymous: (ids) => [{ path: `/api/markets/${ids.ownMarket}`, expect: [401] }],
  },
  '/api/markets/[id]/floor': {
    merchant: (ids) => [{ path: `/api/markets/${ids.ownMarket}/floor`, expect: [403] }],
    district: (ids) => [
      { path: `/api/markets/${ids.ownMarket}/floor`, expect: OK, absent: (i) => i.otherShopName },
      { path: `/api/markets/${ids.otherMarket}/floor`, expect: [404] },
      { path: '/api/markets/abc/floor', expect: [400, 404] },
    ],
    anonymous: (ids) => [{ path: `/api/markets/${ids.ownMarket}/floor`, expect: [401] }],
  },
  '/api/scales': {
    merchant: () => [{ path: '/api/scales', expect: [403] }],
    district: () => [{ path: '/api/scales', expect: OK, absent: (ids) => ids.otherScaleSerial }],
    anonymous: () => [{ path: '/api/scales', expect: [401] }],
  },
  '/api/scales/[id]': {
    merchant: (ids) => [{ path: `/api/scales/${ids.ownScale}`, expect: [403] }],
    district: (ids) => [
      { path: `/api/scales/${ids.ownScale}`, expect: OK },
      { path: `/api/scales/${ids.otherScale}`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/api/scales/${ids.ownScale}`, expect: [401] }],
  },
  '/api/merchants/[id]': {
    merchant: (ids) => [
      { path: `/api/merchants/${ids.ownMerchant}`, expect: OK },
      { path: `/api/merchants/${ids.otherMerchant}`, expect: [404] },
    ],
    district: (ids) => [
      { path: `/api/merchants/${ids.ownMerchant}`, expect: OK },
      { path: `/api/merchants/${ids.otherMerchant}`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/api/merchants/${ids.ownMerchant}`, expect: [401] }],
  },
  '/api/merchants/[id]/settlements': {
    merchant: (ids) => [
      { path: `/api/merchants/${ids.ownMerchant}/settlements`, expect: OK },
      { path: `/api/merchants/${ids.otherMerchant}/settlements`, expect: [404] },
    ],
    district: (ids) => [
      { path: `/api/merchants/${ids.ownMerchant}/settlements`, expect: OK },
      { path: `/api/merchants/${ids.otherMerchant}/settlements`, expect: [404] },
    ],
    anonymous: (ids) => [{ path: `/api/merchants/${ids.ownMerchant}/settlements`, expect: [401] }],
  },
  '/api/settlements': {
    merchant: () => [{ path: '/api/settlements', expect: [403] }],
    district: () => [{ path: '/api/settlements', expect: [403] }],
    anonymous: () => [{ path: '/api/settlements', expect: [401] }],
  },
};

function routesOfApp(): string[] {
  const appDir = path.resolve(import.meta.dirname, '../../app');
  const routes: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), entry.name.startsWith('(') ? prefix : `${prefix}/${entry.name}`);
      else if (/^(page\.tsx|route\.ts)$/.test(entry.name)) routes.push(prefix || '/');
    }
  };
  walk(appDir, '');
  return routes.sort();
}

async function loadIds(): Promise<Ids> {
  const [row] = await query<{
    ownMerchant: number; otherMerchant: number; ownDistrict: number; otherShopName: string;
  }>(`SELECT m.id AS "ownMerchant", o.id AS "otherMerchant", u2."districtId" AS "ownDistrict", om."shopName" AS "otherShopName"
      FROM "User" um JOIN "Merchant" m ON m.id = um."merchantId"
      JOIN "User" uo ON uo.username = 'merchant2' JOIN "Merchant" o ON o.id = uo."merchantId"
      JOIN "Merchant" om ON om.id = o.id
      JOIN "User" u2 ON u2.username = 'district'
      WHERE um.username = 'merchant'`);
  if (!row) throw new Error('demo users missing');
  const [own] = await query<{ market: number; scale: number; serial: string }>(
    `SELECT mk.id AS market, s.id AS scale, s.serial FROM "Market" mk JOIN "Scale" s ON s."marketId" = mk.id
     JOIN "Stall" st ON st.id = s."stallId" WHERE st."merchantId" = $1 ORDER BY s.id LIMIT 1`, [row.ownMerchant]);
  const [other] = await query<{ market: number; district: number; scale: number; name: string; serial: string }>(
    `SELECT mk.id AS market, mk."districtId" AS district, s.id AS scale, mk.name, s.serial FROM "Market" mk JOIN "Scale" s ON s."marketId" = mk.id
     WHERE mk."districtId" <> $1 AND s.purpose = 'trade' ORDER BY mk.id, s.id LIMIT 1`, [row.ownDistrict]);
  const [receipt] = await query<{ token: string }>(
    `SELECT r.token FROM "Receipt" r JOIN "Weighing" w ON w.id = r."weighingId" WHERE w."merchantId" = $1 LIMIT 1`, [row.otherMerchant]);
  const [ownStall] = await query<{ id: number }>(`SELECT id FROM "Stall" WHERE "marketId" = $1 ORDER BY id LIMIT 1`, [own?.market]);
  const [otherStall] = await query<{ id: number }>(`SELECT id FROM "Stall" WHERE "marketId" = $1 ORDER BY id LIMIT 1`, [other?.market]);
  const [ownInspection] = await query<{ id: number }>(
    `SELECT i.id FROM "Inspection" i JOIN "Scale" s ON s.id = i."scaleId" JOIN "Market" mk ON mk.id = s."marketId"
      WHERE mk."districtId" = $1 ORDER BY i.id LIMIT 1`, [row.ownDistrict]);
  // the seed's inspector works in the demo district only: another district's inspection is made here
  const [otherInspection] = other ? await query<{ id: number }>(
    `INSERT INTO "Inspection" ("scaleId", "inspectorId", at, stage, result, notes)
     VALUES ($1, NULL, now(), 'in_service', 'passed', 'scoping probe') RETURNING id`, [other.scale]) : [];
  const [otherSettlement] = await query<{ id: number }>(`SELECT id FROM "Settlement" WHERE "merchantId" = $1 ORDER BY id LIMIT 1`, [row.otherMerchant]);
  if (!own || !other || !receipt || !ownStall || !otherStall || !ownInspection || !otherInspection || !otherSettlement) throw new Error('seed lacks the rows this test needs');
  return {
    ownMerchant: row.ownMerchant, otherMerchant: row.otherMerchant, ownMarket: own.market, otherMarket: other.market,
    ownDistrict: row.ownDistrict, otherDistrict: other.district,
    ownScale: own.scale, ownScaleSerial: own.serial, otherScale: other.scale, ownInspection: ownInspection.id, otherInspection: otherInspection.id,
    otherScaleSerial: other.serial, otherShopName: row.otherShopName, otherMarketName: other.name, token: receipt.token,
    ownStall: ownStall.id, otherStall: otherStall.id, otherSettlement: otherSettlement.id,
  };
}

/** Status as the user experiences it: a page that redirects to /login counts as 401. */
async function probe(request: APIRequestContext, target: string): Promise<{ status: number; body: string }> {
  const response = await request.get(target, { maxRedirects: 0 });
  const location = response.headers()['location'] ?? '';
  if ([302, 303, 307, 308].includes(response.status()) && /\/login(\?|$)/.test(location)) return { status: 401, body: '' };
  return { status: response.status(), body: await response.text() };
}

async function runAs(page: Page, who: keyof RouteCase, ids: Ids) {
  const failures: string[] = [];
  let probes = 0;
  for (const [route, routeCase] of Object.entries(CASES)) {
    for (const check of routeCase[who](ids)) {
      probes++;
      const { status, body } = await probe(page.request, check.path);
      if (!check.expect.includes(status)) failures.push(`${route}: GET ${check.path} as ${who} → ${status}, expected ${check.expect.join('/')}`);
      const secret = check.absent?.(ids);
      if (secret && status === 200 && body.includes(secret)) failures.push(`${route}: GET ${check.path} as ${who} shows "${secret}" of another scope`);
    }
  }
  expect(failures).toEqual([]);
  expect(probes).toBeGreaterThan(5);
}

test.describe('scoping of every page and data route', () => {
  let ids: Ids;
  test.beforeAll(async () => {
    ids = await loadIds();
  });

  test('every route of the app is probed here', () => {
    expect(routesOfApp()).toEqual(Object.keys(CASES).sort());
  });

  test('a merchant reads its own rows and nobody else’s', async ({ page }) => {
    await signIn(page, 'merchant');
    await runAs(page, 'merchant', ids);
  });

  test('a district regulator reads its district and no other', async ({ page }) => {
    await signIn(page, 'district');
    await runAs(page, 'district', ids);
  });

  test('without a session, pages ask to sign in and data routes answer 401', async ({ page }) => {
    await runAs(page, 'anonymous', ids);
  });
});
