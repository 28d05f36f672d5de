// The bank officer's exception queue: payments that matched nothing or differ in amount, notifications
// that reused a reference with other content, and settled days whose bank total differs from the
// weighed total — of the city's programme only, and of merchants only those enrolled in it (the bank
// never reads a merchant outside its programme). Each is resolved once, with a note, audited.
import { Prisma } from './generated/client.ts';
import type { Db } from './client.ts';
import { isUniqueViolation } from './unique-violation.ts';
import type { Actor } from './actor.ts';
import type { BankExceptionKind, ResolveExceptionInput } from '../domain/bank-exception.ts';

export const EXCEPTION_PAGE_LIMIT = 200;

export class ExceptionForbiddenError extends Error {}
export class ExceptionNotFoundError extends Error {}
export class ExceptionAlreadyResolvedError extends Error {}

export interface Resolution {
  note: string;
  resolvedAt: Date;
  resolvedBy: string;
}

export interface PaymentException {
  id: string;
  bankRef: string;
  status: 'captured' | 'refunded' | 'reversed';
  match: 'unmatched' | 'amount_mismatch';
  amountFen: number;
  /** the weighing's price when the payment differs from it */
  weighedFen: number | null;
  paidAt: Date;
  businessDay: Date;
  receiptToken: string | null;
  originalRef: string | null;
  shopName: string | null;
  resolution: Resolution | null;
}

export interface ConflictException {
  id: string;
  bankRef: string;
  /** what was recorded under the reference first, and what came later */
  recordedFen: number | null;
  notification: unknown;
  receivedAt: Date;
  resolution: Resolution | null;
}

export interface SettlementException {
  id: string;
  businessDay: Date;
  shopName: string;
  marketName: string;
  /** what the bank captured for the day (the close's gross nets the day's own refunds) */
  capturedFen: number;
  weighedFen: number;
  paymentCount: number;
  resolution: Resolution | null;
}

export interface BankExceptions {
  payments: PaymentException[];
  conflicts: ConflictException[];
  settlements: SettlementException[];
}

/** The programmes a bank officer works for: those of the officer's city. */
async function officerProgrammes(db: Db, actor: Actor): Promise<number[]> {
  if (actor.role !== 'bank_officer') throw new ExceptionForbiddenError('only the bank officer works the exception queue');
  return (await db.programme.findMany({ where: { cityId: actor.scope.cityId }, select: { id: true } })).map((p) => p.id);
}

type ResolutionColumns = { note: string | null; resolvedAt: Date | null; resolvedBy: string | null };
const resolutionOf = (row: ResolutionColumns): Resolution | null =>
  row.resolvedAt ? { note: row.note ?? '', resolvedAt: row.resolvedAt, resolvedBy: row.resolvedBy ?? '' } : null;

/** Open exceptions (newest first), or resolved ones (most recently resolved first); at most `limit` of each kind. */
export async function listBankExceptions(db: Db, actor: Actor, state: 'open' | 'resolved', limit = EXCEPTION_PAGE_LIMIT): Promise<BankExceptions> {
  const programmes = await officerProgrammes(db, actor);
  if (!programmes.length) return { payments: [], conflicts: [], settlements: [] };
  const resolved = state === 'resolved' ? Prisma.sql`r.id IS NOT NULL` : Prisma.sql`r.id IS NULL`;
  const order = (newest: Prisma.Sql) => (state === 'resolved' ? Prisma.sql`r."resolvedAt" DESC, ${newest}` : newest);
  const resolution = (kind: BankExceptionKind, id: Prisma.Sql) => Prisma.sql`
    LEFT JOIN "BankExceptionResolution" r ON r.kind = ${kind}::"BankExceptionKind" AND r."entityId" = ${id}::text
    LEFT JOIN "User" u ON u.id = r."resolvedById"`;
  const [payments, conflicts, settlements] = await Promise.all([
    db.$queryRaw<(Omit<PaymentException, 'resolution'> & ResolutionColumns)[]>`
      SELECT p.id::text AS id, p."bankRef", p.status::text AS status, p.match::text AS match, p."amountFen",
             CASE WHEN p.match = 'amount_mismatch' THEN w."priceFen" END AS "weighedFen",
             p."paidAt", p."businessDay", p."receiptToken", p."originalRef", m."shopName",
             r.note, r."resolvedAt", u."displayName" AS "resolvedBy"
      FROM "Payment" p
      LEFT JOIN "Merchant" m ON m.id = p."merchantId" AND m."programmeId" = p."programmeId"
      LEFT JOIN LATERAL (SELECT "priceFen" FROM "Weighing" WHERE id = p."weighingId" LIMIT 1) w ON true
      ${resolution('payment', Prisma.sql`p.id`)}
      WHERE p."programmeId" IN (${Prisma.join(programmes)}) AND p.match IN ('unmatched', 'amount_mismatch')
        AND (p."merchantId" IS NULL OR m.id IS NOT NULL) AND ${resolved}
      ORDER BY ${order(Prisma.sql`p."receivedAt" DESC, p.id DESC`)}
      LIMIT ${limit}`,
    db.$queryRaw<(Omit<ConflictException, 'resolution'> & ResolutionColumns)[]>`
      SELECT c.id::text AS id, c."bankRef", p."amountFen" AS "recordedFen", c.notification, c."receivedAt",
             r.note, r."resolvedAt", u."displayName" AS "resolvedBy"
      FROM "PaymentConflict" c
      LEFT JOIN "Payment" p ON p."bankRef" = c."bankRef"
      ${resolution('conflict', Prisma.sql`c.id`)}
      WHERE c."programmeId" IN (${Prisma.join(programmes)}) AND ${resolved}
      ORDER BY ${order(Prisma.sql`c."receivedAt" DESC, c.id DESC`)}
      LIMIT ${limit}`,
    db.$queryRaw<(Omit<SettlementException, 'resolution'> & ResolutionColumns)[]>`
      SELECT s.id::text AS id, s."businessDay", m."shopName", k.name AS "marketName", s."grossFen" + s."refundedFen" AS "capturedFen", s."weighedFen", s."paymentCount",
             r.note, r."resolvedAt", u."displayName" AS "resolvedBy"
      FROM "Settlement" s
      JOIN "Merchant" m ON m.id = s."merchantId"
      JOIN "Market" k ON k.id = m."marketId"
      ${resolution('settlement', Prisma.sql`s.id`)}
      WHERE m."programmeId" IN (${Prisma.join(programmes)}) AND s."grossFen" + s."refundedFen" <> s."weighedFen" AND ${resolved}
      ORDER BY ${order(Prisma.sql`s."businessDay" DESC, s.id DESC`)}
      LIMIT ${limit}`,
  ]);
  const withResolution = <T extends ResolutionColumns>({ note, resolvedAt, resolvedBy, ...rest }: T) => ({ ...rest, resolution: resolutionOf({ note, resolvedAt, resolvedBy }) });
  return {
    payments: payments.map(withResolution) as PaymentException[],
    conflicts: conflicts.map(withResolution) as ConflictException[],
    settlements: settlements.map(withResolution) as SettlementException[],
  };
}

/** Whether the exception exists, is the officer's, and is an exception at all. */
async function exceptionInScope(db: Prisma.TransactionClient, programmes: number[], kind: BankExceptionKind, id: bigint): Promise<boolean> {
  const ids = Prisma.join(programmes);
  const rows =
    kind === 'payment'
      ? await db.$queryRaw<unknown[]>`
          SELECT 1 FROM "Payment" p LEFT JOIN "Merchant" m ON m.id = p."merchantId" AND m."programmeId" = p."programmeId"
          WHERE p.id = ${id} AND p."programmeId" IN (${ids}) AND p.match IN ('unmatched', 'amount_mismatch')
            AND (p."merchantId" IS NULL OR m.id IS NOT NULL)`
      : kind === 'conflict'
        ? await db.$queryRaw<unknown[]>`SELECT 1 FROM "PaymentConflict" WHERE id = ${id} AND "programmeId" IN (${ids})`
        : await db.$queryRaw<unknown[]>`
            SELECT 1 FROM "Settlement" s JOIN "Merchant" m ON m.id = s."merchantId"
            WHERE s.id = ${id} AND m."programmeId" IN (${ids}) AND s."grossFen" + s."refundedFen" <> s."weighedFen"`;
  return rows.length > 0;
}

/** Resolves one exception with the officer's note, audited, in one transaction. */
export async function resolveBankException(db: Db, actor: Actor, input: ResolveExceptionInput, now: Date = new Date()): Promise<void> {
  const programmes = await officerProgrammes(db, actor);
  if (actor.id === null) throw new ExceptionForbiddenError('a resolution needs a signed-in officer');
  const userId = actor.id;
  await db.$transaction(async (tx) => {
    if (!programmes.length || !(await exceptionInScope(tx, programmes, input.kind, BigInt(input.id)))) {
      // another programme's, not an exception, or no such row: the same answer, so nothing leaks
      throw new ExceptionNotFoundError(`${input.kind} ${input.id}`);
    }
    try {
      await tx.bankExceptionResolution.create({ data: { kind: input.kind, entityId: input.id, note: input.note, resolvedById: userId, resolvedAt: now } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ExceptionAlreadyResolvedError(`${input.kind} ${input.id}`);
      throw error;
    }
    await tx.auditEvent.create({
      data: { at: now, userId, action: 'bank.exception_resolve', entity: input.kind, entityId: input.id, detail: { note: input.note } },
    });
  });
}
