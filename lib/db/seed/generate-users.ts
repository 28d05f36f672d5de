// One account per persona (see demo-users.ts), bound to the places the personas look after.
import { DEMO_USERS } from './demo-users.ts';
import type { Places } from './generate-places.ts';
import type { Scales } from './generate-scales.ts';
import type { UserRow, WeighingRow } from './types.ts';

export const DEMO_DISTRICT_CODE = '430408'; // 蒸湘区
export const OTHER_DISTRICT_CODE = '430407'; // 石鼓区

/**
 * A merchant whose story is simple to follow: enrolled, trading on in-service scales that are
 * legally valid and behave. The first such merchant of the market, by id.
 */
function showcaseMerchant(places: Places, scales: Scales, weighings: WeighingRow[], marketId: number): number {
  const traded = new Set<number>();
  for (const weighing of weighings) if (weighing.marketId === marketId && weighing.merchantId !== null) traded.add(weighing.merchantId);
  const merchant = places.merchants.find((candidate) => {
    if (candidate.marketId !== marketId || candidate.programmeId === null || !traded.has(candidate.id)) return false;
    const own = scales.profiles.filter((profile) => profile.merchant?.merchant.id === candidate.id);
    return own.length > 0 && own.every((profile) => profile.state === 'valid' && profile.behaviour === 'clean');
  });
  if (!merchant) throw new Error(`market ${marketId} has no merchant fit for a demo account`);
  return merchant.id;
}

export function generateUsers(places: Places, scales: Scales, weighings: WeighingRow[]): UserRow[] {
  const district = places.districts.find((candidate) => candidate.code === DEMO_DISTRICT_CODE);
  const other = places.districts.find((candidate) => candidate.code === OTHER_DISTRICT_CODE);
  const market = places.markets.find((candidate) => candidate.districtId === district?.id);
  const otherMarket = places.markets.find((candidate) => candidate.districtId === other?.id);
  if (!district || !market || !otherMarket) throw new Error('the demo districts need a market each');
  const merchantId = showcaseMerchant(places, scales, weighings, market.id);
  const merchant2Id = showcaseMerchant(places, scales, weighings, otherMarket.id);
  const merchantLabel = (id: number): string => {
    const merchant = places.merchants.find((candidate) => candidate.id === id);
    return merchant ? `${merchant.name}（${merchant.shopName}）` : String(id);
  };

  const binding: Record<string, Omit<UserRow, 'id' | 'username' | 'role' | 'cityId'>> = {
    city: { displayName: '衡阳市市场监督管理局', districtId: null, marketId: null, merchantId: null },
    district: { displayName: `${district.name}市场监督管理局`, districtId: district.id, marketId: null, merchantId: null },
    market: { displayName: `${market.name}管理处`, districtId: null, marketId: market.id, merchantId: null },
    inspector: { displayName: '李卫东', districtId: district.id, marketId: null, merchantId: null },
    bank: { displayName: places.programme.bankName, districtId: null, marketId: null, merchantId: null },
    merchant: { displayName: merchantLabel(merchantId), districtId: null, marketId: null, merchantId },
    merchant2: { displayName: merchantLabel(merchant2Id), districtId: null, marketId: null, merchantId: merchant2Id },
  };
  return DEMO_USERS.map((user, index) => {
    const bound = binding[user.username];
    if (!bound) throw new Error(`no binding for demo user ${user.username}`);
    return { id: index + 1, username: user.username, role: user.role, cityId: places.city.id, ...bound };
  });
}
