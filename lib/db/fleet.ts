// What the simulator needs to play the platform's scales: identity, secret, where its seq stands,
// its metrology limits and what its merchant sells.
import type pg from 'pg';
import { open } from '../crypto/secret-box.ts';

export interface FleetScale {
  serial: string;
  secret: string;
  nextSeq: number;
  maxMg: number;
  minMg: number;
  dMg: number;
  priceIntervalFen: number;
  calibrationCounter: number;
  configurationCounter: number;
  commodities: { plu: string; guidePriceFenPerKg: number; category: string }[];
}

/** The first `limit` provisioned, unrevoked, in-service trade scales at a merchant's stall (of
 *  `serials` only, when given). */
export async function loadFleet(client: pg.Pool | pg.Client, platformKey: Buffer, limit: number, serials?: string[]): Promise<FleetScale[]> {
  const { rows } = await client.query<{
    serial: string; secretSealed: Buffer; lastSeq: string | null; maxMg: number; minMg: number; dMg: number; priceIntervalFen: number;
    calibrationCounter: number; configurationCounter: number; category: string;
  }>(
    `SELECT s.serial, s."secretSealed", s."lastSeq"::text AS "lastSeq", s."maxMg", s."minMg", s."dMg", s."priceIntervalFen",
            s."calibrationCounter", s."configurationCounter", m.category
       FROM "Scale" s JOIN "Stall" st ON st.id = s."stallId" JOIN "Merchant" m ON m.id = st."merchantId"
      WHERE s.purpose = 'trade' AND s.status = 'in_service' AND s."revokedAt" IS NULL AND s."secretSealed" IS NOT NULL
        AND ($2::text[] IS NULL OR s.serial = ANY($2::text[]))
      ORDER BY s.id LIMIT $1`,
    [limit, serials ?? null],
  );
  const { rows: commodities } = await client.query<{ plu: string; guidePriceFenPerKg: number | null; category: string }>(
    `SELECT plu, "guidePriceFenPerKg", category FROM "Commodity" WHERE "guidePriceFenPerKg" IS NOT NULL ORDER BY plu`,
  );
  return rows.map((row) => {
    const own = commodities.filter((c) => c.category === row.category);
    return {
      serial: row.serial,
      secret: open(platformKey, row.secretSealed),
      nextSeq: row.lastSeq === null ? 1 : Number(row.lastSeq) + 1,
      maxMg: row.maxMg,
      minMg: row.minMg,
      dMg: row.dMg,
      priceIntervalFen: row.priceIntervalFen,
      calibrationCounter: row.calibrationCounter,
      configurationCounter: row.configurationCounter,
      commodities: (own.length ? own : commodities).map((c) => ({ plu: c.plu, guidePriceFenPerKg: c.guidePriceFenPerKg ?? 500, category: c.category })),
    };
  });
}
