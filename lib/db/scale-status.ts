// Online/offline and last-seen of scales, as reported by their status messages.
import type { Db } from './client.ts';

/** Returns false when no scale has this serial. */
export async function recordStatus(db: Db, serial: string, online: boolean, at: Date): Promise<boolean> {
  // A late "online" must not overwrite a newer "offline": only move lastSeenAt forward.
  const updated = await db.$executeRaw`
    UPDATE "Scale" SET online = ${online}, "lastSeenAt" = ${at}
    WHERE serial = ${serial} AND ("lastSeenAt" IS NULL OR "lastSeenAt" <= ${at})`;
  if (updated > 0) return true;
  return (await db.scale.count({ where: { serial } })) > 0;
}

/** Marks offline every scale silent for longer than `silenceMs` (a lost connection whose will never came). */
export async function markSilentScalesOffline(db: Db, silenceMs: number, now = new Date()): Promise<number> {
  return db.scale.updateMany({
    where: { online: true, lastSeenAt: { lt: new Date(now.getTime() - silenceMs) } },
    data: { online: false },
  }).then((result) => result.count);
}
