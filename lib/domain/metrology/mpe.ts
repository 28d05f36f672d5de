// Maximum permissible errors (OIML R76-1 Table 6; the same values in JJG 539), as the table reads.
//
// Exactness: the bands are compared in BigInt (load ≤ k × e, no division, no rounding), and the
// table holds the MPE in half-e steps so that it stays in integers. The result is a number of mg:
// a whole number, or a whole number and a half when an odd e (1 mg, 5 mg) meets an odd count of
// half-e (0.5 e or 1.5 e at verification, or in service with an odd factor). x.5 is exact in
// floating point; we refuse an e so large that 2 × MPE would pass 2^53, where it would stop being so.
import { isAccuracyClass, type AccuracyClass } from './classes.ts';
import { MetrologyError } from './errors.ts';

export const METROLOGY_STAGES = ['verification', 'in-service'] as const;
/** `verification`: initial or subsequent verification (检定); `in-service`: inspection (抽检),
 * the scale's self-check, a fair-scale re-weigh, a complaint. */
export type MetrologyStage = (typeof METROLOGY_STAGES)[number];

/** Setting: the in-service MPE as a multiple of the verification MPE. R76-1 says 2; that JJG 539-2016
 * says the same is *unconfirmed*. A positive integer, so the table stays in half-e steps. */
export const IN_SERVICE_MPE_FACTOR = 2;

export interface MpeSettings {
  inServiceFactor: number;
}

export const DEFAULT_MPE_SETTINGS: Readonly<MpeSettings> = { inServiceFactor: IN_SERVICE_MPE_FACTOR };

export interface MpeBand {
  /** the band's upper edge in multiples of e, which belongs to this band; null: no upper edge */
  upToE: number | null;
  /** the MPE at verification in half-e: 1 = ±0.5 e, 2 = ±1 e, 3 = ±1.5 e */
  halfE: number;
}

/** R76-1 Table 6. A band starts just above the previous band's edge; the first starts at 0. */
export const MPE_BANDS: Readonly<Record<AccuracyClass, readonly MpeBand[]>> = {
  I: [{ upToE: 50_000, halfE: 1 }, { upToE: 200_000, halfE: 2 }, { upToE: null, halfE: 3 }],
  II: [{ upToE: 5_000, halfE: 1 }, { upToE: 20_000, halfE: 2 }, { upToE: 100_000, halfE: 3 }],
  III: [{ upToE: 500, halfE: 1 }, { upToE: 2_000, halfE: 2 }, { upToE: 10_000, halfE: 3 }],
  IIII: [{ upToE: 50, halfE: 1 }, { upToE: 200, halfE: 2 }, { upToE: 1_000, halfE: 3 }],
};

export interface MpeInput {
  accuracyClass: AccuracyClass;
  /** the verification scale interval e, a positive integer in mg */
  eMg: number;
  /** the load m (the reference mass), an integer ≥ 0 in mg */
  loadMg: number;
  stage: MetrologyStage;
}

/**
 * The MPE at a load, in mg, as an absolute value (the error may be ± this much). Throws
 * MetrologyError: `unknown_accuracy_class`, `unknown_stage`, `invalid_e` (e not a positive
 * integer), `invalid_load`, `negative_load`, `load_above_bands` (above 100 000 e for class II,
 * 10 000 e for III, 1 000 e for IIII), `invalid_setting`.
 */
export function maxPermissibleError({ accuracyClass, eMg, loadMg, stage }: MpeInput, settings: Readonly<MpeSettings> = DEFAULT_MPE_SETTINGS): number {
  if (!isAccuracyClass(accuracyClass)) throw new MetrologyError('unknown_accuracy_class', `unknown accuracy class ${String(accuracyClass)}`, { accuracyClass: String(accuracyClass) });
  if (!(METROLOGY_STAGES as readonly unknown[]).includes(stage)) throw new MetrologyError('unknown_stage', `unknown stage ${String(stage)}`, { stage: String(stage) });
  if (!Number.isSafeInteger(eMg) || eMg <= 0) throw new MetrologyError('invalid_e', `e must be a positive integer in mg, got ${eMg}`, { eMg });
  if (!Number.isSafeInteger(loadMg)) throw new MetrologyError('invalid_load', `the load must be an integer in mg, got ${loadMg}`, { loadMg });
  if (loadMg < 0) throw new MetrologyError('negative_load', `the load must not be negative, got ${loadMg}`, { loadMg });
  const factor = settings.inServiceFactor;
  if (!Number.isSafeInteger(factor) || factor < 1) throw new MetrologyError('invalid_setting', `the in-service factor must be a positive integer, got ${factor}`, { inServiceFactor: factor });

  const load = BigInt(loadMg);
  const e = BigInt(eMg);
  const band = MPE_BANDS[accuracyClass].find((b) => b.upToE === null || load <= BigInt(b.upToE) * e);
  if (!band) {
    const lastE = MPE_BANDS[accuracyClass].at(-1)?.upToE ?? 0;
    throw new MetrologyError('load_above_bands', `${loadMg} mg is above the last MPE band of class ${accuracyClass} (${lastE} e = ${BigInt(lastE) * e} mg)`, {
      accuracyClass, eMg, loadMg, limitE: lastE, limitMg: Number(BigInt(lastE) * e),
    });
  }
  const halfEs = BigInt(band.halfE) * BigInt(stage === 'in-service' ? factor : 1);
  const twiceMpe = halfEs * e; // 2 × MPE in mg, an integer
  if (twiceMpe > BigInt(Number.MAX_SAFE_INTEGER)) throw new MetrologyError('invalid_e', `e = ${eMg} mg is too large for an exact MPE`, { eMg });
  return Number(twiceMpe) / 2;
}
