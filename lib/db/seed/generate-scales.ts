// Every trading stall's price-computing scale (some stalls have two) and each market's fair scale,
// with a verification per year since installation. The latest verification decides the scale's
// legal state; a small share of scales is given a fault or a cheat for the dashboards to find.
import { addDays, dayStart } from '../../domain/business-day.ts';
import { addYears, daysBetween } from './dates.ts';
import { FAIR_SCALE_MODEL, MODEL_CHOICES, SCALE_MODELS, VERIFICATION_AUTHORITY, type ScaleModelSpec } from './hengyang.ts';
import type { MerchantProfile, Places } from './generate-places.ts';
import type { Rng } from './prng.ts';
import type { Day, Finding, Instant, ScaleRow, SeedOptions, VerificationRow } from './types.ts';

export type LegalState = 'valid' | 'expiring' | 'expired' | 'failed';
/** `heavy`: reads about 10 % over (a remote receiver); only fair-scale re-weighs reveal it */
export type Behaviour = 'clean' | Finding | 'heavy';

export interface ScaleProfile {
  scale: ScaleRow;
  merchant: MerchantProfile | null;
  /** mean weighings per business day */
  activity: number;
  state: LegalState;
  behaviour: Behaviour;
  /** the calibration counter moved with no verification behind it */
  counterMoved: boolean;
  /** no trade from this instant on (stopped after a failed verification) */
  tradeUntil: Instant | null;
  /** the seq of the scale's first weighing in the history: it traded before the history starts */
  firstSeq: number;
}

export interface Scales {
  scales: ScaleRow[];
  verifications: VerificationRow[];
  profiles: ScaleProfile[];
}

const SECOND_SCALE_SHARE = 0.1;
const STATE_SHARES = { failed: 0.01, expired: 0.03, expiring: 0.06 } as const;
const BEHAVIOUR_SHARES = { price_mismatch: 0.013, unstable: 0.01, below_min: 0.005, heavy: 0.005 } as const;

function share(count: number, fraction: number): number {
  return Math.max(1, Math.round(count * fraction));
}

export function generateScales(rng: Rng, places: Places, options: SeedOptions): Scales {
  const { today, historyDays } = options;
  const historyStart = addDays(today, -historyDays);
  const profileByMerchant = new Map(places.profiles.map((profile) => [profile.merchant.id, profile]));

  // Which stall gets which model, and how busy each scale is.
  const planned: { model: ScaleModelSpec; marketId: number; stallId: number | null; merchant: MerchantProfile | null; activity: number }[] = [];
  for (const market of places.markets) {
    const marketActivity = places.marketSpecs.get(market.id)?.activity ?? 40;
    for (const stall of places.stalls) {
      if (stall.marketId !== market.id || stall.merchantId === null) continue;
      const merchant = profileByMerchant.get(stall.merchantId) ?? null;
      const choices = MODEL_CHOICES[merchant?.merchant.category ?? 'vegetable'];
      const model = SCALE_MODELS[rng.pick(choices)] as ScaleModelSpec;
      const activity = marketActivity * (0.7 + 0.6 * rng.next());
      planned.push({ model, marketId: market.id, stallId: stall.id, merchant, activity });
      // a second scale takes the overflow at rush hour
      if (rng.chance(SECOND_SCALE_SHARE)) planned.push({ model, marketId: market.id, stallId: stall.id, merchant, activity: activity * 0.55 });
    }
    planned.push({ model: SCALE_MODELS[FAIR_SCALE_MODEL] as ScaleModelSpec, marketId: market.id, stallId: null, merchant: null, activity: 0 });
  }

  const tradeIndexes = planned.flatMap((plan, index) => (plan.stallId === null ? [] : [index]));
  const states = new Map<number, LegalState>();
  const byState = rng.shuffle(tradeIndexes);
  let cursor = 0;
  for (const state of ['failed', 'expired', 'expiring'] as const) {
    const count = share(tradeIndexes.length, STATE_SHARES[state]);
    for (const index of byState.slice(cursor, cursor + count)) states.set(index, state);
    cursor += count;
  }
  // Misbehaving scales stay in service so their findings keep coming; one cheat sits in the demo
  // market so the demo inspector has something to find.
  const behaviours = new Map<number, Behaviour>();
  const candidates = rng.shuffle(tradeIndexes.filter((index) => states.get(index) !== 'failed'));
  const firstMarketId = places.markets[0]?.id;
  const demoCheat = candidates.findIndex((index) => planned[index]?.marketId === firstMarketId);
  if (demoCheat >= 0) candidates.unshift(...candidates.splice(demoCheat, 1));
  cursor = 0;
  for (const behaviour of ['heavy', 'price_mismatch', 'unstable', 'below_min'] as const) {
    const count = share(tradeIndexes.length, BEHAVIOUR_SHARES[behaviour]);
    for (const index of candidates.slice(cursor, cursor + count)) behaviours.set(index, behaviour);
    cursor += count;
  }

  const scales: ScaleRow[] = [];
  const verifications: VerificationRow[] = [];
  const profiles: ScaleProfile[] = [];
  const serialCounters = new Map<string, number>();
  let certificateCounter = rng.int(1_000, 3_000);
  let sealCounter = rng.int(10_000, 20_000);

  planned.forEach((plan, index) => {
    const state = states.get(index) ?? 'valid';
    const behaviour = behaviours.get(index) ?? 'clean';
    // The latest verification, chosen so today's legal state is `state`.
    let latest: Day;
    if (state === 'expiring') latest = addYears(addDays(today, rng.int(1, 30)), -1);
    else if (state === 'expired') latest = addYears(addDays(today, -rng.int(1, 60)), -1);
    else if (state === 'failed') latest = addDays(today, -rng.int(3, 25));
    else latest = addDays(today, -rng.int(1, 330));
    // One verification per year back to installation, which came before the history starts.
    let years = state === 'failed' ? 1 : rng.int(0, 2);
    while (addYears(latest, -years) >= historyStart) years++;
    const installedOn = addYears(latest, -years);

    const id = scales.length + 1;
    const model = plan.model;
    const manufactured = addDays(installedOn, -rng.int(20, 90));
    const serialNumber = (serialCounters.get(model.serialPrefix) ?? rng.int(10_000, 30_000)) + rng.int(1, 40);
    serialCounters.set(model.serialPrefix, serialNumber);
    const serial = `${model.serialPrefix}${manufactured.slice(2, 4)}${manufactured.slice(5, 7)}${serialNumber}`;

    for (let year = years; year >= 0; year--) {
      const verifiedOn = addYears(latest, -year);
      const failed = year === 0 && state === 'failed';
      certificateCounter += rng.int(1, 9);
      sealCounter += rng.int(1, 5);
      verifications.push({
        id: verifications.length + 1, scaleId: id,
        certificateNo: `HYJL${verifiedOn.slice(0, 4)}-${String(certificateCounter).padStart(6, '0')}`,
        verifiedOn,
        // a failed verification grants no validity
        expiresOn: failed ? verifiedOn : addYears(verifiedOn, 1),
        result: failed ? 'failed' : 'passed', authority: VERIFICATION_AUTHORITY,
        sealCode: failed ? null : `HYF-${verifiedOn.slice(0, 4)}-${String(sealCounter).padStart(6, '0')}`,
      });
    }

    const scale: ScaleRow = {
      id, serial, model: model.model, maker: model.maker, accuracyClass: 'III', maxMg: model.maxMg,
      minMg: 20 * model.eMg, eMg: model.eMg, dMg: model.eMg, priceIntervalFen: 1, softwareId: model.softwareId,
      // each verification seals a calibration; a moved counter is one more than that
      calibrationCounter: years + 1, configurationCounter: rng.int(0, 2),
      purpose: plan.stallId === null ? 'fair' : 'trade', status: state === 'failed' ? 'suspended' : 'in_service',
      online: false, lastSeenAt: null, installedOn, marketId: plan.marketId, stallId: plan.stallId,
      programmeId: places.programme.id, lastSeq: null,
    };
    scales.push(scale);
    profiles.push({
      scale, merchant: plan.merchant, activity: plan.activity, state, behaviour,
      counterMoved: behaviour === 'heavy',
      tradeUntil: state === 'failed' ? dayStart(latest).getTime() + 9 * 3_600_000 : null,
      firstSeq: 1 + Math.floor(daysBetween(installedOn, historyStart) * plan.activity * 0.9),
    });
  });
  for (const profile of profiles) if (profile.counterMoved) profile.scale.calibrationCounter += 1;
  return { scales, verifications, profiles };
}
