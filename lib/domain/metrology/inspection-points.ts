// The test points of an inspection (抽检) or a verification (检定), judged as OIML R76-1 and
// JJG 539 judge them. Every kind carries one reference load and one or more indications:
//
// - weighing: one load, one indication; |error| ≤ MPE at the load (R76-1 3.5.1, Table 6).
// - tare: a weighing with a tare taken; the reference and the indication are NET masses, judged
//   against the MPE for the net load (R76-1 3.5.3.3: the MPE of a net value is that of a gross
//   value of the same load).
// - repeatability: the same load weighed several times; every reading within the MPE, and the
//   difference between the largest and smallest result ≤ |MPE| at that load (R76-1 3.6.1).
// - eccentricity: the load (about 1/3 Max, R76-1 3.6.2) put on each segment of the load receptor in
//   turn; the indication at every position within the MPE at that load.
// - zero: after zero-setting, the deviation from zero (or from a small load put on after it)
//   within ±0.25 e (R76-1 4.5.2, zero-setting accuracy). R76-1 gives no in-service relaxation for it:
//   the same ±0.25 e applies at both stages (a setting, see ZERO_SETTING_ACCURACY_QUARTER_E).
//
// The stage decides the MPE of the first four kinds: at verification (检定) or in service (抽检,
// re-weighs), which is twice as wide (mpe.ts). The inspection passed only if every point did.
import type { AccuracyClass } from './classes.ts';
import { MetrologyError } from './errors.ts';
import { DEFAULT_MPE_SETTINGS, maxPermissibleError, type MetrologyStage, type MpeSettings } from './mpe.ts';

export const TEST_POINT_KINDS = ['weighing', 'repeatability', 'eccentricity', 'zero', 'tare'] as const;
export type TestPointKind = (typeof TEST_POINT_KINDS)[number];

export interface InspectionSettings extends MpeSettings {
  /** readings of a repeatability series, least (JJG 539 weighs 3 times; R76-1 asks 3 or more) */
  repeatabilityMinReadings: number;
  /** positions of an eccentricity test, least: the four quarters of the receptor (the centre may be a fifth) */
  eccentricityMinPositions: number;
  /** readings of one point, most (R76-1 A.4.10 asks 10 at most for a repeatability series) */
  maxReadings: number;
  /** zero-setting accuracy in quarters of e: 1 = ±0.25 e (R76-1 4.5.2) */
  zeroQuarterE: number;
}

/** Setting, from R76-1 4.5.2: zero-setting accuracy ±0.25 e, at verification and in service alike
 * (that JJG 539 relaxes it in service is *unconfirmed*; it does not in R76-1). */
export const ZERO_SETTING_ACCURACY_QUARTER_E = 1;

export const DEFAULT_INSPECTION_SETTINGS: Readonly<InspectionSettings> = {
  ...DEFAULT_MPE_SETTINGS,
  repeatabilityMinReadings: 3,
  eccentricityMinPositions: 4,
  maxReadings: 10,
  zeroQuarterE: ZERO_SETTING_ACCURACY_QUARTER_E,
};

/** How many indications a point of this kind takes: [least, most]. */
export function readingsRange(kind: TestPointKind, settings: Readonly<InspectionSettings> = DEFAULT_INSPECTION_SETTINGS): [number, number] {
  switch (kind) {
    case 'repeatability':
      return [settings.repeatabilityMinReadings, settings.maxReadings];
    case 'eccentricity':
      return [settings.eccentricityMinPositions, settings.maxReadings];
    default:
      return [1, 1];
  }
}

export interface PointScale {
  accuracyClass: AccuracyClass;
  /** verification scale interval e, mg */
  eMg: number;
}

export interface TestPointEntry {
  kind: TestPointKind;
  /** the conventional true mass of the load (net, for a tare point), mg */
  referenceMg: number;
  /** what the scale indicated, mg, in order (the n-th reading, the n-th position) */
  indicationsMg: readonly number[];
}

export interface ReadingVerdict {
  indicationMg: number;
  /** indication − reference, mg */
  errorMg: number;
  /** |error| ≤ limit */
  within: boolean;
}

/** Why a point failed: a reading off by more than its limit, or a repeatability spread too wide. */
export type PointFailure = 'error_exceeds_limit' | 'spread_exceeds_mpe';

export interface PointVerdict {
  kind: TestPointKind;
  referenceMg: number;
  /** the limit each reading's |error| is held to: the stage's MPE at the load, or 0.25 e for zero (exact, may be x.25/x.5/x.75) */
  limitMg: number;
  readings: ReadingVerdict[];
  /** repeatability: largest − smallest indication; null for other kinds */
  spreadMg: number | null;
  passed: boolean;
  failures: PointFailure[];
}

function assertReadings(entry: TestPointEntry, settings: Readonly<InspectionSettings>): void {
  const [least, most] = readingsRange(entry.kind, settings);
  const count = entry.indicationsMg.length;
  if (count < least || count > most) {
    throw new MetrologyError('invalid_readings', `a ${entry.kind} point takes ${least}–${most} readings, got ${count}`, { kind: entry.kind, count, least, most });
  }
  for (const indicationMg of entry.indicationsMg) {
    if (!Number.isSafeInteger(indicationMg)) throw new MetrologyError('invalid_indication', `the indication must be an integer in mg, got ${indicationMg}`, { indicationMg });
  }
}

/** The limit a point's readings are held to, mg (exact). Throws MetrologyError as maxPermissibleError does. */
export function pointLimitMg(
  kind: TestPointKind,
  scale: PointScale,
  referenceMg: number,
  stage: MetrologyStage,
  settings: Readonly<InspectionSettings> = DEFAULT_INSPECTION_SETTINGS,
): number {
  // the MPE call validates class, e, load and stage for every kind, zero included
  const mpeMg = maxPermissibleError({ accuracyClass: scale.accuracyClass, eMg: scale.eMg, loadMg: referenceMg, stage }, settings);
  if (kind !== 'zero') return mpeMg;
  if (!Number.isSafeInteger(settings.zeroQuarterE) || settings.zeroQuarterE < 1) {
    throw new MetrologyError('invalid_setting', `the zero-setting accuracy must be a positive number of quarter e, got ${settings.zeroQuarterE}`, { zeroQuarterE: settings.zeroQuarterE });
  }
  return (settings.zeroQuarterE * scale.eMg) / 4;
}

/** One test point judged at a stage. Throws MetrologyError for a load the MPE table cannot judge,
 * a bad indication, or a count of readings the kind does not take (`invalid_readings`). */
export function judgeInspectionPoint(
  entry: TestPointEntry,
  scale: PointScale,
  stage: MetrologyStage,
  settings: Readonly<InspectionSettings> = DEFAULT_INSPECTION_SETTINGS,
): PointVerdict {
  assertReadings(entry, settings);
  const limitMg = pointLimitMg(entry.kind, scale, entry.referenceMg, stage, settings);
  const readings = entry.indicationsMg.map((indicationMg) => {
    const errorMg = indicationMg - entry.referenceMg;
    return { indicationMg, errorMg, within: Math.abs(errorMg) <= limitMg };
  });
  const failures: PointFailure[] = [];
  if (readings.some((reading) => !reading.within)) failures.push('error_exceeds_limit');
  let spreadMg: number | null = null;
  if (entry.kind === 'repeatability') {
    spreadMg = Math.max(...entry.indicationsMg) - Math.min(...entry.indicationsMg);
    if (spreadMg > limitMg) failures.push('spread_exceeds_mpe');
  }
  return { kind: entry.kind, referenceMg: entry.referenceMg, limitMg, readings, spreadMg, passed: failures.length === 0, failures };
}

/** Setting, after JJG 539's list of verification tests (*unconfirmed* in detail): a verification
 * certifies a scale only when it covered weighing, repeatability, eccentricity and zero. */
export const KINDS_REQUIRED_AT_VERIFICATION: readonly TestPointKind[] = ['weighing', 'repeatability', 'eccentricity', 'zero'];

/** The kinds a verification still lacks ([] for a spot check, which may test what the inspector chooses). */
export function missingKinds(stage: MetrologyStage, kinds: Iterable<TestPointKind>): TestPointKind[] {
  if (stage !== 'verification') return [];
  const present = new Set(kinds);
  return KINDS_REQUIRED_AT_VERIFICATION.filter((kind) => !present.has(kind));
}

export interface InspectionVerdict {
  points: PointVerdict[];
  /** every point passed (and there is at least one) */
  passed: boolean;
}

/** Every point of an inspection, judged at its stage. An inspection with no point has proved nothing: it fails. */
export function judgeInspection(
  entries: readonly TestPointEntry[],
  scale: PointScale,
  stage: MetrologyStage,
  settings: Readonly<InspectionSettings> = DEFAULT_INSPECTION_SETTINGS,
): InspectionVerdict {
  const points = entries.map((entry) => judgeInspectionPoint(entry, scale, stage, settings));
  return { points, passed: points.length > 0 && points.every((point) => point.passed) };
}

/** The load an eccentricity test uses: 1/3 of Max (R76-1 3.6.2.1, no additive tare), rounded up to
 * a whole e so standard weights make it. A suggestion for the form, not a rule of the judgement. */
export function eccentricityLoadMg(maxMg: number, eMg: number): number {
  if (!Number.isSafeInteger(maxMg) || maxMg <= 0 || !Number.isSafeInteger(eMg) || eMg <= 0) throw new RangeError('Max and e must be positive integers in mg');
  return Math.ceil(maxMg / 3 / eMg) * eMg;
}
