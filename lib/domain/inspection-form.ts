// The inspection form as the inspector fills it on a phone, parsed and judged. The same functions run
// in the browser (a live verdict under every reading) and on the server (which decides what is
// stored), so the two cannot disagree. Masses are typed in g or kg and become integer mg here.
import { z } from 'zod';
import type { MessageKey } from '../i18n/index.ts';
import { addDays } from './business-day.ts';
import { parseMassMg, type MassUnit, MASS_UNITS } from './mass-input.ts';
import {
  eccentricityLoadMg, judgeInspection, judgeInspectionPoint, MetrologyError, missingKinds, MPE_BANDS, readingsRange, TEST_POINT_KINDS,
  type AccuracyClass, type InspectionVerdict, type MetrologyStage, type PointVerdict, type TestPointEntry, type TestPointKind,
} from './metrology/index.ts';
import { latestExpiry } from './verification-lifecycle.ts';

/** The stages as stored (MetrologyStage enum): a spot check in service (抽检) or a verification (检定). */
export const INSPECTION_STAGES = ['in_service', 'verification'] as const;
export type InspectionStage = (typeof INSPECTION_STAGES)[number];

export function metrologyStage(stage: InspectionStage): MetrologyStage {
  return stage === 'in_service' ? 'in-service' : 'verification';
}

/** Points one inspection may hold: a full verification has about ten; more is a typing accident. */
export const MAX_POINTS = 20;
/** How far back a verification may be entered (the certificate arrives after the visit). */
export const VERIFICATION_BACKDATE_DAYS = 30;

const CERTIFICATE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/;
const SEAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/-]{0,39}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface InspectionScaleFacts {
  accuracyClass: AccuracyClass;
  eMg: number;
  maxMg: number;
}

/** What the form posts: text as typed. */
export interface InspectionFormInput {
  stage: string;
  unit: string;
  points: { kind: string; reference: string; indications: string[] }[];
  notes?: string;
  certificateNo?: string;
  verifiedOn?: string;
  expiresOn?: string;
  authority?: string;
  sealCode?: string;
}

export interface VerificationEntry {
  certificateNo: string;
  verifiedOn: string;
  /** for a failed verification, the day it was made: it grants no validity */
  expiresOn: string;
  authority: string;
  sealCode: string | null;
}

export interface InspectionForm {
  stage: InspectionStage;
  points: TestPointEntry[];
  notes: string | null;
  /** stage `verification` only */
  verification: VerificationEntry | null;
}

/** Errors by field path: `stage`, `points`, `points.2.reference`, `points.2.indications`,
 * `points.2.indications.1`, `certificateNo`, `verifiedOn`, `expiresOn`, `authority`, `sealCode`, `notes`. */
export type InspectionFieldErrors = Record<string, MessageKey>;

export type ParsedInspection =
  | { ok: true; form: InspectionForm; verdict: InspectionVerdict }
  | { ok: false; fieldErrors: InspectionFieldErrors };

const text = (max: number) => z.string().max(max);

const inputSchema = z.object({
  stage: z.enum(INSPECTION_STAGES),
  unit: z.enum(MASS_UNITS),
  points: z.array(z.object({
    kind: z.enum(TEST_POINT_KINDS),
    reference: text(24),
    indications: z.array(text(24)).max(10),
  })).max(MAX_POINTS),
  notes: text(500).optional(),
  certificateNo: text(80).optional(),
  verifiedOn: text(20).optional(),
  expiresOn: text(20).optional(),
  authority: text(200).optional(),
  sealCode: text(80).optional(),
});

function isDay(value: string): boolean {
  return DAY_PATTERN.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** A point's masses, or the errors of its fields (keyed by path). */
function parsePoint(
  point: { kind: TestPointKind; reference: string; indications: string[] },
  index: number,
  unit: MassUnit,
  scale: InspectionScaleFacts,
): { entry: TestPointEntry | null; errors: InspectionFieldErrors } {
  const errors: InspectionFieldErrors = {};
  const at = `points.${index}`;
  const referenceMg = parseMassMg(point.reference, unit);
  if (point.reference.trim() === '') errors[`${at}.reference`] = 'inspect.error.required';
  else if (referenceMg === null) errors[`${at}.reference`] = unit === 'g' ? 'inspect.error.massG' : 'inspect.error.massKg';
  else if (referenceMg > scale.maxMg) errors[`${at}.reference`] = 'inspect.error.aboveMax';

  const [least, most] = readingsRange(point.kind);
  const typed = point.indications.map((value) => value.trim());
  // trailing blank readings are rows not used; a blank between readings is an error
  while (typed.length > 0 && typed.at(-1) === '') typed.pop();
  const indicationsMg: number[] = [];
  typed.forEach((value, reading) => {
    const mg = parseMassMg(value, unit, { negative: true });
    if (value === '') errors[`${at}.indications.${reading}`] = 'inspect.error.required';
    else if (mg === null) errors[`${at}.indications.${reading}`] = unit === 'g' ? 'inspect.error.massG' : 'inspect.error.massKg';
    else indicationsMg.push(mg);
  });
  if (typed.length === 0 && least === 1) errors[`${at}.indications.0`] = 'inspect.error.required';
  else if (typed.length < least || typed.length > most) {
    errors[`${at}.indications`] = point.kind === 'repeatability'
      ? 'inspect.error.repeatabilityReadings'
      : point.kind === 'eccentricity' ? 'inspect.error.eccentricityPositions' : 'inspect.error.oneReading';
  }
  if (Object.keys(errors).length > 0 || referenceMg === null) return { entry: null, errors };
  return { entry: { kind: point.kind, referenceMg, indicationsMg }, errors };
}

/**
 * One point judged as typed so far, for the live verdict under it; null while a mass is missing or
 * malformed, or the load cannot be judged.
 */
export function livePointVerdict(
  point: { kind: TestPointKind; reference: string; indications: string[] },
  unit: MassUnit,
  scale: InspectionScaleFacts,
  stage: InspectionStage,
): PointVerdict | null {
  const { entry } = parsePoint(point, 0, unit, scale);
  if (!entry) return null;
  try {
    return judgeInspectionPoint(entry, scale, metrologyStage(stage));
  } catch (error) {
    if (error instanceof MetrologyError) return null;
    throw error;
  }
}

function parseVerification(
  data: z.output<typeof inputSchema>,
  passed: boolean,
  today: string,
  errors: InspectionFieldErrors,
): VerificationEntry | null {
  const certificateNo = (data.certificateNo ?? '').trim();
  const verifiedOn = (data.verifiedOn ?? '').trim();
  const expiresOn = (data.expiresOn ?? '').trim();
  const authority = (data.authority ?? '').trim();
  const sealCode = (data.sealCode ?? '').trim();
  if (!certificateNo) errors.certificateNo = 'inspect.error.required';
  else if (!CERTIFICATE_PATTERN.test(certificateNo)) errors.certificateNo = 'inspect.error.certificateNo';
  if (!verifiedOn) errors.verifiedOn = 'inspect.error.required';
  else if (!isDay(verifiedOn)) errors.verifiedOn = 'inspect.error.day';
  else if (verifiedOn > today) errors.verifiedOn = 'inspect.error.verifiedInFuture';
  else if (verifiedOn < addDays(today, -VERIFICATION_BACKDATE_DAYS)) errors.verifiedOn = 'inspect.error.verifiedTooOld';
  // a failed verification grants no validity: its expiry is the day it was made, whatever was typed
  if (passed) {
    if (!expiresOn) errors.expiresOn = 'inspect.error.required';
    else if (!isDay(expiresOn)) errors.expiresOn = 'inspect.error.day';
    // compared with a verification date only when that date is itself right
    else if (!errors.verifiedOn && expiresOn <= verifiedOn) errors.expiresOn = 'inspect.error.expiryBeforeVerified';
    else if (!errors.verifiedOn && expiresOn > latestExpiry(verifiedOn)) errors.expiresOn = 'inspect.error.expiryTooLate';
  }
  if (!authority) errors.authority = 'inspect.error.required';
  else if (authority.length > 100) errors.authority = 'inspect.error.tooLong';
  if (sealCode && !SEAL_PATTERN.test(sealCode)) errors.sealCode = 'inspect.error.sealCode';
  if (errors.certificateNo || errors.verifiedOn || errors.expiresOn || errors.authority || errors.sealCode) return null;
  return {
    certificateNo,
    verifiedOn,
    expiresOn: passed ? expiresOn : verifiedOn,
    authority,
    // a seal is put on a scale that passed; a failed one is not sealed
    sealCode: passed && sealCode ? sealCode : null,
  };
}

/**
 * Parses the posted form against the scale and judges it. `today` is the business day: a
 * verification may not be dated after it. Field errors name each bad field; the verdict comes only
 * with a form that is complete.
 */
export function parseInspectionForm(input: unknown, scale: InspectionScaleFacts, today: string): ParsedInspection {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: InspectionFieldErrors = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || 'points'] ??= 'inspect.error.invalid';
    return { ok: false, fieldErrors };
  }
  const data = parsed.data;
  const errors: InspectionFieldErrors = {};
  const notes = (data.notes ?? '').trim();
  if (data.points.length === 0) errors.points = 'inspect.error.noPoints';

  const entries: TestPointEntry[] = [];
  data.points.forEach((point, index) => {
    const result = parsePoint(point, index, data.unit, scale);
    Object.assign(errors, result.errors);
    if (result.entry) entries.push(result.entry);
  });
  const stage = metrologyStage(data.stage);
  const missing = missingKinds(stage, data.points.map((point) => point.kind));
  if (missing.length > 0 && !errors.points) errors.points = 'inspect.error.verificationKinds';

  let verdict: InspectionVerdict | null = null;
  if (Object.keys(errors).length === 0) {
    try {
      verdict = judgeInspection(entries, scale, stage);
    } catch (error) {
      if (!(error instanceof MetrologyError)) throw error;
      // find the point the table cannot judge, to name it
      entries.forEach((entry, index) => {
        try {
          judgeInspectionPoint(entry, scale, stage);
        } catch {
          errors[`points.${index}.reference`] = 'inspect.error.unjudgeable';
        }
      });
    }
  }
  const verification = data.stage === 'verification' ? parseVerification(data, verdict?.passed ?? false, today, errors) : null;
  if (!verdict || Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, form: { stage: data.stage, points: entries, notes: notes || null, verification }, verdict };
}

export interface SuggestedPoint {
  kind: TestPointKind;
  referenceMg: number;
  /** how many indication fields to offer */
  readings: number;
}

/**
 * The points the form starts with, as R76-1 A.4.4 lays out a weighing test: at Min, at each change
 * of MPE below Max (500 e and 2 000 e for class III) and at Max, plus zero; a verification adds a
 * repeatability series at half Max (3 readings) and an eccentricity test at 1/3 Max (the four
 * quarters and the centre). Suggestions only: the inspector edits, adds and removes points.
 */
export function suggestedPoints(stage: InspectionStage, scale: InspectionScaleFacts & { minMg: number }): SuggestedPoint[] {
  const edges = MPE_BANDS[scale.accuracyClass]
    .flatMap((band) => (band.upToE === null ? [] : [band.upToE * scale.eMg]))
    .filter((load) => load > scale.minMg && load < scale.maxMg);
  const loads = [...new Set([scale.minMg, ...edges, scale.maxMg])].sort((a, b) => a - b);
  const points: SuggestedPoint[] = [
    { kind: 'zero', referenceMg: 0, readings: 1 },
    ...loads.map((referenceMg) => ({ kind: 'weighing' as const, referenceMg, readings: 1 })),
  ];
  if (stage === 'verification') {
    points.push(
      { kind: 'repeatability', referenceMg: Math.round(scale.maxMg / 2 / scale.eMg) * scale.eMg, readings: 3 },
      { kind: 'eccentricity', referenceMg: eccentricityLoadMg(scale.maxMg, scale.eMg), readings: 5 },
    );
  }
  return points;
}
