// Figures about the ingest read from the database: what a scrape of /api/metrics adds to the
// worker's own counters (they survive worker restarts and cover every worker).
import type { Db } from '../client.ts';

export interface IngestFigures {
  rejectedByReason: { reason: string; count: number }[];
  openGaps: number;
  scalesOnline: number;
  lastWeighingAt: Date | null;
}

export async function ingestFigures(db: Db): Promise<IngestFigures> {
  const [rejected, openGaps, scalesOnline, last] = await Promise.all([
    db.rejectedMessage.groupBy({ by: ['reason'], _count: { _all: true }, orderBy: { reason: 'asc' } }),
    db.sequenceGap.count(),
    db.scale.count({ where: { online: true } }),
    db.weighing.findFirst({ orderBy: { id: 'desc' }, select: { receivedAt: true } }),
  ]);
  return {
    rejectedByReason: rejected.map((row) => ({ reason: row.reason, count: row._count._all })),
    openGaps,
    scalesOnline,
    lastWeighingAt: last?.receivedAt ?? null,
  };
}

export async function databaseReachable(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
