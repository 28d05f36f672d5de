// The city's geography, markets with their floor plans and stalls, the merchants who rent them,
// the bank programme and the commodity list.
import { addDays } from '../../domain/business-day.ts';
import {
  CITY, COMMODITIES, DISTRICTS, MARKETS, PROGRAMME,
  type Category, type CommoditySpec, type MarketSpec, type Zone,
} from './hengyang.ts';
import { individualBusinessLicenseNo } from './license-no.ts';
import { maskedAccount, maskedPhone, personName, shopName } from './people.ts';
import { weightedPicker, type Rng } from './prng.ts';
import type {
  CityRow, CommodityRow, Day, DistrictRow, MarketRow, MerchantRow, ProgrammeRow, SeedOptions, StallRow,
} from './types.ts';

export interface Good {
  commodity: CommodityRow;
  spec: CommoditySpec;
  /** this merchant's usual price, before day-to-day drift */
  priceFenPerKg: number;
}

export interface MerchantProfile {
  merchant: MerchantRow;
  stallIds: number[];
  goods: Good[];
  /** an index into goods, weighted by popularity */
  pickGood: (rng: Rng) => number;
  /** share of this merchant's customers who pay with the bank's QR code once enrolled */
  bankShare: number;
}

export interface Places {
  city: CityRow;
  districts: DistrictRow[];
  markets: MarketRow[];
  marketSpecs: Map<number, MarketSpec>;
  stalls: StallRow[];
  programme: ProgrammeRow;
  merchants: MerchantRow[];
  profiles: MerchantProfile[];
  commodities: CommodityRow[];
}

const VACANT_SHARE = 0.04;
const TWO_STALL_SHARE = 0.08;
/** a merchant sells a few things outside its own trade: a greengrocer with eggs, a rice shop with oil */
const SIDELINES: Record<Category, readonly Category[]> = {
  vegetable: ['egg', 'fruit'], meat: ['egg'], aquatic: ['vegetable'], fruit: ['vegetable'],
  egg: ['grain', 'oil'], grain: ['oil', 'egg'], oil: ['grain'],
};
const ASSORTMENT: Record<Category, readonly [number, number]> = {
  vegetable: [6, 12], meat: [3, 6], aquatic: [3, 6], fruit: [4, 7], egg: [1, 3], grain: [2, 5], oil: [2, 3],
};
const DRY_ZONE = weightedPicker<Category>(['egg', 'grain', 'oil'], [0.35, 0.35, 0.3]);
const MIXED_ZONE = weightedPicker<Category>(['vegetable', 'fruit', 'meat', 'aquatic', 'egg'], [0.4, 0.2, 0.15, 0.1, 0.15]);

function zoneCategory(rng: Rng, zone: Zone): Category {
  if (zone === 'dry') return DRY_ZONE(rng);
  if (zone === 'mixed') return MIXED_ZONE(rng);
  return zone;
}

/** Stall rows stand back to back in pairs with an aisle between pairs, and a cross aisle mid-hall. */
function floorPosition(rowIndex: number, colIndex: number, stallsPerRow: number): { row: number; col: number } {
  return {
    row: rowIndex + Math.floor(rowIndex / 2),
    col: colIndex + (colIndex >= Math.ceil(stallsPerRow / 2) ? 1 : 0),
  };
}

function roundTo10(value: number): number {
  return Math.max(10, Math.round(value / 10) * 10);
}

function chooseGoods(rng: Rng, category: Category, commodities: CommodityRow[]): Good[] {
  const byCategory = (wanted: Category): Good[] =>
    commodities
      .filter((commodity) => commodity.category === wanted)
      .map((commodity) => {
        const spec = COMMODITIES.find((candidate) => candidate.plu === commodity.plu);
        if (!spec) throw new Error(`no spec for PLU ${commodity.plu}`);
        return { commodity, spec, priceFenPerKg: roundTo10(spec.guidePriceFenPerKg * (0.9 + 0.2 * rng.next())) };
      });
  const [least, most] = ASSORTMENT[category];
  // the most popular goods are what nearly every stall of the trade carries
  const own = byCategory(category)
    .map((good) => ({ good, key: good.spec.popularity * (0.5 + rng.next()) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, rng.int(least, most))
    .map(({ good }) => good);
  if (rng.chance(0.3)) {
    const sideline = rng.shuffle(byCategory(rng.pick(SIDELINES[category]))).slice(0, rng.int(1, 2));
    own.push(...sideline.map((good) => ({ ...good, spec: { ...good.spec, popularity: good.spec.popularity * 0.3 } })));
  }
  return own;
}

export function generatePlaces(rng: Rng, options: SeedOptions): Places {
  const city: CityRow = { id: 1, ...CITY };
  const districts: DistrictRow[] = DISTRICTS.map((district, index) => ({ id: index + 1, cityId: city.id, ...district }));
  const commodities: CommodityRow[] = COMMODITIES.map((spec, index) => ({
    id: index + 1, plu: spec.plu, name: spec.name, nameEn: spec.nameEn, category: spec.category,
    guidePriceFenPerKg: spec.guidePriceFenPerKg,
  }));
  const startedOn = addDays(options.today, -PROGRAMME.startedDaysAgo);
  const programme: ProgrammeRow = {
    id: 1, cityId: city.id, name: PROGRAMME.name, nameEn: PROGRAMME.nameEn, bankName: PROGRAMME.bankName,
    bankNameEn: PROGRAMME.bankNameEn, startedOn, feeBasisPoints: PROGRAMME.feeBasisPoints,
  };
  // Merchants enrol during the programme's first half year, and before the history starts when
  // there is room, so the history shows a settled programme.
  const lastEnrolment = addDays(options.today, -options.historyDays - 1);
  const enrolmentDay = (): Day => {
    const day = addDays(startedOn, rng.int(0, 180));
    if (day <= lastEnrolment) return day;
    return lastEnrolment >= startedOn ? lastEnrolment : startedOn;
  };

  const markets: MarketRow[] = [];
  const marketSpecs = new Map<number, MarketSpec>();
  const stalls: StallRow[] = [];
  const merchants: MerchantRow[] = [];
  const profiles: MerchantProfile[] = [];
  const licenses = new Set<string>();

  for (const spec of MARKETS) {
    const district = districts.find((candidate) => candidate.code === spec.districtCode);
    if (!district) throw new Error(`market ${spec.code}: unknown district ${spec.districtCode}`);
    const last = floorPosition(spec.zones.length - 1, spec.stallsPerRow - 1, spec.stallsPerRow);
    const market: MarketRow = {
      id: markets.length + 1, districtId: district.id, code: spec.code, name: spec.name, nameEn: spec.nameEn,
      address: spec.address, floorRows: last.row + 1, floorCols: spec.stallsPerRow + 1,
    };
    markets.push(market);
    marketSpecs.set(market.id, spec);
    const shopNames = new Set<string>();

    spec.zones.forEach((zone, rowIndex) => {
      const letter = String.fromCharCode(65 + rowIndex);
      let owner: MerchantProfile | null = null; // carried to the next stall when one merchant rents two
      for (let colIndex = 0; colIndex < spec.stallsPerRow; colIndex++) {
        const stall: StallRow = {
          id: stalls.length + 1, marketId: market.id, code: `${letter}-${String(colIndex + 1).padStart(2, '0')}`,
          ...floorPosition(rowIndex, colIndex, spec.stallsPerRow), merchantId: null,
        };
        stalls.push(stall);
        if (owner) {
          stall.merchantId = owner.merchant.id;
          owner.stallIds.push(stall.id);
          owner = null;
          continue;
        }
        if (rng.chance(VACANT_SHARE)) continue;

        const category = zoneCategory(rng, zone);
        const person = personName(rng);
        let shop = shopName(rng, person, category);
        for (let attempt = 0; shopNames.has(shop) && attempt < 5; attempt++) shop = shopName(rng, personName(rng), category);
        shopNames.add(shop);
        let licenseNo = individualBusinessLicenseNo(rng, spec.districtCode);
        while (licenses.has(licenseNo)) licenseNo = individualBusinessLicenseNo(rng, spec.districtCode);
        licenses.add(licenseNo);
        const enrolled = rng.chance(PROGRAMME.enrolment);
        const merchant: MerchantRow = {
          id: merchants.length + 1, marketId: market.id, name: person.name, shopName: shop, licenseNo,
          phone: maskedPhone(rng), category, programmeId: enrolled ? programme.id : null,
          enrolledOn: enrolled ? enrolmentDay() : null, settlementAccount: enrolled ? maskedAccount(rng) : null,
        };
        merchants.push(merchant);
        stall.merchantId = merchant.id;
        const goods = chooseGoods(rng, category, commodities);
        const profile: MerchantProfile = {
          merchant, stallIds: [stall.id], goods,
          pickGood: weightedPicker(goods.map((_, index) => index), goods.map((good) => good.spec.popularity)),
          bankShare: Math.min(0.92, Math.max(0.55, rng.normal(0.77, 0.07))),
        };
        profiles.push(profile);
        if (colIndex + 1 < spec.stallsPerRow && rng.chance(TWO_STALL_SHARE)) owner = profile;
      }
    });
  }
  return { city, districts, markets, marketSpecs, stalls, programme, merchants, profiles, commodities };
}
