// Daily rollups per scale, merchant, market and commodity-in-market, recomputed from the Weighing
// table for a range of business days, so dashboards never scan raw weighings. Idempotent: run it
// again for the same days and the rollups match the weighings again, including days or keys whose
// weighings are gone.
import type pg from 'pg';
import { PRICE_FINDINGS } from '../domain/price-findings.ts';

// "scaleTime" is timestamptz; the business day is its date in China time.
const BUSINESS_DAY = `("scaleTime" AT TIME ZONE 'Asia/Shanghai')::date`;
// The range as bounds on "scaleTime" itself, so the scan can use the column directly.
const RANGE = `"scaleTime" >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
  AND "scaleTime" < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

const TOTALS = `count(*)::int AS "weighingCount", sum("netMg")::bigint AS "netMgSum", sum("priceFen")::bigint AS "priceFenSum"`;
const FINDINGS = `(count(*) FILTER (WHERE cardinality("findings") > 0))::int AS "findingCount"`;
// the migration that added priceFindingCount backfilled it with the same list, written out
const PRICE_FINDINGS_SQL = `ARRAY[${PRICE_FINDINGS.map((finding) => `'${finding}'`).join(', ')}]::text[]`;
const PRICE = `(count(*) FILTER (WHERE "findings" && ${PRICE_FINDINGS_SQL}))::int AS "priceFindingCount"`;
const FINDING_COLUMNS = ['weighingCount', 'netMgSum', 'priceFenSum', 'findingCount'];

interface Rollup {
  table: string;
  keys: string[];
  /** the aggregates besides the keys, as SELECT expressions named like the columns */
  measures: string;
  measureColumns: string[];
  where?: string;
}

const ROLLUPS: Rollup[] = [
  { table: 'ScaleDay', keys: ['scaleId'], measures: `${TOTALS}, ${FINDINGS}, ${PRICE}`, measureColumns: [...FINDING_COLUMNS, 'priceFindingCount'] },
  {
    table: 'MerchantDay', keys: ['merchantId'], measures: `${TOTALS}, ${FINDINGS}, ${PRICE}`,
    measureColumns: [...FINDING_COLUMNS, 'priceFindingCount'], where: '"merchantId" IS NOT NULL',
  },
  { table: 'MarketDay', keys: ['marketId'], measures: `${TOTALS}, ${FINDINGS}`, measureColumns: FINDING_COLUMNS },
  {
    table: 'CommodityDay', keys: ['commodityId', 'marketId'],
    measures: `${TOTALS}, min("unitPriceFenPerKg") AS "minUnitPriceFenPerKg", max("unitPriceFenPerKg") AS "maxUnitPriceFenPerKg"`,
    measureColumns: ['weighingCount', 'netMgSum', 'priceFenSum', 'minUnitPriceFenPerKg', 'maxUnitPriceFenPerKg'],
  },
];

const quote = (name: string): string => `"${name}"`;

function rebuildSql({ table, keys, measures, measureColumns, where }: Rollup): string {
  const keyList = keys.map(quote).join(', ');
  const columns = [...keys, 'businessDay', ...measureColumns].map(quote).join(', ');
  const updates = measureColumns.map((column) => `${quote(column)} = EXCLUDED.${quote(column)}`).join(', ');
  const sameKey = [...keys, 'businessDay'].map((key) => `s.${quote(key)} = t.${quote(key)}`).join(' AND ');
  // The DELETE sees the table as it was before the INSERT: it removes only rows of the range that
  // no longer have weighings behind them.
  return `
    WITH source AS (
      SELECT ${keyList}, ${BUSINESS_DAY} AS "businessDay", ${measures}
      FROM "Weighing"
      WHERE ${RANGE}${where ? ` AND ${where}` : ''}
      GROUP BY ${keyList}, ${keys.length + 1} -- the business day, by position
    ), upserted AS (
      INSERT INTO ${quote(table)} (${columns})
      SELECT ${columns} FROM source
      ON CONFLICT (${[...keys, 'businessDay'].map(quote).join(', ')}) DO UPDATE SET ${updates}
      RETURNING 1
    )
    DELETE FROM ${quote(table)} AS t
    WHERE t."businessDay" BETWEEN $1::date AND $2::date
      AND NOT EXISTS (SELECT 1 FROM source s WHERE ${sameKey})`;
}

const STATEMENTS = ROLLUPS.map(rebuildSql);

/** Recomputes the four daily rollups for the business days fromDay..toDay ("YYYY-MM-DD", both included). */
export async function rebuildDailyRollups(client: pg.Client | pg.PoolClient, fromDay: string, toDay: string): Promise<void> {
  for (const day of [fromDay, toDay]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a business day: ${day}`);
  }
  for (const sql of STATEMENTS) await client.query(sql, [fromDay, toDay]);
}
