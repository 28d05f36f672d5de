// Inspections (抽检) and verifications (检定) of a scale, and what follows from them: suspending a
// scale that failed, and reinstating a suspended one after it passed a new verification.
//
// - Who: the supervision bureau's staff — inspectors, district and city regulators — record
//   inspections and verifications (the verification institute's results are entered by them), and
//   suspend or reinstate. A market manager runs the market being inspected: it may not (集贸市场
//   计量监督管理办法: the operator registers scales and keeps a fair scale; inspection and
//   verification are the authority's and the institute's).
// - Where: only in the actor's scope; a scale outside it reads as not found.
// - How: the form is parsed and judged by lib/domain (the browser runs the same code for the live
//   verdict); the inspection, its test points (CheckWeighing rows, each with the limit it was held
//   to) and, for a verification, the Verification are written in one transaction with an audit event.
import type { Actor } from './actor.ts';
import type { Db } from './client.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { Prisma } from './generated/client.ts';
import type { Role } from './generated/enums.ts';
import { scaleWhere, type Scope } from './scope.ts';
import { ScaleNotFoundError } from './provisioning.ts';
import { businessDay, dateAsDay, dayAsDate } from '../domain/business-day.ts';
import { parseInspectionForm, type InspectionFieldErrors, type InspectionStage } from '../domain/inspection-form.ts';
import { wholeMgMpe, type InspectionVerdict } from '../domain/metrology/index.ts';
import { reinstatement, type Reinstatement, type ReinstatementRefusal } from '../domain/verification-lifecycle.ts';

export { ScaleNotFoundError };

// ───────────────────────── who may inspect ─────────────────────────

export const INSPECTION_ROLES: readonly Role[] = ['city_regulator', 'district_regulator', 'inspector'];

export function canInspect(role: Role): boolean {
  return INSPECTION_ROLES.includes(role);
}

export class InspectionForbiddenError extends Error {
  readonly code = 'inspection_forbidden';
  readonly status = 403;
  constructor(role: Role) {
    super(`role ${role} may not record inspections, suspend or reinstate scales`);
  }
}

/** The form has errors, each a catalogue key by field path. */
export class InspectionValidationError extends Error {
  readonly code = 'invalid_inspection';
  readonly status = 400;
  readonly fieldErrors: InspectionFieldErrors;
  constructor(fieldErrors: InspectionFieldErrors) {
    super(`invalid inspection: ${Object.keys(fieldErrors).join(', ')}`);
    this.fieldErrors = fieldErrors;
  }
}

/** A retired scale is out of use for good: there is nothing to inspect, suspend or reinstate. */
export class ScaleRetiredError extends Error {
  readonly code = 'scale_retired';
  readonly status = 409;
  constructor(scaleId: number) {
    super(`scale ${scaleId} is retired`);
  }
}

/** Suspension needs a failed inspection of this very scale. */
export class SuspensionRefusedError extends Error {
  readonly code = 'suspension_refused';
  readonly status = 409;
  readonly reason: 'inspection_not_found' | 'inspection_passed';
  constructor(reason: 'inspection_not_found' | 'inspection_passed') {
    super(`suspension refused: ${reason}`);
    this.reason = reason;
  }
}

export class ReinstatementRefusedError extends Error {
  readonly code = 'reinstatement_refused';
  readonly status = 409;
  readonly reason: ReinstatementRefusal;
  constructor(reason: ReinstatementRefusal) {
    super(`reinstatement refused: ${reason}`);
    this.reason = reason;
  }
}

function assertMayInspect(actor: Actor): void {
  if (!canInspect(actor.role)) throw new InspectionForbiddenError(actor.role);
}

type Tx = Prisma.TransactionClient;

/** Locks the scale's row (the ingest locks it too, per batch): a suspension and a batch of its
 * weighings are ordered, so weighings judged after the COMMIT see the suspension. */
async function lockScale(tx: Tx, scope: Scope, scaleId: number) {
  const scale = await tx.scale.findFirst({
    where: { AND: [{ id: scaleId }, scaleWhere(scope)] },
    select: { id: true },
  });
  if (!scale) throw new ScaleNotFoundError(String(scaleId));
  await tx.$queryRaw`SELECT 1 FROM "Scale" WHERE id = ${scale.id} FOR UPDATE`;
  return tx.scale.findUniqueOrThrow({
    where: { id: scale.id },
    select: { id: true, serial: true, status: true, accuracyClass: true, eMg: true, maxMg: true },
  });
}

// ───────────────────────── finding the scale ─────────────────────────

/** The id of the scale in use with this serial in the scope (case-insensitive), or null. */
export async function findScaleBySerial(db: Db, scope: Scope, serial: string): Promise<number | null> {
  const scale = await db.scale.findFirst({
    where: { AND: [{ serial: { equals: serial.trim(), mode: 'insensitive' } }, { status: { not: 'retired' } }, scaleWhere(scope)] },
    select: { id: true },
  });
  return scale?.id ?? null;
}

/** The day of the latest suspension an inspection recorded, or null (suspended otherwise, or never). */
async function suspendedOn(db: Db | Tx, scaleId: number): Promise<string | null> {
  const inspection = await db.inspection.findFirst({
    where: { scaleId, suspended: true },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true },
  });
  return inspection ? businessDay(inspection.at) : null;
}

async function reinstatementOf(db: Db | Tx, scale: { id: number; status: 'in_service' | 'suspended' | 'retired' }, today: string): Promise<Reinstatement> {
  const latest = await db.verification.findFirst({
    where: { scaleId: scale.id },
    orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
    select: { result: true, verifiedOn: true, expiresOn: true },
  });
  return reinstatement({
    scaleStatus: scale.status,
    latest: latest && { result: latest.result, verifiedOn: dateAsDay(latest.verifiedOn), expiresOn: dateAsDay(latest.expiresOn) },
    suspendedOn: await suspendedOn(db, scale.id),
  }, today);
}

// ───────────────────────── recording ─────────────────────────

export interface RecordedInspection {
  inspectionId: number;
  scaleId: number;
  stage: InspectionStage;
  result: 'passed' | 'failed';
  verificationId: number | null;
  verdict: InspectionVerdict;
}

/**
 * Records an inspection of a scale in the actor's scope: parsed and judged here (never trusting a
 * verdict from the browser), then the Inspection, one CheckWeighing per reading and, for a
 * verification, the Verification, in one transaction. Throws InspectionForbiddenError,
 * ScaleNotFoundError, ScaleRetiredError, or InspectionValidationError (a duplicate certificate
 * number included).
 */
export async function recordInspection(db: Db, actor: Actor, scaleId: number, input: unknown, now = new Date()): Promise<RecordedInspection> {
  assertMayInspect(actor);
  const today = businessDay(now);
  try {
    return await db.$transaction(async (tx) => {
      const scale = await lockScale(tx, actor.scope, scaleId);
      if (scale.status === 'retired') throw new ScaleRetiredError(scale.id);
      const parsed = parseInspectionForm(input, scale, today);
      if (!parsed.ok) throw new InspectionValidationError(parsed.fieldErrors);
      const { form, verdict } = parsed;
      const result = verdict.passed ? 'passed' : 'failed';

      let verificationId: number | null = null;
      if (form.verification) {
        const taken = await tx.verification.findUnique({ where: { certificateNo: form.verification.certificateNo }, select: { id: true } });
        if (taken) throw new InspectionValidationError({ certificateNo: 'inspect.error.certificateTaken' });
        const verification = await tx.verification.create({
          data: {
            scaleId: scale.id,
            certificateNo: form.verification.certificateNo,
            verifiedOn: dayAsDate(form.verification.verifiedOn),
            expiresOn: dayAsDate(form.verification.expiresOn),
            result,
            authority: form.verification.authority,
            sealCode: form.verification.sealCode,
          },
          select: { id: true },
        });
        verificationId = verification.id;
      }
      const inspection = await tx.inspection.create({
        data: { scaleId: scale.id, inspectorId: actor.id, at: now, stage: form.stage, result, notes: form.notes, verificationId },
        select: { id: true },
      });
      await tx.checkWeighing.createMany({
        data: verdict.points.flatMap((point, index) => point.readings.map((reading, readingIndex) => ({
          scaleId: scale.id,
          inspectionId: inspection.id,
          source: 'inspection' as const,
          kind: point.kind,
          stage: form.stage,
          at: now,
          referenceMg: point.referenceMg,
          indicationMg: reading.indicationMg,
          mpeMg: wholeMgMpe(point.limitMg),
          passed: point.passed,
          testPoint: index + 1,
          reading: readingIndex + 1,
        }))),
      });
      await tx.auditEvent.create({
        data: {
          at: now,
          userId: actor.id,
          action: form.stage === 'verification' ? 'verification.record' : 'inspection.record',
          entity: 'Inspection',
          entityId: String(inspection.id),
          detail: {
            scaleId: scale.id,
            serial: scale.serial,
            stage: form.stage,
            result,
            points: verdict.points.length,
            failedPoints: verdict.points.flatMap((point, index) => (point.passed ? [] : [index + 1])),
            certificateNo: form.verification?.certificateNo ?? null,
          },
        },
      });
      return { inspectionId: inspection.id, scaleId: scale.id, stage: form.stage, result, verificationId, verdict };
    });
  } catch (error) {
    // two verifications with one certificate number at once: the unique index decides
    if (isUniqueViolation(error)) throw new InspectionValidationError({ certificateNo: 'inspect.error.certificateTaken' });
    throw error;
  }
}

// ───────────────────────── suspension and reinstatement ─────────────────────────

/**
 * Suspends a scale on the strength of a failed inspection of it: Scale.status = suspended (the
 * ingest flags its later weighings `scale_suspended`), the inspection marked, an audit event.
 * Suspending a suspended scale changes nothing and returns `already: true`.
 */
export async function suspendScale(
  db: Db,
  actor: Actor,
  input: { scaleId: number; inspectionId: number },
  now = new Date(),
): Promise<{ already: boolean }> {
  assertMayInspect(actor);
  return db.$transaction(async (tx) => {
    const scale = await lockScale(tx, actor.scope, input.scaleId);
    if (scale.status === 'retired') throw new ScaleRetiredError(scale.id);
    const inspection = await tx.inspection.findFirst({ where: { id: input.inspectionId, scaleId: scale.id }, select: { id: true, result: true } });
    if (!inspection) throw new SuspensionRefusedError('inspection_not_found');
    if (inspection.result !== 'failed') throw new SuspensionRefusedError('inspection_passed');
    if (scale.status === 'suspended') return { already: true };
    await tx.scale.update({ where: { id: scale.id }, data: { status: 'suspended' } });
    await tx.inspection.update({ where: { id: inspection.id }, data: { suspended: true } });
    await tx.auditEvent.create({
      data: { at: now, userId: actor.id, action: 'scale.suspend', entity: 'Scale', entityId: String(scale.id), detail: { serial: scale.serial, inspectionId: inspection.id } },
    });
    return { already: false };
  });
}

/**
 * Puts a suspended scale back in service after a passing verification made since the suspension
 * and valid today (lib/domain/verification-lifecycle.ts). The inspection that recorded that
 * verification, if any, is marked `reinstated`. Throws ReinstatementRefusedError with the reason.
 */
export async function reinstateScale(db: Db, actor: Actor, scaleId: number, now = new Date()): Promise<{ verificationId: number }> {
  assertMayInspect(actor);
  return db.$transaction(async (tx) => {
    const scale = await lockScale(tx, actor.scope, scaleId);
    if (scale.status === 'retired') throw new ScaleRetiredError(scale.id);
    const verdict = await reinstatementOf(tx, scale, businessDay(now));
    if (!verdict.allowed) throw new ReinstatementRefusedError(verdict.reason);
    const latest = await tx.verification.findFirstOrThrow({
      where: { scaleId: scale.id },
      orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
      select: { id: true, certificateNo: true },
    });
    await tx.scale.update({ where: { id: scale.id }, data: { status: 'in_service' } });
    await tx.inspection.updateMany({ where: { verificationId: latest.id }, data: { reinstated: true } });
    await tx.auditEvent.create({
      data: {
        at: now, userId: actor.id, action: 'scale.reinstate', entity: 'Scale', entityId: String(scale.id),
        detail: { serial: scale.serial, verificationId: latest.id, certificateNo: latest.certificateNo },
      },
    });
    return { verificationId: latest.id };
  });
}

// ───────────────────────── for the pages ─────────────────────────

/** What the inspection page needs of a scale in scope, or null (unknown, out of scope). */
export async function inspectionTarget(db: Db, scope: Scope, scaleId: number, today: string) {
  const scale = await db.scale.findFirst({
    where: { AND: [{ id: scaleId }, scaleWhere(scope)] },
    select: {
      id: true, serial: true, model: true, maker: true, accuracyClass: true, maxMg: true, minMg: true, eMg: true, dMg: true,
      purpose: true, status: true,
      market: { select: { id: true, name: true, nameEn: true } },
      stall: { select: { code: true, merchant: { select: { shopName: true } } } },
      verifications: {
        orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
        take: 1,
        select: { certificateNo: true, verifiedOn: true, expiresOn: true, result: true, authority: true },
      },
    },
  });
  if (!scale) return null;
  const { verifications, stall, ...rest } = scale;
  const latest = verifications[0] ?? null;
  return {
    ...rest,
    stall: stall ? { code: stall.code, shopName: stall.merchant?.shopName ?? null } : null,
    latestVerification: latest && { ...latest, verifiedOn: dateAsDay(latest.verifiedOn), expiresOn: dateAsDay(latest.expiresOn) },
    reinstatement: await reinstatementOf(db, scale, today),
  };
}

export type InspectionTarget = NonNullable<Awaited<ReturnType<typeof inspectionTarget>>>;

/** One inspection of a scale in scope with its points in order, or null. */
export async function getInspection(db: Db, scope: Scope, inspectionId: number) {
  const inspection = await db.inspection.findFirst({
    where: { id: inspectionId, scale: scaleWhere(scope) },
    select: {
      id: true, scaleId: true, at: true, stage: true, result: true, suspended: true, reinstated: true, notes: true,
      inspector: { select: { displayName: true } },
      scale: { select: { serial: true, status: true, market: { select: { id: true, name: true, nameEn: true } }, stall: { select: { code: true } } } },
      verification: { select: { certificateNo: true, verifiedOn: true, expiresOn: true, authority: true, sealCode: true } },
      checks: {
        orderBy: [{ testPoint: 'asc' }, { reading: 'asc' }, { id: 'asc' }],
        select: { kind: true, testPoint: true, reading: true, referenceMg: true, indicationMg: true, mpeMg: true, passed: true },
      },
    },
  });
  if (!inspection) return null;
  const { verification, inspector, ...rest } = inspection;
  return {
    ...rest,
    inspector: inspector?.displayName ?? null,
    verification: verification && { ...verification, verifiedOn: dateAsDay(verification.verifiedOn), expiresOn: dateAsDay(verification.expiresOn) },
  };
}
