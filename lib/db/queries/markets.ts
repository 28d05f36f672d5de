// Markets a user may see, and one market with its stalls. Out-of-scope ids read as "not found".
import type { Db } from '../client.ts';
import { marketWhere, type Scope } from '../scope.ts';

export async function listMarkets(db: Db, scope: Scope) {
  return db.market.findMany({
    where: marketWhere(scope),
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      district: { select: { id: true, name: true, nameEn: true } },
      _count: { select: { stalls: true, merchants: true, scales: true } },
    },
  });
}

export async function getMarket(db: Db, scope: Scope, marketId: number) {
  return db.market.findFirst({
    where: { AND: [{ id: marketId }, marketWhere(scope)] },
    select: {
      id: true,
      code: true,
      name: true,
      nameEn: true,
      address: true,
      floorRows: true,
      floorCols: true,
      district: { select: { id: true, name: true, nameEn: true } },
    },
  });
}
