// Inspections, verifications, suspension, reinstatement, re-weighs and the lifecycle against the
// real database: what is stored, in one transaction, in whose scope, by which roles. The run's
// database is shared with other files: the scales used here are put back as they were at the end.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { caught, demoActor, demoActorIn } from '../support/actors.ts';
import {
  getInspection, InspectionForbiddenError, InspectionValidationError, recordInspection, reinstateScale, ReinstatementRefusedError,
  ScaleNotFoundError, suspendScale, SuspensionRefusedError,
} from '../../lib/db/inspections.ts';
import { fairScalesOf, findReweighCandidates, recordReweigh, ReweighForbiddenError, ReweighValidationError } from '../../lib/db/reweighs.ts';
import { listLifecycle, verificationReminders } from '../../lib/db/queries/verification-lifecycle.ts';
import { statusOf } from '../../lib/db/queries/scales.ts';
import { businessDay, dayAsDate } from '../../lib/domain/business-day.ts';
import { defaultExpiry } from '../../lib/domain/verification-lifecycle.ts';
import type { InspectionFormInput } from '../../lib/domain/inspection-form.ts';

let db: Db;
const tag = `IT${randomBytes(3).toString('hex').toUpperCase()}`;
const today = businessDay(new Date());
let certificates = 0;
const nextCertificate = () => `${tag}-${++certificates}`;

let inspector: Actor & { districtId: number };
let city: Actor;
let manager: Actor & { marketId: number };
let bank: Actor;
/** in-service trade scales of the inspector's district with a verification valid beyond the warning window */
let scales: { id: number; serial: string; marketId: number }[];
let outside: { id: number };
const touched = new Set<number>();

/** A spot check of a 15 kg / e = 5 g scale: zero, then 2.5 kg read as `at2500`. */
function spotCheck(at2500 = '2.5'): InspectionFormInput {
  return {
    stage: 'in_service',
    unit: 'kg',
    points: [
      { kind: 'zero', reference: '0', indications: ['0'] },
      { kind: 'weighing', reference: '2.5', indications: [at2500] },
      { kind: 'repeatability', reference: '7.5', indications: ['7.5', '7.505', '7.495'] },
    ],
    notes: '集成测试',
  };
}

function verification(certificateNo: string, weighing = '2.5'): InspectionFormInput {
  return {
    stage: 'verification',
    unit: 'kg',
    points: [
      { kind: 'zero', reference: '0', indications: ['0'] },
      { kind: 'weighing', reference: '2.5', indications: [weighing] },
      { kind: 'repeatability', reference: '7.5', indications: ['7.5', '7.505', '7.5'] },
      { kind: 'eccentricity', reference: '5', indications: ['5', '5.005', '4.995', '5', '5'] },
    ],
    certificateNo, verifiedOn: today, expiresOn: defaultExpiry(today), authority: '衡阳市计量测试检定所', sealCode: `${certificateNo}-S`,
  };
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  inspector = await demoActorIn(db, 'inspector', 'districtId');
  manager = await demoActorIn(db, 'market', 'marketId');
  city = await demoActor(db, 'city');
  bank = await demoActor(db, 'bank');
  // the lowest ids: the ingest tests take their scales from the highest down
  const candidates = await db.scale.findMany({
    where: { purpose: 'trade', status: 'in_service', eMg: 5_000, maxMg: 15_000_000, market: { districtId: inspector.districtId } },
    orderBy: { id: 'asc' },
    select: { id: true, serial: true, marketId: true, status: true, verifications: { orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }], take: 1, select: { result: true, expiresOn: true } } },
  });
  scales = candidates.filter((scale) => statusOf(scale, today) === 'valid').slice(0, 4).map(({ id, serial, marketId }) => ({ id, serial, marketId }));
  if (scales.length < 4) throw new Error('the seed lacks valid 15 kg scales in the demo district');
  outside = await db.scale.findFirstOrThrow({
    where: { purpose: 'trade', status: 'in_service', eMg: 5_000, maxMg: 15_000_000, market: { districtId: { not: inspector.districtId } } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
});

const started = new Date();

afterAll(async () => {
  const ids = [...touched];
  const mine = await db.inspection.findMany({
    where: { OR: [{ scaleId: { in: ids }, notes: '集成测试' }, { verification: { certificateNo: { startsWith: tag } } }] },
    select: { id: true },
  });
  const inspectionIds = mine.map((inspection) => inspection.id);
  await db.checkWeighing.deleteMany({
    where: { OR: [{ inspectionId: { in: inspectionIds } }, { scaleId: { in: ids }, source: 'fair_scale', referenceScaleId: { not: null }, at: { gte: started } }] },
  });
  await db.inspection.deleteMany({ where: { id: { in: inspectionIds } } });
  await db.verification.deleteMany({ where: { certificateNo: { startsWith: tag } } });
  await db.alert.deleteMany({ where: { scaleId: { in: ids }, rule: 'reweigh_failed', raisedAt: { gte: started } } });
  await db.scale.updateMany({ where: { id: { in: ids } }, data: { status: 'in_service' } });
  await db.$disconnect();
});

describe('recording an inspection', () => {
  it('stores the inspection and one check per reading, judged on the server, with an audit event', async () => {
    const scale = scales[0]!;
    touched.add(scale.id);
    const recorded = await recordInspection(db, inspector, scale.id, spotCheck('2.6'));
    expect(recorded).toMatchObject({ scaleId: scale.id, stage: 'in_service', result: 'failed', verificationId: null });

    const stored = await db.inspection.findUniqueOrThrow({ where: { id: recorded.inspectionId }, include: { checks: { orderBy: [{ testPoint: 'asc' }, { reading: 'asc' }] } } });
    expect(stored).toMatchObject({ scaleId: scale.id, inspectorId: inspector.id, stage: 'in_service', result: 'failed', suspended: false, notes: '集成测试' });
    expect(stored.checks.map((check) => [check.testPoint, check.reading, check.kind, check.referenceMg, check.indicationMg, check.mpeMg, check.passed, check.source, check.stage]))
      .toEqual([
        [1, 1, 'zero', 0, 0, 1_250, true, 'inspection', 'in_service'],
        [2, 1, 'weighing', 2_500_000, 2_600_000, 5_000, false, 'inspection', 'in_service'],
        // 7.5 kg in service: ±10 g; the spread of 10 g is within it
        [3, 1, 'repeatability', 7_500_000, 7_500_000, 10_000, true, 'inspection', 'in_service'],
        [3, 2, 'repeatability', 7_500_000, 7_505_000, 10_000, true, 'inspection', 'in_service'],
        [3, 3, 'repeatability', 7_500_000, 7_495_000, 10_000, true, 'inspection', 'in_service'],
      ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'inspection.record', entityId: String(recorded.inspectionId) } });
    expect(audit).toMatchObject({ userId: inspector.id, entity: 'Inspection' });
    expect(audit.detail).toMatchObject({ scaleId: scale.id, result: 'failed', points: 3, failedPoints: [2] });

    const read = await getInspection(db, inspector.scope, recorded.inspectionId);
    expect(read?.checks).toHaveLength(5);
    expect(await getInspection(db, (await demoActor(db, 'merchant2')).scope, recorded.inspectionId)).toBeNull();
  });

  it('refuses a bad form, naming the fields, and stores nothing', async () => {
    const scale = scales[0]!;
    const before = await db.inspection.count({ where: { scaleId: scale.id } });
    const error = await caught(recordInspection(db, inspector, scale.id, {
      ...spotCheck(), points: [{ kind: 'weighing', reference: '16', indications: ['x'] }],
    }), InspectionValidationError);
    expect(error.fieldErrors).toEqual({ 'points.0.reference': 'inspect.error.aboveMax', 'points.0.indications.0': 'inspect.error.massKg' });
    expect(await db.inspection.count({ where: { scaleId: scale.id } })).toBe(before);
  });

  it('writes a verification, its inspection and its points in one transaction, or nothing', async () => {
    const scale = scales[1]!;
    touched.add(scale.id);
    const certificateNo = nextCertificate();
    const checksBefore = await db.checkWeighing.count({ where: { scaleId: scale.id } });
    // an inspector id that no user has: the inspection's insert fails after the verification's
    await expect(recordInspection(db, { ...inspector, id: 2_000_000_000 }, scale.id, verification(certificateNo))).rejects.toThrow();
    expect(await db.verification.count({ where: { certificateNo } })).toBe(0);
    expect(await db.checkWeighing.count({ where: { scaleId: scale.id } })).toBe(checksBefore);

    const recorded = await recordInspection(db, inspector, scale.id, verification(certificateNo));
    expect(recorded).toMatchObject({ stage: 'verification', result: 'passed' });
    const stored = await db.verification.findUniqueOrThrow({ where: { certificateNo }, include: { inspection: true } });
    expect(stored).toMatchObject({ scaleId: scale.id, result: 'passed', authority: '衡阳市计量测试检定所', sealCode: `${certificateNo}-S` });
    expect(stored.verifiedOn).toEqual(dayAsDate(today));
    expect(stored.expiresOn).toEqual(dayAsDate(defaultExpiry(today)));
    expect(stored.inspection?.id).toBe(recorded.inspectionId);
    expect(await db.checkWeighing.count({ where: { inspectionId: recorded.inspectionId, stage: 'verification' } })).toBe(1 + 1 + 3 + 5);

    const again = await caught(recordInspection(db, inspector, scale.id, verification(certificateNo)), InspectionValidationError);
    expect(again.fieldErrors).toEqual({ certificateNo: 'inspect.error.certificateTaken' });
  });

  it('records a failed verification with no validity and no seal', async () => {
    const scale = scales[2]!;
    touched.add(scale.id);
    const certificateNo = nextCertificate();
    // 2.5 kg at verification: ±2.5 g
    const recorded = await recordInspection(db, city, scale.id, verification(certificateNo, '2.505'));
    expect(recorded.result).toBe('failed');
    const stored = await db.verification.findUniqueOrThrow({ where: { certificateNo } });
    expect(stored).toMatchObject({ result: 'failed', sealCode: null });
    expect(stored.expiresOn).toEqual(stored.verifiedOn);
    const row = await db.scale.findUniqueOrThrow({ where: { id: scale.id }, select: { status: true, verifications: { orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }], take: 1, select: { result: true, expiresOn: true } } } });
    expect(statusOf(row, today)).toBe('failed');
  });

  it('only in scope, and only by the bureau', async () => {
    await caught(recordInspection(db, inspector, outside.id, spotCheck()), ScaleNotFoundError);
    await caught(recordInspection(db, manager, scales[0]!.id, spotCheck()), InspectionForbiddenError);
    await caught(recordInspection(db, bank, scales[0]!.id, spotCheck()), InspectionForbiddenError);
    // the city regulator reaches every district
    const byCity = await recordInspection(db, city, outside.id, spotCheck());
    touched.add(outside.id);
    expect(byCity.result).toBe('passed');
  });
});

describe('suspension and reinstatement', () => {
  it('suspends on a failed inspection only, once, audited; then reinstates after a new passing verification', async () => {
    const scale = scales[3]!;
    touched.add(scale.id);
    const passed = await recordInspection(db, inspector, scale.id, spotCheck());
    expect(passed.result).toBe('passed');
    const refused = await caught(suspendScale(db, inspector, { scaleId: scale.id, inspectionId: passed.inspectionId }), SuspensionRefusedError);
    expect(refused.reason).toBe('inspection_passed');
    const foreign = await recordInspection(db, inspector, scales[0]!.id, spotCheck('2.6'));
    expect((await caught(suspendScale(db, inspector, { scaleId: scale.id, inspectionId: foreign.inspectionId }), SuspensionRefusedError)).reason)
      .toBe('inspection_not_found');

    const failed = await recordInspection(db, inspector, scale.id, spotCheck('2.6'));
    await caught(suspendScale(db, manager, { scaleId: scale.id, inspectionId: failed.inspectionId }), InspectionForbiddenError);
    expect(await suspendScale(db, inspector, { scaleId: scale.id, inspectionId: failed.inspectionId })).toEqual({ already: false });
    expect((await db.scale.findUniqueOrThrow({ where: { id: scale.id } })).status).toBe('suspended');
    expect((await db.inspection.findUniqueOrThrow({ where: { id: failed.inspectionId } })).suspended).toBe(true);
    expect(await suspendScale(db, inspector, { scaleId: scale.id, inspectionId: failed.inspectionId })).toEqual({ already: true });
    expect(await db.auditEvent.count({ where: { action: 'scale.suspend', entityId: String(scale.id) } })).toBe(1);

    // the verification on record predates the suspension: no reinstatement on it
    expect((await caught(reinstateScale(db, inspector, scale.id), ReinstatementRefusedError)).reason).toBe('verification_before_suspension');
    // a failed re-verification does not do either
    await recordInspection(db, inspector, scale.id, verification(nextCertificate(), '2.505'));
    expect((await caught(reinstateScale(db, inspector, scale.id), ReinstatementRefusedError)).reason).toBe('no_passing_verification');

    const reverified = await recordInspection(db, inspector, scale.id, verification(nextCertificate()));
    await caught(reinstateScale(db, manager, scale.id), InspectionForbiddenError);
    expect(await reinstateScale(db, inspector, scale.id)).toEqual({ verificationId: reverified.verificationId });
    expect((await db.scale.findUniqueOrThrow({ where: { id: scale.id } })).status).toBe('in_service');
    expect((await db.inspection.findUniqueOrThrow({ where: { id: reverified.inspectionId } })).reinstated).toBe(true);
    expect((await caught(reinstateScale(db, inspector, scale.id), ReinstatementRefusedError)).reason).toBe('not_suspended');
    expect(await db.auditEvent.count({ where: { action: 'scale.reinstate', entityId: String(scale.id) } })).toBe(1);
  });
});

describe('the lifecycle list and reminders', () => {
  it('puts a suspended scale first, scoped, with the days left', async () => {
    const scale = scales[0]!;
    const failed = await recordInspection(db, inspector, scale.id, spotCheck('2.6'));
    await suspendScale(db, inspector, { scaleId: scale.id, inspectionId: failed.inspectionId });

    const list = await listLifecycle(db, inspector.scope, { today, page: 1 });
    expect(list.rows.every((row) => row.status !== 'valid')).toBe(true);
    expect(list.rows[0]?.status).toBe('suspended');
    expect(list.rows.some((row) => row.id === scale.id && row.status === 'suspended' && row.daysLeft !== null && row.daysLeft > 30)).toBe(true);
    const expiring = await listLifecycle(db, inspector.scope, { today, page: 1, status: 'expiring' });
    expect(expiring.rows.every((row) => row.status === 'expiring' && row.daysLeft !== null && row.daysLeft >= 0 && row.daysLeft <= 30)).toBe(true);
    expect(expiring.total).toBe(expiring.tally.expiring);
    // sorted by expiry within a status
    const days = expiring.rows.map((row) => row.daysLeft ?? 0);
    expect(days).toEqual([...days].sort((a, b) => a - b));

    const districtMarkets = new Set((await db.market.findMany({ where: { districtId: inspector.districtId }, select: { id: true } })).map((m) => m.id));
    expect(list.rows.every((row) => districtMarkets.has(row.market.id))).toBe(true);

    const reminders = await verificationReminders(db, inspector.scope, today);
    expect(reminders.every((reminder) => districtMarkets.has(reminder.market.id))).toBe(true);
    const mine = reminders.find((reminder) => reminder.market.id === scale.marketId);
    expect(mine?.scales.some((entry) => entry.id === scale.id && entry.status === 'suspended')).toBe(true);
    expect(mine?.counts.suspended).toBeGreaterThanOrEqual(1);
    const managerReminders = await verificationReminders(db, manager.scope, today);
    expect(managerReminders.map((reminder) => reminder.market.id)).toEqual(managerReminders.length ? [manager.marketId] : []);
    expect(managerReminders[0]?.recipients.map((recipient) => recipient.username)).toContain('market');
  });
});

describe('fair-scale re-weighs', () => {
  async function receiptOf(scaleId: number) {
    const receipt = await db.receipt.findFirst({ where: { scaleId }, orderBy: { issuedAt: 'desc' }, select: { token: true, weighingId: true, issuedAt: true } });
    if (!receipt) throw new Error(`no receipt of scale ${scaleId}`);
    const weighing = await db.weighing.findFirstOrThrow({ where: { id: receipt.weighingId, scaleTime: receipt.issuedAt }, select: { netMg: true, marketId: true } });
    return { ...receipt, ...weighing };
  }

  it('finds the weighing by its receipt, records a re-weigh within tolerance, and one beyond it with an alert that counts', async () => {
    const scale = scales[1]!;
    touched.add(scale.id);
    const receipt = await receiptOf(scale.id);
    const [candidate] = await findReweighCandidates(db, inspector.scope, { kind: 'receipt', token: receipt.token });
    expect(candidate).toMatchObject({ weighingId: receipt.weighingId, netMg: receipt.netMg, scale: { id: scale.id } });
    expect(await findReweighCandidates(db, (await demoActor(db, 'merchant2')).scope, { kind: 'receipt', token: receipt.token })).toEqual([]);

    const fair = (await fairScalesOf(db, inspector.scope, receipt.marketId, today)).find((option) => option.usable);
    if (!fair) throw new Error('the market has no usable fair scale');
    const form = (fairMass: string) => ({
      weighingId: receipt.weighingId.toString(), scaleTime: receipt.issuedAt.toISOString(), fairScaleId: String(fair.id), unit: 'g', fairMass,
    });
    const grams = (mg: number) => (mg / 1_000).toFixed(3);

    const ok = await recordReweigh(db, inspector, form(grams(receipt.netMg)));
    expect(ok).toMatchObject({ passed: true, errorMg: 0, alertId: null, indicationMg: receipt.netMg });
    const check = await db.checkWeighing.findUniqueOrThrow({ where: { id: ok.checkWeighingId } });
    expect(check).toMatchObject({ scaleId: scale.id, weighingId: receipt.weighingId, referenceScaleId: fair.id, source: 'fair_scale', stage: 'in_service', passed: true });

    // the scale gave 10 % more than the fair scale finds
    const short = Math.round(receipt.netMg / 1.1);
    const first = await recordReweigh(db, inspector, form(grams(short)));
    expect(first.passed).toBe(false);
    expect(first.alertId).not.toBeNull();
    const second = await recordReweigh(db, inspector, form(grams(short)));
    expect(second.alertId).toBe(first.alertId);
    const alert = await db.alert.findUniqueOrThrow({ where: { id: first.alertId! } });
    expect(alert).toMatchObject({ rule: 'reweigh_failed', severity: 'warning', status: 'open', scaleId: scale.id, marketId: receipt.marketId });
    expect(alert.detail).toMatchObject({ count: 2, last: { checkWeighingId: second.checkWeighingId } });
    expect(await db.auditEvent.count({ where: { action: 'reweigh.record', entityId: { in: [ok, first, second].map((r) => String(r.checkWeighingId)) } } })).toBe(3);
  });

  it('refuses a weighing out of scope, another market’s fair scale, a bad mass, and roles that may not', async () => {
    const receipt = await receiptOf(scales[1]!.id);
    const fair = (await fairScalesOf(db, inspector.scope, receipt.marketId, today)).find((option) => option.usable)!;
    const form = { weighingId: receipt.weighingId.toString(), scaleTime: receipt.issuedAt.toISOString(), fairScaleId: String(fair.id), unit: 'kg', fairMass: '1' };
    const otherDistrict = await demoActor(db, 'merchant2');
    const districtUser = await demoActor(db, 'district');
    const elsewhere = { id: districtUser.id, role: 'district_regulator' as const, scope: { kind: 'district' as const, cityId: otherDistrict.scope.cityId, districtId: -1 } };
    expect((await caught(recordReweigh(db, elsewhere, form), ReweighValidationError)).fieldErrors).toEqual({ weighingId: 'reweigh.error.weighing' });
    expect((await caught(recordReweigh(db, inspector, { ...form, scaleTime: new Date(receipt.issuedAt.getTime() + 1).toISOString() }), ReweighValidationError)).fieldErrors)
      .toEqual({ weighingId: 'reweigh.error.weighing' });
    const otherFair = await db.scale.findFirstOrThrow({ where: { purpose: 'fair', marketId: { not: receipt.marketId } }, select: { id: true } });
    expect((await caught(recordReweigh(db, city, { ...form, fairScaleId: String(otherFair.id) }), ReweighValidationError)).fieldErrors)
      .toEqual({ fairScaleId: 'reweigh.error.fairScale' });
    expect((await caught(recordReweigh(db, inspector, { ...form, fairMass: '-1' }), ReweighValidationError)).fieldErrors).toEqual({ fairMass: 'reweigh.error.massKg' });
    await caught(recordReweigh(db, bank, form), ReweighForbiddenError);
    await caught(recordReweigh(db, otherDistrict, form), ReweighForbiddenError);
  });
});
