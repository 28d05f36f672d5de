// A market's floor map: every stall with its state (lib/domain/floor-state.ts), read from the small
// tables only — Stall, Merchant, Scale, Verification, Alert — never from weighings, so a poll every
// few seconds costs the same whatever the history holds. Two statements, sent together: the scope
// check of the market, and one row per stall and scale in use for that market. Out-of-scope ids
// read as "not found" (the second statement's rows are then dropped unread).
import type { Db } from '../client.ts';
import { marketWhere, type Scope } from '../scope.ts';
import { dateAsDay } from '../../domain/business-day.ts';
import { stallFloorState, tallyFloorStates, type FloorScaleFacts, type FloorState, type FloorStateTally } from '../../domain/floor-state.ts';
import { verificationStatus } from '../../domain/verification-status.ts';

export interface FloorTileFacts {
  stallId: number;
  code: string;
  /** 0-based place on the floor grid */
  row: number;
  col: number;
  merchant: { id: number; shopName: string } | null;
  state: FloorState;
  /** scales in use on the stall */
  scales: number;
  /** open alerts about the stall's scales or its merchant */
  openAlerts: number;
}

export interface MarketFloor {
  marketId: number;
  floorRows: number;
  floorCols: number;
  /** in reading order: row by row, left to right (the keyboard's tab order) */
  tiles: FloorTileFacts[];
  tally: FloorStateTally;
}

interface FloorRow {
  stallId: number;
  code: string;
  row: number;
  col: number;
  merchantId: number | null;
  shopName: string | null;
  scaleId: number | null;
  scaleStatus: 'in_service' | 'suspended' | null;
  online: boolean | null;
  result: 'passed' | 'failed' | null;
  expiresOn: Date | null;
  scaleAlerts: number;
  merchantAlerts: number;
}

/**
 * One row per stall and scale in use on it (a stall without one: a row with null scale). The
 * latest verification is the one scales.ts `latestVerification` picks (by date, then id); open
 * alerts are counted once for the market ((marketId, status) index), by scale, and by merchant
 * for those naming no scale. `merchantId` narrows the stalls to one merchant's (merchant scope).
 */
function floorRows(db: Db, marketId: number, merchantId: number | null) {
  return db.$queryRaw<FloorRow[]>`
    WITH open_alert AS (
      SELECT "scaleId", "merchantId", count(*)::int AS n
      FROM "Alert" WHERE "marketId" = ${marketId} AND status = 'open'
      GROUP BY "scaleId", "merchantId"
    )
    SELECT st.id AS "stallId", st.code, st.row, st.col, m.id AS "merchantId", m."shopName",
           s.id AS "scaleId", s.status::text AS "scaleStatus", s.online, v.result::text AS result, v."expiresOn",
           COALESCE((SELECT sum(n)::int FROM open_alert a WHERE a."scaleId" = s.id), 0) AS "scaleAlerts",
           COALESCE((SELECT sum(n)::int FROM open_alert a WHERE a."scaleId" IS NULL AND a."merchantId" = m.id), 0) AS "merchantAlerts"
    FROM "Stall" st
    LEFT JOIN "Merchant" m ON m.id = st."merchantId"
    LEFT JOIN "Scale" s ON s."stallId" = st.id AND s."marketId" = st."marketId" AND s.status <> 'retired'
    LEFT JOIN LATERAL (
      SELECT result, "expiresOn" FROM "Verification" WHERE "scaleId" = s.id ORDER BY "verifiedOn" DESC, id DESC LIMIT 1
    ) v ON true
    WHERE st."marketId" = ${marketId} AND (${merchantId}::int IS NULL OR st."merchantId" = ${merchantId}::int)
    ORDER BY st.row, st.col, st.code, s.id`;
}

/** The floor of one market in the scope, or null when it is unknown or outside the scope. */
export async function getMarketFloor(db: Db, scope: Scope, marketId: number, today: string): Promise<MarketFloor | null> {
  const [market, rows] = await Promise.all([
    db.market.findFirst({ where: { AND: [{ id: marketId }, marketWhere(scope)] }, select: { id: true, floorRows: true, floorCols: true } }),
    floorRows(db, marketId, scope.kind === 'merchant' ? scope.merchantId : null),
  ]);
  if (!market) return null;

  const stalls = new Map<number, { row: FloorRow; scales: FloorScaleFacts[] }>();
  for (const row of rows) {
    let stall = stalls.get(row.stallId);
    if (!stall) stalls.set(row.stallId, (stall = { row, scales: [] }));
    if (row.scaleId === null || row.scaleStatus === null) continue;
    const latest = row.result && row.expiresOn ? { result: row.result, expiresOn: dateAsDay(row.expiresOn) } : null;
    stall.scales.push({
      status: verificationStatus({ scaleStatus: row.scaleStatus, latest }, today),
      online: row.online ?? false,
      openAlerts: row.scaleAlerts,
    });
  }
  const tiles = [...stalls.values()].map(({ row, scales }): FloorTileFacts => {
    const occupied = row.merchantId !== null;
    return {
      stallId: row.stallId,
      code: row.code,
      row: row.row,
      col: row.col,
      merchant: row.merchantId !== null && row.shopName !== null ? { id: row.merchantId, shopName: row.shopName } : null,
      state: stallFloorState({ occupied, scales, merchantAlerts: row.merchantAlerts }),
      scales: scales.length,
      openAlerts: row.merchantAlerts + scales.reduce((sum, scale) => sum + scale.openAlerts, 0),
    };
  });
  return {
    marketId: market.id,
    floorRows: market.floorRows,
    floorCols: market.floorCols,
    tiles,
    tally: tallyFloorStates(tiles.map((tile) => tile.state)),
  };
}
