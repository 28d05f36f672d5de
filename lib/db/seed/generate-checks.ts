// Check weighings: the demo inspector's spot checks in the demo district, and shoppers' re-weighs
// on each market's fair scale. A scale that reads heavy fails both.
import { localTime } from './dates.ts';
import type { Places } from './generate-places.ts';
import type { ScaleProfile, Scales } from './generate-scales.ts';
import { judgeTestPoint, wholeMgMpe, type AccuracyClass } from '../../domain/metrology/index.ts';
import type { Rng } from './prng.ts';
import type { CheckWeighingRow, Day, InspectionRow, WeighingRow } from './types.ts';

/** how much a heavy scale over-reads: a remote receiver's usual setting */
export const HEAVY_FACTOR = 1.1;

export interface Checks {
  inspections: InspectionRow[];
  checkWeighings: CheckWeighingRow[];
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Test loads across the range, as an inspector carries them: near Min, and up to Max. */
function testLoads(maxMg: number): number[] {
  return maxMg >= 30_000_000 ? [1_000_000, 5_000_000, 15_000_000, 30_000_000] : [500_000, 2_500_000, 10_000_000, 15_000_000];
}

export function generateChecks(
  rng: Rng,
  input: { places: Places; scales: Scales; byScale: Map<number, WeighingRow[]>; days: Day[]; inspectorId: number; districtId: number },
): Checks {
  const { places, scales, byScale, days } = input;
  const inspections: InspectionRow[] = [];
  const checkWeighings: CheckWeighingRow[] = [];
  // spot checks and re-weighs happen in service: the in-service MPE of the scale's class
  const check = (row: Omit<CheckWeighingRow, 'id' | 'kind' | 'stage' | 'mpeMg' | 'passed'>, scale: { accuracyClass: AccuracyClass; eMg: number }): boolean => {
    const { mpeMg, passed } = judgeTestPoint({ ...scale, referenceMg: row.referenceMg, indicationMg: row.indicationMg, stage: 'in-service' });
    checkWeighings.push({ ...row, id: checkWeighings.length + 1, kind: 'weighing', stage: 'in_service', mpeMg: wholeMgMpe(mpeMg), passed });
    return passed;
  };

  // The inspector's round: about ten scales of the district, the heavy one among them.
  const districtMarkets = new Set(places.markets.filter((market) => market.districtId === input.districtId).map((market) => market.id));
  const inDistrict = scales.profiles.filter(
    (profile) => profile.scale.purpose === 'trade' && profile.scale.status === 'in_service' && districtMarkets.has(profile.scale.marketId),
  );
  const cheat = inDistrict.find((profile) => profile.behaviour === 'heavy');
  const round: ScaleProfile[] = rng.shuffle(inDistrict.filter((profile) => profile !== cheat)).slice(0, cheat ? 9 : 10);
  if (cheat) round.push(cheat);
  round.forEach((profile, index) => {
    const { scale } = profile;
    // spread over the history; the cheat is caught near its end
    const day = profile === cheat ? days[Math.max(0, days.length - 3)] : days[Math.floor((index * days.length) / round.length)];
    if (day === undefined) return;
    const at = localTime(day, rng.int(9, 15), rng.int(0, 59));
    const inspectionId = inspections.length + 1;
    let passedAll = true;
    testLoads(scale.maxMg).forEach((referenceMg, point) => {
      const error = profile.behaviour === 'heavy' && referenceMg > 500 * scale.eMg
        ? rng.int(3, 4) * scale.dMg
        : rng.pick([-scale.dMg, 0, 0, 0, scale.dMg]);
      const passed = check({
        scaleId: scale.id, inspectionId, source: 'inspection', at: at + point * 180_000, referenceMg, indicationMg: referenceMg + error,
      }, scale);
      passedAll &&= passed;
    });
    inspections.push({
      id: inspectionId, scaleId: scale.id, inspectorId: input.inspectorId, at, result: passedAll ? 'passed' : 'failed',
      suspended: false,
      notes: passedAll ? '封印完好，软件标识与型式批准一致，示值误差合格' : '示值误差超出使用中最大允许误差，责令限期整改并送检',
    });
  });

  // Fair-scale re-weighs: a handful a market, more on the heavy scales (shoppers who felt cheated).
  for (const market of places.markets) {
    const traders = scales.profiles.filter((profile) => profile.scale.marketId === market.id && (byScale.get(profile.scale.id)?.length ?? 0) > 0);
    if (traders.length === 0) continue;
    const picks = Array.from({ length: rng.int(4, 8) }, () => rng.pick(traders));
    for (const heavy of traders.filter((profile) => profile.behaviour === 'heavy')) picks.push(...Array.from({ length: rng.int(3, 5) }, () => heavy));
    for (const profile of picks) {
      const weighing = rng.pick(byScale.get(profile.scale.id) ?? []);
      const { dMg } = profile.scale;
      const referenceMg = profile.behaviour === 'heavy'
        ? roundTo(weighing.netMg / HEAVY_FACTOR, dMg)
        : Math.max(dMg, weighing.netMg - rng.pick([0, 0, 0, -dMg, dMg, 0]));
      check({
        scaleId: profile.scale.id, inspectionId: null, source: 'fair_scale', at: weighing.receivedAt + rng.int(2, 25) * 60_000,
        referenceMg, indicationMg: weighing.netMg,
      }, profile.scale);
    }
  }
  checkWeighings.sort((a, b) => a.at - b.at);
  checkWeighings.forEach((row, index) => {
    row.id = index + 1;
  });
  return { inspections, checkWeighings };
}
