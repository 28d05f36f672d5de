import type { Db } from './client.ts';

/** Serials of in-service trade scales, the first `limit` by id: the scales the simulator plays. */
export async function fleetSerials(db: Db, limit: number): Promise<string[]> {
  const scales = await db.scale.findMany({
    where: { purpose: 'trade', status: 'in_service' },
    orderBy: { id: 'asc' },
    take: limit,
    select: { serial: true },
  });
  return scales.map((scale) => scale.serial);
}
