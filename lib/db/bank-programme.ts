// A programme's webhook secret, sealed at rest with the platform key like a scale's device secret
// (lib/crypto/secret-box.ts): a copy of the database alone cannot forge the bank's notifications.
import type pg from 'pg';
import { open, seal } from '../crypto/secret-box.ts';
import { generateSecret } from '../domain/protocol/signature.ts';

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/** The programme's webhook secret in clear, or null: no such programme, or none issued. */
export async function programmeWebhookSecret(db: Queryable, platformKey: Uint8Array, programmeId: number): Promise<string | null> {
  const { rows } = await db.query<{ sealed: Buffer | null }>('SELECT "webhookSecretSealed" AS sealed FROM "Programme" WHERE id = $1', [programmeId]);
  const sealed = rows[0]?.sealed;
  return sealed ? open(platformKey, sealed) : null;
}

/** Issues a new webhook secret (the old one stops working at once) and returns it, to show once. */
export async function rotateWebhookSecret(db: Queryable, platformKey: Uint8Array, programmeId: number, now: Date = new Date()): Promise<string> {
  const secret = generateSecret();
  const { rowCount } = await db.query('UPDATE "Programme" SET "webhookSecretSealed" = $2, "webhookSecretIssuedAt" = $3 WHERE id = $1', [
    programmeId, seal(platformKey, secret), now,
  ]);
  if (!rowCount) throw new Error(`no programme ${programmeId}`);
  return secret;
}
