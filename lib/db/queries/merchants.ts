// A merchant as regulators, the bank and the merchant itself see it. Scoped by `merchantWhere`: a
// merchant user reads only its own merchant; any other id reads as "not found".
import type { Db } from '../client.ts';
import { merchantWhere, type Scope } from '../scope.ts';

export async function getMerchant(db: Db, scope: Scope, merchantId: number) {
  return db.merchant.findFirst({
    where: { AND: [{ id: merchantId }, merchantWhere(scope)] },
    select: {
      id: true,
      name: true,
      shopName: true,
      category: true,
      market: { select: { id: true, code: true, name: true, nameEn: true } },
      stalls: { orderBy: { code: 'asc' }, select: { id: true, code: true } },
    },
  });
}

export type MerchantDetail = NonNullable<Awaited<ReturnType<typeof getMerchant>>>;
