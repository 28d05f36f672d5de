// Writes a generated demo city into an empty database, inside the caller's transaction. Every
// table is loaded with COPY, ids as generated; sequences are moved past them afterwards so the
// application's own inserts carry on from there.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { rebuildDailyRollups } from '../rollups.ts';
import { dropIndexesForLoad } from './bulk-load.ts';
import { seal } from '../../crypto/secret-box.ts';
import { generateSecret } from '../../domain/protocol/signature.ts';
import { bool, bytea, copyRows, int, json, NULL, text, textArray, timestamp } from './copy.ts';
import type { ScaleRow, SeedData, WeighingRow } from './types.ts';
import { ensureWeighingPartitions } from '../partitions.ts';
import { closeBusinessDay } from '../settlement-close.ts';

/** Tables the seed writes, in foreign-key order. */
export const SEED_TABLES = [
  'City', 'District', 'Market', 'Programme', 'Merchant', 'Stall', 'Commodity', 'Scale', 'Verification', 'User',
  'Weighing', 'Receipt', 'Payment', 'Settlement', 'SettlementLine', 'BusinessDayClose', 'Inspection', 'CheckWeighing', 'Alert', 'Complaint', 'ComplaintEvent',
  'ScaleDay', 'MerchantDay', 'MarketDay', 'CommodityDay',
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];
export type SeedCounts = Record<SeedTable, number>;

const ROLLUP_TABLES = ['ScaleDay', 'MerchantDay', 'MarketDay', 'CommodityDay'] as const;
/** Rollups are keyed by their dimensions, not by a serial id; nor are receipts and closed days. */
const SERIAL_TABLES = SEED_TABLES.filter((table) => table !== 'Receipt' && table !== 'BusinessDayClose' && !(ROLLUP_TABLES as readonly string[]).includes(table));

const line = (...fields: string[]): string => fields.join('\t');
const date = (day: string | null): string => day ?? NULL;

export class DatabaseNotEmptyError extends Error {
  readonly code = 'database_not_empty';
}

/** Receipt tokens: 128 random bits from the OS, base64url (22 characters). Never from the seeded PRNG. */
function* receiptLines(weighings: readonly WeighingRow[]): Generator<string> {
  const batch = 65_536;
  for (let start = 0; start < weighings.length; start += batch) {
    const bytes = randomBytes(16 * batch);
    const end = Math.min(weighings.length, start + batch);
    for (let index = start; index < end; index++) {
      const weighing = weighings[index] as WeighingRow;
      const offset = (index - start) * 16;
      yield line(bytes.toString('base64url', offset, offset + 16), int(weighing.id), int(weighing.scaleId), timestamp(weighing.scaleTime));
    }
  }
}

/** Each scale's device secret: random from the OS (never the seeded PRNG), sealed under the platform key. */
function sealedSecrets(scales: readonly ScaleRow[], platformKey: Uint8Array | undefined): Map<number, Uint8Array> {
  const sealed = new Map<number, Uint8Array>();
  if (platformKey) for (const scale of scales) sealed.set(scale.id, seal(platformKey, generateSecret()));
  return sealed;
}

export interface WriteSeedOptions {
  /** seal a device secret for every scale under this key; without it, scales are left unprovisioned */
  platformKey?: Uint8Array;
}

export async function assertEmpty(client: pg.ClientBase): Promise<void> {
  const checks = SEED_TABLES.map((table) => `EXISTS (SELECT 1 FROM "${table}")`).join(' OR ');
  const { rows } = await client.query<{ used: boolean }>(`SELECT ${checks} AS used`);
  if (rows[0]?.used) throw new DatabaseNotEmptyError('the database already holds data: the demo seed only writes into an empty database');
}

/**
 * The bank's payouts of the history: every closed, balanced day but the last (yesterday's payout
 * goes out this morning) is paid the next morning between 08:00 and 09:30, with the bank's
 * reference. An exception day stays unpaid. Only the payout is written: the figures are frozen.
 */
async function recordHistoryPayouts(client: pg.ClientBase, days: readonly string[]): Promise<void> {
  const last = days[days.length - 1];
  if (!last) return;
  await client.query(`
    UPDATE "Settlement"
       SET status = 'paid',
           "paidAt" = ("businessDay" + 1 + time '08:00')::timestamp AT TIME ZONE 'Asia/Shanghai' + (id * 37 % 90) * interval '1 minute',
           "bankRef" = 'CCBSTL' || to_char("businessDay", 'YYYYMMDD') || lpad("merchantId"::text, 6, '0')
     WHERE status = 'pending' AND "businessDay" < $1::date`, [last]);
}

export async function writeSeed(
  client: pg.Client | pg.PoolClient,
  data: SeedData,
  passwordHash: string,
  log: (message: string) => void = () => {},
  options: WriteSeedOptions = {},
): Promise<SeedCounts> {
  await assertEmpty(client);
  const secrets = sealedSecrets(data.scales, options.platformKey);
  const issuedAt = Date.now();
  const counts = Object.fromEntries(SEED_TABLES.map((table) => [table, 0])) as SeedCounts;
  const copy = async <T>(table: SeedTable, columns: readonly string[], rows: Iterable<T>, render: (row: T) => string): Promise<void> => {
    const started = performance.now();
    counts[table] = await copyRows(client, table, columns, rows, render);
    if (counts[table] >= 10_000) log(`${table}: ${counts[table]} rows in ${Math.round(performance.now() - started)} ms`);
  };

  await copy('City', ['id', 'code', 'name', 'nameEn'], [data.city], (row) => line(int(row.id), text(row.code), text(row.name), text(row.nameEn)));
  await copy('District', ['id', 'cityId', 'code', 'name', 'nameEn'], data.districts,
    (row) => line(int(row.id), int(row.cityId), text(row.code), text(row.name), text(row.nameEn)));
  await copy('Market', ['id', 'districtId', 'code', 'name', 'nameEn', 'address', 'floorRows', 'floorCols'], data.markets,
    (row) => line(int(row.id), int(row.districtId), text(row.code), text(row.name), text(row.nameEn), text(row.address), int(row.floorRows), int(row.floorCols)));
  // the bank's webhook secret, like the scales' (random from the OS, sealed); `npm run bank:secret` shows it
  const webhookSecret = options.platformKey ? seal(options.platformKey, generateSecret()) : null;
  await copy('Programme', ['id', 'cityId', 'name', 'nameEn', 'bankName', 'bankNameEn', 'startedOn', 'feeBasisPoints', 'webhookSecretSealed', 'webhookSecretIssuedAt'], [data.programme],
    (row) => line(int(row.id), int(row.cityId), text(row.name), text(row.nameEn), text(row.bankName), text(row.bankNameEn), date(row.startedOn), int(row.feeBasisPoints),
      bytea(webhookSecret), timestamp(webhookSecret ? issuedAt : null)));
  await copy('Merchant', ['id', 'marketId', 'name', 'shopName', 'licenseNo', 'phone', 'category', 'programmeId', 'enrolledOn', 'settlementAccount'], data.merchants,
    (row) => line(int(row.id), int(row.marketId), text(row.name), text(row.shopName), text(row.licenseNo), text(row.phone), row.category,
      int(row.programmeId), date(row.enrolledOn), text(row.settlementAccount)));
  await copy('Stall', ['id', 'marketId', 'code', 'row', 'col', 'merchantId'], data.stalls,
    (row) => line(int(row.id), int(row.marketId), text(row.code), int(row.row), int(row.col), int(row.merchantId)));
  await copy('Commodity', ['id', 'plu', 'name', 'nameEn', 'category', 'guidePriceFenPerKg'], data.commodities,
    (row) => line(int(row.id), text(row.plu), text(row.name), text(row.nameEn), row.category, int(row.guidePriceFenPerKg)));
  await copy('Scale', [
    'id', 'serial', 'model', 'maker', 'accuracyClass', 'maxMg', 'minMg', 'eMg', 'dMg', 'priceIntervalFen', 'softwareId',
    'calibrationCounter', 'configurationCounter', 'purpose', 'status', 'online', 'lastSeenAt', 'installedOn', 'marketId', 'stallId', 'programmeId',
    'lastSeq', 'secretSealed', 'secretIssuedAt',
  ], data.scales, (row) => {
    const sealed = secrets.get(row.id) ?? null;
    return line(
      int(row.id), text(row.serial), text(row.model), text(row.maker), row.accuracyClass, int(row.maxMg), int(row.minMg), int(row.eMg), int(row.dMg),
      int(row.priceIntervalFen), text(row.softwareId), int(row.calibrationCounter), int(row.configurationCounter), row.purpose, row.status,
      bool(row.online), timestamp(row.lastSeenAt), date(row.installedOn), int(row.marketId), int(row.stallId), int(row.programmeId),
      int(row.lastSeq), bytea(sealed), timestamp(sealed ? issuedAt : null),
    );
  });
  await copy('Verification', ['id', 'scaleId', 'certificateNo', 'verifiedOn', 'expiresOn', 'result', 'authority', 'sealCode'], data.verifications,
    (row) => line(int(row.id), int(row.scaleId), text(row.certificateNo), date(row.verifiedOn), date(row.expiresOn), row.result, text(row.authority), text(row.sealCode)));
  await copy('User', ['id', 'username', 'passwordHash', 'displayName', 'role', 'cityId', 'districtId', 'marketId', 'merchantId'], data.users,
    (row) => line(int(row.id), text(row.username), text(passwordHash), text(row.displayName), row.role, int(row.cityId),
      int(row.districtId), int(row.marketId), int(row.merchantId)));

  let firstScaleTime = Infinity;
  let lastScaleTime = -Infinity;
  for (const row of data.weighings) {
    if (row.scaleTime < firstScaleTime) firstScaleTime = row.scaleTime;
    if (row.scaleTime > lastScaleTime) lastScaleTime = row.scaleTime;
  }
  if (data.weighings.length) await ensureWeighingPartitions(client, new Date(firstScaleTime), new Date(lastScaleTime + 1));
  // SettlementLine too: the history's closes below fill it while Payment's indexes are down
  const bulkTables = ['Weighing', 'Receipt', 'Payment', 'SettlementLine'];
  const restoreIndexes = await dropIndexesForLoad(client, bulkTables);
  await copy('Weighing', [
    'id', 'scaleId', 'seq', 'scaleTime', 'receivedAt', 'merchantId', 'marketId', 'stallId', 'commodityId', 'unitPriceFenPerKg',
    'grossMg', 'tareMg', 'netMg', 'priceFen', 'stable', 'paymentMethod', 'findings',
  ], data.weighings, (row) => line(
    int(row.id), int(row.scaleId), int(row.seq), timestamp(row.scaleTime), timestamp(row.receivedAt), int(row.merchantId), int(row.marketId),
    int(row.stallId), int(row.commodityId), int(row.unitPriceFenPerKg), int(row.grossMg), int(row.tareMg), int(row.netMg), int(row.priceFen),
    bool(row.stable), row.paymentMethod, textArray(row.findings),
  ));
  await copy('Receipt', ['token', 'weighingId', 'scaleId', 'issuedAt'], receiptLines(data.weighings), (row) => row);
  // the history's payments are captures by the programme's bank, received as they were paid: matched
  // to their weighing, or (a payment made outside any weighing) an unmatched exception, which names
  // no merchant, as the intake leaves it (and so no settlement counts it)
  await copy('Payment', [
    'id', 'merchantId', 'weighingId', 'amountFen', 'paidAt', 'businessDay', 'bankRef', 'status', 'match', 'programmeId', 'receivedAt', 'matchedAt',
  ], data.payments, (row) => line(
    int(row.id), int(row.weighingId === null ? null : row.merchantId), int(row.weighingId), int(row.amountFen), timestamp(row.paidAt), date(row.businessDay), text(row.bankRef), row.status,
    row.weighingId === null ? 'unmatched' : 'matched', int(data.programme.id), timestamp(row.paidAt), timestamp(row.weighingId === null ? null : row.paidAt),
  ));
  // Every seeded settlement is an output of the product: the history's days are closed one after
  // another by the close job's own function, then the bank's payouts are recorded on them. Closed
  // before Payment's indexes and foreign keys are back (one sort each afterwards, rather than an
  // index entry and a key lookup per counted payment: 355 000 of them for 30 days).
  let started = performance.now();
  await client.query('ANALYZE "Payment"');
  await client.query('ANALYZE "Weighing"');
  for (const day of data.days) {
    const closed = await closeBusinessDay(client, day);
    counts.Settlement += closed.settlements;
    counts.SettlementLine += closed.lines;
    counts.BusinessDayClose += 1;
  }
  await recordHistoryPayouts(client, data.days);
  log(`${data.days.length} business days closed in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  await restoreIndexes();
  // fresh statistics, so the first dashboard queries after the seed are planned on real numbers
  for (const table of bulkTables) await client.query(`ANALYZE "${table}"`);
  log(`indexes, foreign keys and statistics of ${bulkTables.join(', ')} in ${Math.round(performance.now() - started)} ms`);

  await copy('Inspection', ['id', 'scaleId', 'inspectorId', 'at', 'result', 'suspended', 'notes'], data.inspections,
    (row) => line(int(row.id), int(row.scaleId), int(row.inspectorId), timestamp(row.at), row.result, bool(row.suspended), text(row.notes)));
  await copy('CheckWeighing', ['id', 'scaleId', 'inspectionId', 'source', 'kind', 'stage', 'at', 'referenceMg', 'indicationMg', 'mpeMg', 'passed'], data.checkWeighings,
    (row) => line(int(row.id), int(row.scaleId), int(row.inspectionId), row.source, row.kind, row.stage, timestamp(row.at), int(row.referenceMg),
      int(row.indicationMg), int(row.mpeMg), bool(row.passed)));
  await copy('Alert', ['id', 'rule', 'severity', 'status', 'marketId', 'scaleId', 'merchantId', 'raisedAt', 'closedAt', 'detail'], data.alerts,
    (row) => line(int(row.id), text(row.rule), row.severity, row.status, int(row.marketId), int(row.scaleId), int(row.merchantId),
      timestamp(row.raisedAt), timestamp(row.closedAt), json(row.detail)));
  await copy('Complaint', [
    'id', 'reference', 'kind', 'status', 'description', 'contactPhone', 'marketId', 'merchantId', 'weighingId', 'filedAt', 'dueAt',
    'decidedAt', 'refundFen', 'compensationFen',
  ], data.complaints, (row) => line(
    int(row.id), text(row.reference), row.kind, row.status, text(row.description), text(row.contactPhone), int(row.marketId),
    int(row.merchantId), int(row.weighingId), timestamp(row.filedAt), timestamp(row.dueAt), timestamp(row.decidedAt),
    int(row.refundFen), int(row.compensationFen),
  ));
  await copy('ComplaintEvent', ['id', 'complaintId', 'at', 'userId', 'fromStatus', 'toStatus', 'note'], data.complaintEvents,
    (row) => line(int(row.id), int(row.complaintId), timestamp(row.at), int(row.userId), row.fromStatus ?? NULL, row.toStatus, text(row.note)));

  for (const table of SERIAL_TABLES) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
    );
  }

  const first = data.days[0];
  const last = data.days[data.days.length - 1];
  if (first && last) {
    started = performance.now();
    await rebuildDailyRollups(client, first, last);
    log(`daily rollups in ${Math.round(performance.now() - started)} ms`);
    for (const table of ROLLUP_TABLES) {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM "${table}"`);
      counts[table] = Number(rows[0]?.count ?? 0);
    }
  }
  return counts;
}
