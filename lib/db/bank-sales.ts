// What the bank simulator learns of the fleet's sales: the bank-QR weighings of a programme's
// merchants and their receipt tokens, newest by id. It stands in for the bank's own payment system,
// which knows every sale paid with its QR code without asking the platform.
import type pg from 'pg';
import { open } from '../crypto/secret-box.ts';
import { rotateWebhookSecret } from './bank-programme.ts';

export interface BankSale {
  weighingId: bigint;
  priceFen: number;
  scaleTime: Date;
  receiptToken: string;
}

/** Bank-QR sales of the programme's merchants with an id above `afterId`, oldest first. The id
 *  condition rides the weighing's primary key, the time bound keeps to the newest partitions. */
export async function bankSalesAfter(pool: pg.Pool, programmeId: number, afterId: bigint, since: Date, limit: number): Promise<BankSale[]> {
  const { rows } = await pool.query<{ id: string; priceFen: number; scaleTime: Date; token: string }>(
    `SELECT w.id, w."priceFen", w."scaleTime", r.token
       FROM "Weighing" w
       JOIN "Receipt" r ON r."weighingId" = w.id
       JOIN "Merchant" m ON m.id = w."merchantId"
      WHERE w.id > $2 AND w."scaleTime" >= $3 AND w."paymentMethod" = 'bank_qr' AND m."programmeId" = $1 AND w."priceFen" > 0
      ORDER BY w.id LIMIT $4`,
    [programmeId, afterId.toString(), since, limit],
  );
  return rows.map((row) => ({ weighingId: BigInt(row.id), priceFen: row.priceFen, scaleTime: row.scaleTime, receiptToken: row.token }));
}

/** The newest weighing id (0 when there is none): a simulator starting now plays the bank from here. */
export async function newestWeighingId(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ id: string | null }>('SELECT max(id)::text AS id FROM "Weighing" WHERE "scaleTime" >= now() - interval \'1 day\'');
  return BigInt(rows[0]?.id ?? '0');
}

/** The programme the simulator plays (the first) and its webhook secret in clear. A database seeded
 *  before the webhook existed has none: the demo bank is then issued one, as the bank officer would. */
export async function simulatedProgramme(pool: pg.Pool, platformKey: Uint8Array): Promise<{ id: number; secret: string; issued: boolean } | null> {
  const { rows } = await pool.query<{ id: number; sealed: Buffer | null }>('SELECT id, "webhookSecretSealed" AS sealed FROM "Programme" ORDER BY id LIMIT 1');
  const row = rows[0];
  if (!row) return null;
  if (row.sealed) return { id: row.id, secret: open(platformKey, row.sealed), issued: false };
  return { id: row.id, secret: await rotateWebhookSecret(pool, platformKey, row.id), issued: true };
}
