// Fair-scale re-weighs (公平秤复称): a shopper brings a purchase to the market's fair scale; the
// clerk finds the weighing (by the receipt, or by the scale's serial and the minute on it) and
// records what the fair scale showed. Stored as a CheckWeighing of the trade scale (source
// fair_scale, the weighing and the fair scale named), judged against the trade scale's in-service
// MPE; a failure raises (or counts on) the trade scale's open `reweigh_failed` alert.
//
// - Who: the market manager, who keeps the fair scale (集贸市场计量监督管理办法), and the bureau's
//   inspectors and regulators. Only in scope: a weighing of another market reads as not found.
// - Weighing is partitioned and has no relations: it is read by (id, scaleTime), which a receipt
//   carries as (weighingId, issuedAt), so one partition is touched.
import type { Actor } from './actor.ts';
import type { Db } from './client.ts';
import type { Role } from './generated/enums.ts';
import { marketWhere, scaleWhere, type Scope } from './scope.ts';
import { inUse, latestVerification, statusOf } from './queries/scales.ts';
import { alertSeverity } from '../domain/alert-rules.ts';
import { businessDay } from '../domain/business-day.ts';
import { isTradeLegal, type VerificationStatus } from '../domain/verification-status.ts';
import { MetrologyError, wholeMgMpe } from '../domain/metrology/index.ts';
import { judgeReweigh, REWEIGH_FAILED_RULE, reweighRecordSchema, type ReweighLookup } from '../domain/reweigh.ts';
import type { MessageKey } from '../i18n/index.ts';

export const REWEIGH_ROLES: readonly Role[] = ['city_regulator', 'district_regulator', 'market_manager', 'inspector'];

export function canReweigh(role: Role): boolean {
  return REWEIGH_ROLES.includes(role);
}

export class ReweighForbiddenError extends Error {
  readonly code = 'reweigh_forbidden';
  readonly status = 403;
  constructor(role: Role) {
    super(`role ${role} may not record re-weighs`);
  }
}

export type ReweighField = 'weighingId' | 'fairScaleId' | 'fairMass' | 'unit';

export class ReweighValidationError extends Error {
  readonly code = 'invalid_reweigh';
  readonly status = 400;
  readonly fieldErrors: Partial<Record<ReweighField, MessageKey>>;
  constructor(fieldErrors: Partial<Record<ReweighField, MessageKey>>) {
    super(`invalid re-weigh: ${Object.keys(fieldErrors).join(', ')}`);
    this.fieldErrors = fieldErrors;
  }
}

/** A weighing as the clerk sees it before re-weighing. */
export interface ReweighCandidate {
  weighingId: bigint;
  /** the partition key, needed to read the weighing again */
  scaleTime: Date;
  scale: { id: number; serial: string; accuracyClass: 'I' | 'II' | 'III' | 'IIII'; eMg: number };
  market: { id: number; name: string; nameEn: string };
  stall: string | null;
  shopName: string | null;
  commodity: { name: string; nameEn: string };
  netMg: number;
  unitPriceFenPerKg: number;
  priceFen: number;
}

const weighingSelect = {
  id: true, scaleId: true, scaleTime: true, marketId: true, stallId: true, merchantId: true, commodityId: true,
  netMg: true, unitPriceFenPerKg: true, priceFen: true,
} as const;

type WeighingFacts = { id: bigint; scaleId: number; scaleTime: Date; marketId: number; stallId: number | null; merchantId: number | null; commodityId: number; netMg: number; unitPriceFenPerKg: number; priceFen: number };

/** The weighings' context, keeping only those whose market is in scope. */
async function candidates(db: Db, scope: Scope, weighings: WeighingFacts[]): Promise<ReweighCandidate[]> {
  if (weighings.length === 0) return [];
  const markets = await db.market.findMany({
    where: { AND: [{ id: { in: [...new Set(weighings.map((w) => w.marketId))] } }, marketWhere(scope)] },
    select: { id: true, name: true, nameEn: true },
  });
  const marketById = new Map(markets.map((market) => [market.id, market]));
  const visible = weighings.filter((w) => marketById.has(w.marketId));
  if (visible.length === 0) return [];
  const [scales, stalls, merchants, commodities] = await Promise.all([
    db.scale.findMany({ where: { id: { in: [...new Set(visible.map((w) => w.scaleId))] } }, select: { id: true, serial: true, accuracyClass: true, eMg: true } }),
    db.stall.findMany({ where: { id: { in: visible.flatMap((w) => (w.stallId === null ? [] : [w.stallId])) } }, select: { id: true, code: true } }),
    db.merchant.findMany({ where: { id: { in: visible.flatMap((w) => (w.merchantId === null ? [] : [w.merchantId])) } }, select: { id: true, shopName: true } }),
    db.commodity.findMany({ where: { id: { in: [...new Set(visible.map((w) => w.commodityId))] } }, select: { id: true, name: true, nameEn: true } }),
  ]);
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const scaleById = byId(scales);
  const stallById = byId(stalls);
  const merchantById = byId(merchants);
  const commodityById = byId(commodities);
  return visible.flatMap((w) => {
    const scale = scaleById.get(w.scaleId);
    const market = marketById.get(w.marketId);
    const commodity = commodityById.get(w.commodityId);
    if (!scale || !market || !commodity) return [];
    return [{
      weighingId: w.id,
      scaleTime: w.scaleTime,
      scale,
      market,
      stall: w.stallId === null ? null : stallById.get(w.stallId)?.code ?? null,
      shopName: w.merchantId === null ? null : merchantById.get(w.merchantId)?.shopName ?? null,
      commodity: { name: commodity.name, nameEn: commodity.nameEn },
      netMg: w.netMg,
      unitPriceFenPerKg: w.unitPriceFenPerKg,
      priceFen: w.priceFen,
    }];
  });
}

/** At most this many weighings of one scale in one minute are listed (a busy scale, a rush). */
const MINUTE_LIMIT = 20;

/** The weighings a lookup finds in the actor's scope, oldest first: one for a receipt (each, for a
 * token printed on several), those of the minute for a serial. */
export async function findReweighCandidates(db: Db, scope: Scope, lookup: ReweighLookup): Promise<ReweighCandidate[]> {
  if (lookup.kind === 'receipt') {
    // a token printed on more than one purchase (lib/domain/receipt-reuse.ts) lists each of them:
    // the clerk tells them apart by the time and price on the shopper's paper receipt
    const receipts = await db.receipt.findMany({
      where: { OR: [{ token: lookup.token }, { printedToken: lookup.token }] },
      orderBy: { issuedAt: 'asc' },
      select: { weighingId: true, issuedAt: true },
    });
    const weighings = await Promise.all(
      receipts.map((receipt) => db.weighing.findFirst({ where: { id: receipt.weighingId, scaleTime: receipt.issuedAt }, select: weighingSelect })),
    );
    return candidates(db, scope, weighings.filter((weighing) => weighing !== null));
  }
  const scale = await db.scale.findFirst({
    where: { AND: [{ serial: { equals: lookup.serial, mode: 'insensitive' } }, scaleWhere(scope)] },
    select: { id: true },
  });
  if (!scale) return [];
  const weighings = await db.weighing.findMany({
    where: { scaleId: scale.id, scaleTime: { gte: lookup.from, lt: lookup.to } },
    orderBy: [{ scaleTime: 'asc' }, { seq: 'asc' }],
    take: MINUTE_LIMIT,
    select: weighingSelect,
  });
  return candidates(db, scope, weighings);
}

export interface FairScaleChoice {
  id: number;
  serial: string;
  stall: string | null;
  status: VerificationStatus;
  /** a fair scale may serve as the reference only while its own verification is valid */
  usable: boolean;
}

/** The market's fair scales in use, with whether each may serve as a reference today. */
export async function fairScalesOf(db: Db, scope: Scope, marketId: number, today: string): Promise<FairScaleChoice[]> {
  const scales = await db.scale.findMany({
    where: { AND: [{ marketId, purpose: 'fair' }, inUse, scaleWhere(scope)] },
    orderBy: { serial: 'asc' },
    select: { id: true, serial: true, status: true, stall: { select: { code: true } }, verifications: latestVerification },
  });
  return scales.map((scale) => {
    const status = statusOf(scale, today);
    return { id: scale.id, serial: scale.serial, stall: scale.stall?.code ?? null, status, usable: isTradeLegal(status) };
  });
}

export interface RecordedReweigh {
  checkWeighingId: number;
  scaleId: number;
  passed: boolean;
  referenceMg: number;
  indicationMg: number;
  errorMg: number;
  /** the in-service MPE at the fair scale's mass, exact */
  mpeMg: number;
  /** the trade scale's open reweigh_failed alert, when this re-weigh failed */
  alertId: number | null;
}

/**
 * Records a re-weigh of a weighing in the actor's scope. `input` is the form as posted (strings):
 * weighingId, scaleTime, fairScaleId, unit (g | kg), fairMass. Throws ReweighForbiddenError, or
 * ReweighValidationError naming the field (the weighing, or the fair scale, not found in scope or
 * not usable, or a bad mass).
 */
export async function recordReweigh(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<RecordedReweigh> {
  if (!canReweigh(actor.role)) throw new ReweighForbiddenError(actor.role);
  const parsed = reweighRecordSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<ReweighField, MessageKey>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'weighingId' || field === 'scaleTime') fieldErrors.weighingId ??= 'reweigh.error.weighing';
      else if (field === 'fairScaleId' || field === 'fairMass' || field === 'unit') fieldErrors[field] ??= issue.message as MessageKey;
      else fieldErrors.fairMass ??= issue.message as MessageKey;
    }
    throw new ReweighValidationError(fieldErrors);
  }
  const { weighingId, scaleTime, fairScaleId, fairMg } = parsed.data;
  const weighing = await db.weighing.findFirst({ where: { id: weighingId, scaleTime }, select: weighingSelect });
  const [candidate] = weighing ? await candidates(db, actor.scope, [weighing]) : [];
  if (!weighing || !candidate) throw new ReweighValidationError({ weighingId: 'reweigh.error.weighing' });
  const fair = (await fairScalesOf(db, actor.scope, weighing.marketId, businessDay(now))).find((scale) => scale.id === fairScaleId);
  if (!fair) throw new ReweighValidationError({ fairScaleId: 'reweigh.error.fairScale' });
  if (!fair.usable) throw new ReweighValidationError({ fairScaleId: 'reweigh.error.fairScaleNotVerified' });

  let verdict: ReturnType<typeof judgeReweigh>;
  try {
    verdict = judgeReweigh(candidate.scale, fairMg, weighing.netMg);
  } catch (error) {
    // a mass beyond the trade scale's MPE table (far above its Max): not a re-weigh of this purchase
    if (error instanceof MetrologyError) throw new ReweighValidationError({ fairMass: 'reweigh.error.unjudgeable' });
    throw error;
  }
  return db.$transaction(async (tx) => {
    // the scale's row lock orders this with the ingest's batches and other re-weighs: one open alert per scale and rule
    await tx.$queryRaw`SELECT 1 FROM "Scale" WHERE id = ${weighing.scaleId} FOR UPDATE`;
    const check = await tx.checkWeighing.create({
      data: {
        scaleId: weighing.scaleId,
        weighingId: weighing.id,
        referenceScaleId: fair.id,
        source: 'fair_scale',
        kind: 'weighing',
        stage: 'in_service',
        at: now,
        referenceMg: fairMg,
        indicationMg: weighing.netMg,
        mpeMg: wholeMgMpe(verdict.mpeMg),
        passed: verdict.passed,
      },
      select: { id: true },
    });
    let alertId: number | null = null;
    if (!verdict.passed) {
      const open = await tx.alert.findFirst({
        where: { scaleId: weighing.scaleId, rule: REWEIGH_FAILED_RULE, status: { not: 'closed' } },
        select: { id: true, detail: true },
      });
      const last = { checkWeighingId: check.id, weighingId: weighing.id.toString(), errorMg: verdict.errorMg, mpeMg: verdict.mpeMg };
      if (open) {
        const detail = (open.detail && typeof open.detail === 'object' && !Array.isArray(open.detail) ? open.detail : {}) as Record<string, unknown>;
        const count = typeof detail.count === 'number' ? detail.count : 1;
        await tx.alert.update({ where: { id: open.id }, data: { detail: { ...detail, count: count + 1, last } } });
        alertId = open.id;
      } else {
        const created = await tx.alert.create({
          data: {
            rule: REWEIGH_FAILED_RULE,
            severity: alertSeverity(REWEIGH_FAILED_RULE) ?? 'warning',
            marketId: weighing.marketId,
            scaleId: weighing.scaleId,
            merchantId: weighing.merchantId,
            raisedAt: now,
            detail: { count: 1, last },
          },
          select: { id: true },
        });
        alertId = created.id;
      }
    }
    await tx.auditEvent.create({
      data: {
        at: now, userId: actor.id, action: 'reweigh.record', entity: 'CheckWeighing', entityId: String(check.id),
        detail: {
          scaleId: weighing.scaleId, serial: candidate.scale.serial, weighingId: weighing.id.toString(), fairScaleId: fair.id,
          referenceMg: fairMg, indicationMg: weighing.netMg, passed: verdict.passed, alertId,
        },
      },
    });
    return {
      checkWeighingId: check.id, scaleId: weighing.scaleId, passed: verdict.passed, referenceMg: fairMg, indicationMg: weighing.netMg,
      errorMg: verdict.errorMg, mpeMg: verdict.mpeMg, alertId,
    };
  });
}
