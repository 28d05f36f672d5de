// Imports of the bank's daily statement and the reconciliation they store (see
// lib/domain/reconciliation.ts for the rules, lib/domain/bank-statement.ts for the file).
//
// Who: a bank officer, for the programme of their city, and only its enrolled merchants: the
// payments and settlements loaded here are those of the programme's merchants within the
// officer's scope, so a payment of a merchant outside the programme is never read, and a line
// naming it comes out "unmatched" without revealing its figures.
// Idempotent: a file is known by the SHA-256 of its bytes, unique per programme; importing it
// again returns the first import and writes nothing. A file with a bad line writes nothing.
import { createHash } from 'node:crypto';
import type { Prisma } from './generated/client.ts';
import type { Db } from './client.ts';
import type { Actor } from './actor.ts';
import { merchantWhere, type Scope } from './scope.ts';
import { getProgramme } from './queries/programme.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { dateAsDay, dayAsDate } from '../domain/business-day.ts';
import { pageWindow } from '../domain/paging.ts';
import { parseStatement, type StatementError } from '../domain/bank-statement.ts';
import {
  reconcileStatement, type LineResult, type PaymentFact, type ReconciledLine, type ReconciledMerchantDay, type StatementReconciliation,
} from '../domain/reconciliation.ts';
import type { Role } from './generated/enums.ts';

export class ReconciliationForbiddenError extends Error {
  readonly code = 'forbidden';
}

/** Only the bank reconciles its statement: regulators and merchants see settlements, not the bank's files. */
export function canReconcile(role: Role): boolean {
  return role === 'bank_officer';
}

export type ImportOutcome =
  | { status: 'imported'; statementId: number; businessDay: string; counts: Record<LineResult, number>; merchantDaysDiffer: number }
  | { status: 'duplicate'; statementId: number; businessDay: string; importedAt: Date }
  | { status: 'invalid'; errors: StatementError[]; errorCount: number }
  | { status: 'no_programme' };

export interface StatementFile {
  name: string;
  bytes: Uint8Array;
}

/** The programme the actor reconciles for, or null (a city without one). */
async function programmeOf(db: Db, actor: Actor) {
  if (!canReconcile(actor.role)) throw new ReconciliationForbiddenError('only a bank officer reconciles statements');
  return getProgramme(db, actor.scope);
}

/** The programme's merchants within the scope: the only ones whose rows reconciliation reads. */
async function programmeMerchants(db: Db, scope: Scope, programmeId: number) {
  return db.merchant.findMany({ where: { AND: [merchantWhere(scope), { programmeId }] }, select: { id: true, licenseNo: true } });
}

interface PaymentRow {
  id: bigint;
  bankRef: string;
  merchantId: number;
  amountFen: number;
  businessDay: Date;
  status: string;
}

const asFact = (row: PaymentRow): PaymentFact => ({ ...row, businessDay: dateAsDay(row.businessDay) });

function safeFileName(name: string): string {
  const trimmed = name.trim().slice(0, 200);
  return trimmed || 'statement.csv';
}

export async function importStatement(db: Db, actor: Actor, file: StatementFile, now = new Date()): Promise<ImportOutcome> {
  const programme = await programmeOf(db, actor);
  if (!programme) return { status: 'no_programme' };
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const known = await db.bankStatement.findUnique({ where: { programmeId_sha256: { programmeId: programme.id, sha256 } }, select: { id: true, businessDay: true, importedAt: true } });
  if (known) return { status: 'duplicate', statementId: known.id, businessDay: dateAsDay(known.businessDay), importedAt: known.importedAt };

  const parsed = parseStatement(file.bytes);
  if (!parsed.ok) return { status: 'invalid', errors: parsed.errors, errorCount: parsed.errorCount };

  const merchants = await programmeMerchants(db, actor.scope, programme.id);
  const ids = merchants.map((merchant) => merchant.id);
  const refs = parsed.lines.map((line) => line.bankRef);
  const day = dayAsDate(parsed.businessDay);
  // Raw SQL with array parameters: a day's statement names ~10 000 references, more than an
  // `IN (…)` list should carry. Only the Payment columns this module relies on are read.
  const [byRef, ofDay, settlements] = await Promise.all([
    db.$queryRaw<PaymentRow[]>`
      SELECT id, "bankRef", "merchantId", "amountFen", "businessDay", status::text AS status
        FROM "Payment" WHERE "bankRef" = ANY(${refs}::text[]) AND "merchantId" = ANY(${ids}::int[])`,
    db.$queryRaw<PaymentRow[]>`
      SELECT id, "bankRef", "merchantId", "amountFen", "businessDay", status::text AS status
        FROM "Payment" WHERE "businessDay" = ${day}::date AND "merchantId" = ANY(${ids}::int[])`,
    db.settlement.findMany({ where: { businessDay: day, merchantId: { in: ids } }, select: { id: true, merchantId: true, grossFen: true, refundedFen: true } }),
  ]);
  // the statement's captures compare with the day's captures: the close's gross nets the day's own refunds
  const settlementCaptures = settlements.map((s) => ({ id: s.id, merchantId: s.merchantId, grossFen: s.grossFen + s.refundedFen }));
  const result = reconcileStatement({
    businessDay: parsed.businessDay,
    lines: parsed.lines,
    merchantIdByLicense: new Map(merchants.map((merchant) => [merchant.licenseNo, merchant.id])),
    paymentsByRef: new Map(byRef.map((row) => [row.bankRef, asFact(row)])),
    dayPayments: ofDay.map(asFact),
    settlements: settlementCaptures,
  });

  try {
    const statementId = await store(db, actor, { programmeId: programme.id, sha256, file, lineCount: parsed.lines.length, result, now });
    return { status: 'imported', statementId, businessDay: parsed.businessDay, counts: result.counts, merchantDaysDiffer: result.merchantDayCounts.differs };
  } catch (error) {
    // the same file uploaded twice at once: the other upload stored it
    if (!isUniqueViolation(error)) throw error;
    const stored = await db.bankStatement.findUniqueOrThrow({ where: { programmeId_sha256: { programmeId: programme.id, sha256 } } });
    return { status: 'duplicate', statementId: stored.id, businessDay: dateAsDay(stored.businessDay), importedAt: stored.importedAt };
  }
}

async function store(
  db: Db,
  actor: Actor,
  input: { programmeId: number; sha256: string; file: StatementFile; lineCount: number; result: StatementReconciliation; now: Date },
): Promise<number> {
  const { result } = input;
  const capturedFen = result.lines.reduce((sum, line) => sum + (line.statement?.kind === 'captured' ? BigInt(line.statement.amountFen) : 0n), 0n);
  return db.$transaction(async (tx) => {
    const statement = await tx.bankStatement.create({
      data: {
        programmeId: input.programmeId, businessDay: dayAsDate(result.businessDay), sha256: input.sha256, fileName: safeFileName(input.file.name),
        byteSize: input.file.bytes.byteLength, lineCount: input.lineCount, capturedFen,
        matchedCount: result.counts.matched, mismatchedCount: result.counts.mismatched, unmatchedCount: result.counts.unmatched,
        missingCount: result.counts.missing_from_statement, merchantDaysDiffer: result.merchantDayCounts.differs,
        importedAt: input.now, importedById: actor.id,
      },
      select: { id: true },
    });
    await insertLines(tx, statement.id, result.lines);
    await tx.bankStatementMerchantDay.createMany({ data: result.merchantDays.map((day) => ({ statementId: statement.id, ...day })) });
    await tx.auditEvent.create({
      data: {
        at: input.now, userId: actor.id, action: 'bank_statement.import', entity: 'BankStatement', entityId: String(statement.id),
        detail: {
          programmeId: input.programmeId, businessDay: result.businessDay, sha256: input.sha256, fileName: safeFileName(input.file.name),
          lines: input.lineCount, ...result.counts, merchantDaysDiffer: result.merchantDayCounts.differs,
        },
      },
    });
    return statement.id;
  }, { timeout: 60_000 });
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * All lines of an import in slices of one INSERT … SELECT FROM unnest(…) each: a city's day is
 * ~11 000 lines, which createMany wrote in ~5 s (STACK-NOTES: 5–9 k rows/s, unnest ~87 k rows/s).
 * Arrays travel as text where Prisma's parameter types are narrower (bigint, date, enums).
 */
async function insertLines(tx: Tx, statementId: number, lines: readonly ReconciledLine[]) {
  for (let start = 0; start < lines.length; start += 10_000) {
    const slice = lines.slice(start, start + 10_000);
    const col = <T>(pick: (line: ReconciledLine) => T) => slice.map(pick);
    await tx.$executeRaw`
      INSERT INTO "BankStatementLine" ("statementId", "lineNo", result, differences, "bankRef", "licenseNo", "merchantId", "businessDay", kind, "amountFen",
                                       "paymentId", "paymentMerchantId", "paymentAmountFen", "paymentBusinessDay", "paymentStatus")
      SELECT ${statementId}, l.line_no, l.result::"ReconciliationResult", CASE WHEN l.diff = '' THEN '{}'::text[] ELSE string_to_array(l.diff, ',') END,
             l.bank_ref, l.license_no, l.merchant_id, l.day::date, l.kind::"StatementKind", l.amount_fen,
             l.payment_id::bigint, l.payment_merchant_id, l.payment_amount_fen, l.payment_day::date, l.payment_status
        FROM unnest(${col((l) => l.lineNo)}::int[], ${col((l) => l.result)}::text[], ${col((l) => l.differences.join(','))}::text[],
                    ${col((l) => l.bankRef)}::text[], ${col((l) => l.statement?.licenseNo ?? null)}::text[], ${col((l) => l.statement?.merchantId ?? null)}::int[],
                    ${col((l) => l.statement?.businessDay ?? null)}::text[], ${col((l) => l.statement?.kind ?? null)}::text[], ${col((l) => l.statement?.amountFen ?? null)}::int[],
                    ${col((l) => l.payment?.id.toString() ?? null)}::text[], ${col((l) => l.payment?.merchantId ?? null)}::int[], ${col((l) => l.payment?.amountFen ?? null)}::int[],
                    ${col((l) => l.payment?.businessDay ?? null)}::text[], ${col((l) => l.payment?.status ?? null)}::text[])
          AS l(line_no, result, diff, bank_ref, license_no, merchant_id, day, kind, amount_fen, payment_id, payment_merchant_id, payment_amount_fen, payment_day, payment_status)`;
  }
}

// ───────────── reading what was imported ─────────────

export interface StatementSummary {
  id: number;
  businessDay: string;
  fileName: string;
  sha256: string;
  lineCount: number;
  capturedFen: bigint;
  counts: Record<LineResult, number>;
  merchantDaysDiffer: number;
  importedAt: Date;
  importedBy: string | null;
}

const SUMMARY_SELECT = {
  id: true, businessDay: true, fileName: true, sha256: true, lineCount: true, capturedFen: true, matchedCount: true, mismatchedCount: true,
  unmatchedCount: true, missingCount: true, merchantDaysDiffer: true, importedAt: true, importedBy: { select: { displayName: true } },
} as const;

type SummaryRow = Prisma.BankStatementGetPayload<{ select: typeof SUMMARY_SELECT }>;

function summaryOf(row: SummaryRow): StatementSummary {
  return {
    id: row.id, businessDay: dateAsDay(row.businessDay), fileName: row.fileName, sha256: row.sha256, lineCount: row.lineCount, capturedFen: row.capturedFen,
    counts: { matched: row.matchedCount, mismatched: row.mismatchedCount, unmatched: row.unmatchedCount, missing_from_statement: row.missingCount },
    merchantDaysDiffer: row.merchantDaysDiffer, importedAt: row.importedAt, importedBy: row.importedBy?.displayName ?? null,
  };
}

/** The programme's imports, newest first. */
export async function listStatements(db: Db, actor: Actor, take = 50): Promise<StatementSummary[]> {
  const programme = await programmeOf(db, actor);
  if (!programme) return [];
  const rows = await db.bankStatement.findMany({ where: { programmeId: programme.id }, orderBy: { id: 'desc' }, take, select: SUMMARY_SELECT });
  return rows.map(summaryOf);
}

/** One import of the actor's programme, or null (another programme's, or none). */
export async function getStatement(db: Db, actor: Actor, id: number): Promise<StatementSummary | null> {
  const programme = await programmeOf(db, actor);
  if (!programme) return null;
  const row = await db.bankStatement.findFirst({ where: { id, programmeId: programme.id }, select: SUMMARY_SELECT });
  return row ? summaryOf(row) : null;
}

/** Which lines a view shows: the exceptions (everything but matched), one result, or all. */
export type LineFilter = 'exceptions' | 'all' | LineResult;

export interface MerchantRef {
  id: number;
  shopName: string;
  licenseNo: string;
}

export interface StatementLineRow {
  id: bigint;
  lineNo: number | null;
  result: LineResult;
  differences: string[];
  bankRef: string;
  statement: { licenseNo: string; merchant: MerchantRef | null; businessDay: string; kind: string; amountFen: number } | null;
  payment: { merchant: MerchantRef | null; businessDay: string; status: string; amountFen: number } | null;
}

/** A merchant-day as stored, with the merchant's name for the page. */
export interface MerchantDayRow extends ReconciledMerchantDay {
  merchant: MerchantRef | null;
}

function resultWhere(filter: LineFilter): Prisma.BankStatementLineWhereInput {
  if (filter === 'all') return {};
  if (filter === 'exceptions') return { result: { not: 'matched' } };
  return { result: filter };
}

async function merchantsById(db: Db, ids: Iterable<number | null>): Promise<Map<number, MerchantRef>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.merchant.findMany({ where: { id: { in: wanted } }, select: { id: true, shopName: true, licenseNo: true } });
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Lines of an import of the actor's programme, in file order (missing payments last, by reference).
 * `paging` null gives every line of the filter (the downloads); else one page, the page asked for
 * clamped into the pages there are.
 */
export async function statementLines(
  db: Db, actor: Actor, statementId: number, filter: LineFilter, paging: { page: number; pageSize: number } | null,
): Promise<{ rows: StatementLineRow[]; total: number; page: number; pages: number } | null> {
  const statement = await getStatement(db, actor, statementId);
  if (!statement) return null;
  const where = { statementId, ...resultWhere(filter) };
  const total = await db.bankStatementLine.count({ where });
  const window = paging ? pageWindow(total, paging.page, paging.pageSize) : null;
  const rows = await db.bankStatementLine.findMany({
    where,
    orderBy: [{ lineNo: { sort: 'asc', nulls: 'last' } }, { bankRef: 'asc' }],
    ...(window ? { skip: window.skip, take: window.take } : {}),
  });
  // Merchants named on lines are the programme's (merchantId is resolved only among them) and the
  // payments read were the programme's: their names are the bank's to see.
  const merchants = await merchantsById(db, rows.flatMap((row) => [row.merchantId, row.paymentMerchantId]));
  const ref = (id: number | null) => (id === null ? null : merchants.get(id) ?? null);
  return {
    total,
    page: window?.page ?? 1,
    pages: window?.pages ?? 1,
    rows: rows.map((row) => ({
      id: row.id, lineNo: row.lineNo, result: row.result, differences: row.differences, bankRef: row.bankRef,
      statement: row.licenseNo !== null && row.businessDay && row.kind && row.amountFen !== null
        ? { licenseNo: row.licenseNo, merchant: ref(row.merchantId), businessDay: dateAsDay(row.businessDay), kind: row.kind, amountFen: row.amountFen }
        : null,
      payment: row.paymentBusinessDay && row.paymentStatus !== null && row.paymentAmountFen !== null
        ? { merchant: ref(row.paymentMerchantId), businessDay: dateAsDay(row.paymentBusinessDay), status: row.paymentStatus, amountFen: row.paymentAmountFen }
        : null,
    })),
  };
}

/** Merchant-days of an import: all, or only those whose totals do not agree. */
export async function statementMerchantDays(db: Db, actor: Actor, statementId: number, onlyExceptions: boolean): Promise<MerchantDayRow[] | null> {
  const statement = await getStatement(db, actor, statementId);
  if (!statement) return null;
  const rows = await db.bankStatementMerchantDay.findMany({
    where: { statementId, ...(onlyExceptions ? { result: { not: 'agrees' } } : {}) },
    orderBy: { merchantId: 'asc' },
  });
  const merchants = await merchantsById(db, rows.map((row) => row.merchantId));
  return rows.map((row) => ({
    merchant: merchants.get(row.merchantId) ?? null, merchantId: row.merchantId, statementCount: row.statementCount, statementFen: row.statementFen,
    settlementId: row.settlementId, settlementGrossFen: row.settlementGrossFen, result: row.result,
  }));
}
