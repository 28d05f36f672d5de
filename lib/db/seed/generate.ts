// The demo city, generated: pure and deterministic for a seed and a "today". Nothing here touches
// the database or the clock (unless `today` is left out); write.ts stores the result.
import { addDays, businessDay } from '../../domain/business-day.ts';
import { generateAlerts } from './generate-alerts.ts';
import { generateChecks } from './generate-checks.ts';
import { generateComplaints } from './generate-complaints.ts';
import { generatePlaces } from './generate-places.ts';
import { generateScales } from './generate-scales.ts';
import { generateTrade } from './generate-trade.ts';
import { generateUsers } from './generate-users.ts';
import { deriveRng } from './prng.ts';
import type { Day, SeedData, SeedOptions, UserRow, WeighingRow } from './types.ts';

export const DEFAULT_SEED = 430_400;
export const DEFAULT_HISTORY_DAYS = 30;

/** The history's business days: `historyDays` of them, ending the day before `today`. */
export function businessDaysBefore(today: Day, count: number): Day[] {
  return Array.from({ length: count }, (_, index) => addDays(today, index - count));
}

function userOf(users: UserRow[], username: string): UserRow {
  const user = users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

export function generateDemoCity(options: Partial<SeedOptions> = {}): SeedData {
  const resolved: SeedOptions = {
    seed: options.seed ?? DEFAULT_SEED,
    today: options.today ?? businessDay(new Date()),
    historyDays: options.historyDays ?? DEFAULT_HISTORY_DAYS,
  };
  if (!Number.isSafeInteger(resolved.historyDays) || resolved.historyDays < 1) throw new RangeError('historyDays must be a positive integer');
  const days = businessDaysBefore(resolved.today, resolved.historyDays);

  const places = generatePlaces(deriveRng(resolved.seed, 'places'), resolved);
  const scales = generateScales(deriveRng(resolved.seed, 'scales'), places, resolved);
  const trade = generateTrade(deriveRng(resolved.seed, 'trade'), places, scales, days);
  const users = generateUsers(places, scales, trade.weighings);

  const byScale = new Map<number, WeighingRow[]>();
  for (const weighing of trade.weighings) {
    const list = byScale.get(weighing.scaleId);
    if (list) list.push(weighing);
    else byScale.set(weighing.scaleId, [weighing]);
  }
  const inspector = userOf(users, 'inspector');
  const checks = generateChecks(deriveRng(resolved.seed, 'checks'), {
    places, scales, byScale, days, inspectorId: inspector.id, districtId: inspector.districtId ?? 0,
  });
  const alerts = generateAlerts(deriveRng(resolved.seed, 'alerts'), { scales, byScale, checkWeighings: checks.checkWeighings, days });
  const market = userOf(users, 'market');
  const district = userOf(users, 'district');
  const complaints = generateComplaints(deriveRng(resolved.seed, 'complaints'), {
    places, scales, byScale, days,
    users: {
      marketManager: { id: market.id, marketId: market.marketId ?? 0 },
      inspector: { id: inspector.id, districtId: inspector.districtId ?? 0 },
      district: { id: district.id, districtId: district.districtId ?? 0 },
    },
    demoMerchantId: userOf(users, 'merchant').merchantId ?? 0,
  });

  return {
    options: resolved,
    days,
    city: places.city,
    districts: places.districts,
    markets: places.markets,
    stalls: places.stalls,
    programme: places.programme,
    merchants: places.merchants,
    commodities: places.commodities,
    scales: scales.scales,
    verifications: scales.verifications,
    users,
    weighings: trade.weighings,
    payments: trade.payments,
    inspections: checks.inspections,
    checkWeighings: checks.checkWeighings,
    alerts,
    complaints: complaints.complaints,
    complaintEvents: complaints.complaintEvents,
  };
}
