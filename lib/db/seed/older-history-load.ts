// Writes older trade history (older-history.ts) into a seeded database, for load tests: reads how
// each scale traded in the stored history, then per extension inserts the predecessor scales it
// needs, makes the monthly partitions, COPYs the weighings and their receipts with the raw tables'
// indexes set aside (one sort per index afterwards instead of a B-tree insert per row), and
// rebuilds the four daily rollups for the new days, all in one transaction: the rollups match the
// rows exactly as the ingest keeps them, and a failure leaves the database as it was.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { addDays, dateAsDay, dayStart } from '../../domain/business-day.ts';
import { ensureWeighingPartitions } from '../partitions.ts';
import { rebuildDailyRollups } from '../rollups.ts';
import { dropIndexesForLoad } from './bulk-load.ts';
import { bool, copyRows, int, textArray, timestamp } from './copy.ts';
import {
  extendOlderHistory, olderWeighings, startOlderHistory, type HistoryPlan, type HistoryScale, type OlderHistory, type WeighingTemplate,
} from './older-history.ts';
import type { PaymentMethod } from './types.ts';

/** stored weighings kept per scale as patterns for its older ones */
const TEMPLATES_PER_SCALE = 400;
/** days written per COPY pair (weighings, then their receipts): bounds what is held in memory */
const DAYS_PER_CHUNK = 20;

type Client = pg.Client | pg.PoolClient;

/** How every trade scale with a stall traded in the stored history: the starting point of older history. */
export async function prepareOlderHistory(client: Client, options: { seed: number }): Promise<OlderHistory> {
  const { rows: [range] } = await client.query<{ first: Date | null; days: number }>(
    `SELECT min("businessDay") AS first, count(DISTINCT "businessDay")::int AS days FROM "ScaleDay"`,
  );
  if (!range?.first || range.days === 0) throw new Error('older history: the database has no stored trade to learn from (seed it first)');
  const { rows: scales } = await client.query<{
    id: number; serial: string; marketId: number; stallId: number; merchantId: number | null; installedOn: Date;
    priceIntervalFen: number; firstSeq: string; weighings: string;
  }>(
    `SELECT s.id, s.serial, s."marketId", s."stallId", st."merchantId", s."installedOn", s."priceIntervalFen",
            w.first_seq::text AS "firstSeq", d.weighings::text AS weighings
       FROM "Scale" s
       JOIN "Stall" st ON st.id = s."stallId"
       JOIN (SELECT "scaleId", min(seq) AS first_seq FROM "Weighing" GROUP BY "scaleId") w ON w."scaleId" = s.id
       JOIN (SELECT "scaleId", sum("weighingCount") AS weighings FROM "ScaleDay" GROUP BY "scaleId") d ON d."scaleId" = s.id
      WHERE s.purpose = 'trade'
      ORDER BY s.id`,
  );
  // patterns spread over the whole stored history (hashed order), the same ones every run
  const { rows: templates } = await client.query<WeighingTemplate & { scaleId: number }>(
    `SELECT "scaleId", "commodityId", "unitPriceFenPerKg", "grossMg", "tareMg", "netMg", "priceFen", stable, "paymentMethod"::text AS "paymentMethod", findings
       FROM (SELECT w.*, row_number() OVER (PARTITION BY "scaleId" ORDER BY hashint8(id), id) AS n FROM "Weighing" w) sample
      WHERE n <= $1`,
    [TEMPLATES_PER_SCALE],
  );
  const byScale = new Map<number, WeighingTemplate[]>();
  for (const { scaleId, ...template } of templates) {
    const list = byScale.get(scaleId) ?? [];
    list.push({ ...template, paymentMethod: template.paymentMethod as PaymentMethod, findings: template.findings ?? [] });
    byScale.set(scaleId, list);
  }
  const history: HistoryScale[] = scales.flatMap((row) => {
    const patterns = byScale.get(row.id);
    if (!patterns?.length) return [];
    return [{
      scaleId: row.id, serial: row.serial, marketId: row.marketId, stallId: row.stallId, merchantId: row.merchantId,
      installedOn: dateAsDay(row.installedOn), firstSeq: Number(row.firstSeq), perDay: Number(row.weighings) / range.days,
      priceIntervalFen: row.priceIntervalFen, templates: patterns,
    }];
  });
  return startOlderHistory(history, { before: dateAsDay(range.first), seed: options.seed });
}

/** Inserts the plan's predecessor scales (retired copies of their successors) and gives each its id. */
async function insertPredecessors(client: Client, history: OlderHistory, plan: HistoryPlan): Promise<void> {
  for (const owner of plan.newOwners) {
    const chain = history.chains[owner.chain];
    if (!chain) throw new Error(`older history: no chain ${owner.chain}`);
    const { rows: [inserted] } = await client.query<{ id: number }>(
      `INSERT INTO "Scale" (serial, model, maker, "accuracyClass", "maxMg", "minMg", "eMg", "dMg", "priceIntervalFen", "softwareId",
                            purpose, status, online, "installedOn", "marketId", "stallId", "programmeId", "lastSeq")
       SELECT $2, model, maker, "accuracyClass", "maxMg", "minMg", "eMg", "dMg", "priceIntervalFen", "softwareId",
              'trade', 'retired', false, $3::date, "marketId", "stallId", "programmeId", $4
         FROM "Scale" WHERE id = $1
       RETURNING id`,
      [chain.scale.scaleId, owner.serial, owner.installedOn, owner.lastSeq],
    );
    if (!inserted) throw new Error(`older history: scale ${chain.scale.scaleId} is gone`);
    owner.scaleId = inserted.id;
  }
}

/** Receipt tokens: 128 random bits from the OS, base64url, as the ingest stores them. */
function* receiptLines(firstId: number, scaleIds: Int32Array, issuedAt: Float64Array, count: number): Generator<string> {
  const batch = 65_536;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const bytes = randomBytes(16 * (end - start));
    for (let index = start; index < end; index++) {
      const offset = (index - start) * 16;
      yield `${bytes.toString('base64url', offset, offset + 16)}\t${firstId + index}\t${scaleIds[index]}\t${timestamp(issuedAt[index] as number)}`;
    }
  }
}

const WEIGHING_COLUMNS = [
  'id', 'scaleId', 'seq', 'scaleTime', 'receivedAt', 'merchantId', 'marketId', 'stallId', 'commodityId', 'unitPriceFenPerKg',
  'grossMg', 'tareMg', 'netMg', 'priceFen', 'stable', 'paymentMethod', 'findings',
] as const;

export interface OlderHistoryWritten {
  rows: number;
  /** the business days written, oldest and newest */
  fromDay: string;
  toDay: string;
  predecessors: number;
  copyMs: number;
  indexMs: number;
  rollupMs: number;
}

/**
 * Adds `rows` weighings (and receipts) of older history before the oldest stored day, with their
 * predecessor scales, partitions and daily rollups, in one transaction. After a failure the
 * OlderHistory has moved on without the database: prepare a new one.
 */
export async function writeOlderHistory(client: Client, history: OlderHistory, rows: number, log: (message: string) => void = () => {}): Promise<OlderHistoryWritten> {
  const plan = extendOlderHistory(history, rows);
  const first = plan.days[0];
  const last = plan.days.at(-1);
  if (!first || !last) throw new Error('older history: nothing to write');
  log(`older history: ${plan.rows} weighings over ${plan.days.length} days, ${first.day} … ${last.day}; ${plan.newOwners.length} predecessor scales`);

  await client.query('BEGIN');
  try {
    await insertPredecessors(client, history, plan);
    await ensureWeighingPartitions(client, dayStart(first.day), dayStart(addDays(last.day, 1)));
    const { rows: [top] } = await client.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM "Weighing"`);
    let nextId = Number(top?.max ?? 0) + 1;
    let total = 0;
    const restoreIndexes = await dropIndexesForLoad(client, ['Weighing', 'Receipt']);

    let started = performance.now();
    const lastSeen = new Map<number, number>();
    for (let offset = 0; offset < plan.days.length; offset += DAYS_PER_CHUNK) {
      const chunk: HistoryPlan = { ...plan, days: plan.days.slice(offset, offset + DAYS_PER_CHUNK) };
      const size = chunk.days.reduce((sum, day) => sum + day.allocations.reduce((s, a) => s + a.count, 0), 0);
      const scaleIds = new Int32Array(size);
      const issuedAt = new Float64Array(size);
      const chunkFirstId = nextId;
      let index = 0;
      const written = await copyRows(client, 'Weighing', WEIGHING_COLUMNS, olderWeighings(history, chunk, chunkFirstId), (row) => {
        scaleIds[index] = row.scaleId;
        issuedAt[index] = row.scaleTime;
        index += 1;
        lastSeen.set(row.scaleId, Math.max(lastSeen.get(row.scaleId) ?? 0, row.receivedAt));
        return [
          int(row.id), int(row.scaleId), int(row.seq), timestamp(row.scaleTime), timestamp(row.receivedAt), int(row.merchantId), int(row.marketId),
          int(row.stallId), int(row.commodityId), int(row.unitPriceFenPerKg), int(row.grossMg), int(row.tareMg), int(row.netMg), int(row.priceFen),
          bool(row.stable), row.paymentMethod, textArray(row.findings),
        ].join('\t');
      });
      if (written !== size) throw new Error(`older history: ${written} weighings written, ${size} planned`);
      await copyRows(client, 'Receipt', ['token', 'weighingId', 'scaleId', 'issuedAt'], receiptLines(chunkFirstId, scaleIds, issuedAt, size), (line) => line);
      nextId += size;
      total += size;
      const perSecond = Math.round(total / ((performance.now() - started) / 1000));
      log(`older history: up to ${chunk.days.at(-1)?.day}, ${total.toLocaleString('en')} of ${plan.rows.toLocaleString('en')} rows (${perSecond.toLocaleString('en')}/s with receipts)`);
    }
    const copyMs = performance.now() - started;

    started = performance.now();
    await restoreIndexes();
    await client.query(`SELECT setval(pg_get_serial_sequence('"Weighing"', 'id'), $1)`, [nextId - 1]);
    for (const owner of plan.newOwners) {
      const seen = owner.scaleId === null ? undefined : lastSeen.get(owner.scaleId);
      if (seen !== undefined) await client.query(`UPDATE "Scale" SET "lastSeenAt" = $2 WHERE id = $1`, [owner.scaleId, new Date(seen)]);
    }
    const indexMs = performance.now() - started;
    log(`older history: indexes of Weighing and Receipt rebuilt in ${Math.round(indexMs)} ms`);

    started = performance.now();
    await rebuildDailyRollups(client, first.day, last.day);
    const rollupMs = performance.now() - started;
    log(`older history: daily rollups of ${first.day} … ${last.day} in ${Math.round(rollupMs)} ms`);
    await client.query('COMMIT');
    return { rows: plan.rows, fromDay: first.day, toDay: last.day, predecessors: plan.newOwners.length, copyMs, indexMs, rollupMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
