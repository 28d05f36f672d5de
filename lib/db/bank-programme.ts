// A programme's webhook secret, sealed at rest with the platform key like a scale's device secret
// (lib/crypto/secret-box.ts): a copy of the database alone cannot forge the bank's notifications.
// The webhook and the scripts read it over pg; the bank officer's page rotates it through Prisma.
import type pg from 'pg';
import { open, seal } from '../crypto/secret-box.ts';
import type { Match } from '../domain/bank/webhook.ts';
import { generateSecret } from '../domain/protocol/signature.ts';
import type { Actor } from './actor.ts';
import type { Db } from './client.ts';

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

/** Only the bank officer manages the bank's webhook secret. */
export class WebhookSecretForbiddenError extends Error {
  readonly code = 'forbidden';
}

export interface WebhookStatus {
  programmeId: number;
  secretIssuedAt: Date | null;
  /** payments of the programme by how they stand, and the conflicting notifications kept */
  counts: Record<Match, number> & { conflicts: number };
}

/** The programme of the bank officer's city (the first, as the bank pages take it), or null. */
async function officerProgramme(db: Db, actor: Actor) {
  if (actor.role !== 'bank_officer') throw new WebhookSecretForbiddenError('only the bank officer manages the webhook secret');
  return db.programme.findFirst({ where: { cityId: actor.scope.cityId }, orderBy: { id: 'asc' }, select: { id: true, webhookSecretIssuedAt: true } });
}

/** What the bank officer's webhook page shows: the programme id to send, when the secret was issued,
 *  and how the programme's payments stand. */
export async function webhookStatus(db: Db, actor: Actor): Promise<WebhookStatus | null> {
  const programme = await officerProgramme(db, actor);
  if (!programme) return null;
  const [groups, conflicts] = await Promise.all([
    db.payment.groupBy({ by: ['match'], where: { programmeId: programme.id }, _count: { _all: true } }),
    db.paymentConflict.count({ where: { programmeId: programme.id } }),
  ]);
  const counts = { matched: 0, amount_mismatch: 0, waiting: 0, unmatched: 0, conflicts };
  for (const group of groups) counts[group.match] = group._count._all;
  return { programmeId: programme.id, secretIssuedAt: programme.webhookSecretIssuedAt, counts };
}

/**
 * The bank officer issues a new webhook secret for the programme (the old one stops at once) and
 * sees it this once; audited. Throws WebhookSecretForbiddenError for anyone else.
 */
export async function rotateWebhookSecretAs(db: Db, actor: Actor, platformKey: Uint8Array, now: Date = new Date()): Promise<{ programmeId: number; secret: string }> {
  const programme = await officerProgramme(db, actor);
  if (!programme) throw new WebhookSecretForbiddenError('no programme in this city');
  const secret = generateSecret();
  await db.$transaction([
    db.programme.update({ where: { id: programme.id }, data: { webhookSecretSealed: new Uint8Array(seal(platformKey, secret)), webhookSecretIssuedAt: now } }),
    db.auditEvent.create({
      data: {
        at: now, userId: actor.id, action: 'bank.webhook_secret_rotate', entity: 'Programme', entityId: String(programme.id),
        detail: { previousIssuedAt: programme.webhookSecretIssuedAt?.toISOString() ?? null },
      },
    }),
  ]);
  return { programmeId: programme.id, secret };
}
