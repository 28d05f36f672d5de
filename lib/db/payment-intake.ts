// The writes of the bank's payment intake: a request's notifications become Payment rows in one
// INSERT … SELECT FROM unnest (one statement per request, not a row per notification), idempotent
// on the bank's reference through ON CONFLICT DO NOTHING, so two requests carrying the same ref at
// the same moment record it once (the second waits for the first's commit, then sees it). The
// decisions are the pure plans of lib/domain/bank/match-plan.ts.
import type pg from 'pg';
import {
  contentHash, matchCapture, matchUndo, notificationOf, outcomeOfFirst, planBatch, WAITING_LIMIT_MS,
  type OriginalFacts, type PlannedPayment, type ReceiptFacts,
} from '../domain/bank/match-plan.ts';
import type { Match, Notification, NotificationResult, PaymentKind } from '../domain/bank/webhook.ts';
import { inTransaction } from './transaction.ts';

type Queryable = pg.Pool | pg.PoolClient | pg.Client;

const RECEIPT_FACTS = `
  SELECT r.token, r."weighingId", w."merchantId", m."programmeId" AS "merchantProgrammeId", w."priceFen",
         (w."paymentMethod" = 'bank_qr') AS "bankQr",
         EXISTS (SELECT 1 FROM "Payment" p
                  WHERE p."weighingId" = r."weighingId" AND p.status = 'captured' AND p.match IN ('matched', 'amount_mismatch')) AS "alreadyPaid"
    FROM "Receipt" r
    JOIN "Weighing" w ON w.id = r."weighingId" AND w."scaleTime" = r."issuedAt"
    LEFT JOIN "Merchant" m ON m.id = w."merchantId"
   WHERE r.token = ANY($1::text[])`;

interface ReceiptRow { token: string; weighingId: string; merchantId: number | null; merchantProgrammeId: number | null; priceFen: number; bankQr: boolean; alreadyPaid: boolean }

async function receiptFacts(db: Queryable, tokens: string[]): Promise<Map<string, ReceiptFacts>> {
  if (!tokens.length) return new Map();
  const { rows } = await db.query<ReceiptRow>(RECEIPT_FACTS, [tokens]);
  return new Map(rows.map((row) => [row.token, { ...row, weighingId: BigInt(row.weighingId) }]));
}

async function originalFacts(db: Queryable, refs: string[]): Promise<Map<string, OriginalFacts>> {
  if (!refs.length) return new Map();
  const { rows } = await db.query<OriginalFacts>(
    'SELECT "bankRef" AS ref, status, "amountFen", "merchantId", match FROM "Payment" WHERE "bankRef" = ANY($1::text[])',
    [refs],
  );
  return new Map(rows.map((row) => [row.ref, row]));
}

const INSERT_PAYMENTS = `
  INSERT INTO "Payment" ("bankRef", status, "amountFen", "paidAt", "businessDay", "receiptToken", "originalRef", match,
                         "merchantId", "weighingId", "programmeId", "receivedAt", "matchedAt")
  SELECT t.ref, t.status, t.amount, t.paid, t.day, t.token, t.orig, t.match, t.merchant, t.weighing, $11, $12,
         CASE WHEN t.match IN ('matched', 'amount_mismatch') THEN $12::timestamptz END
    FROM unnest($1::text[], $2::"PaymentStatus"[], $3::int[], $4::timestamptz[], $5::date[], $6::text[], $7::text[],
                $8::"PaymentMatch"[], $9::int[], $10::bigint[])
         AS t(ref, status, amount, paid, day, token, orig, match, merchant, weighing)
  ON CONFLICT ("bankRef") DO NOTHING
  RETURNING "bankRef"`;

interface RecordedRow { bankRef: string; status: PaymentKind; amountFen: number; paidAt: Date; receiptToken: string | null; originalRef: string | null; match: Match; programmeId: number | null }

/**
 * Records a request's notifications for a programme and answers one result per notification, in
 * order. Every notification leaves a trace: a new payment, a duplicate of one (nothing written), or
 * a conflict (kept in PaymentConflict). One transaction: a failure writes nothing.
 */
export async function recordNotifications(pool: pg.Pool, programmeId: number, notifications: Notification[], now: Date): Promise<NotificationResult[]> {
  const firstTokens = new Set<string>();
  const firstOriginals = new Set<string>();
  for (const n of notifications) {
    if (n.kind === 'captured') firstTokens.add(n.receiptToken);
    else firstOriginals.add(n.originalRef);
  }
  const [receipts, originals] = await Promise.all([receiptFacts(pool, [...firstTokens]), originalFacts(pool, [...firstOriginals])]);
  const entries = planBatch(programmeId, notifications, receipts, originals);
  // a fixed order of keys: two requests inserting the same refs cannot deadlock on the unique index
  const plans = entries.flatMap((entry) => (entry.kind === 'first' ? [entry.plan] : [])).sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));

  return inTransaction(pool, async (client) => {
    const inserted = new Set((await client.query<{ bankRef: string }>(INSERT_PAYMENTS, [...paymentColumns(plans), programmeId, now])).rows.map((row) => row.bankRef));
    const existingRefs = plans.filter((plan) => !inserted.has(plan.ref)).map((plan) => plan.ref);
    const recorded = new Map<string, RecordedRow>();
    if (existingRefs.length) {
      const { rows } = await client.query<RecordedRow>(
        `SELECT "bankRef", status, "amountFen", "paidAt", "receiptToken", "originalRef", match, "programmeId" FROM "Payment" WHERE "bankRef" = ANY($1::text[])`,
        [existingRefs],
      );
      for (const row of rows) recorded.set(row.bankRef, row);
    }
    const planOf = new Map(plans.map((plan) => [plan.ref, plan]));
    const results: NotificationResult[] = [];
    const conflicts: Notification[] = [];
    entries.forEach((entry, index) => {
      const sent = notifications[index]!;
      const row = recorded.get(entry.ref);
      // another programme's payment under this ref: say nothing of how it stands
      const foreign = row !== undefined && row.programmeId !== programmeId;
      const match: Match = inserted.has(entry.ref) ? planOf.get(entry.ref)!.match : row && !foreign ? row.match : 'unmatched';
      let outcome = outcomeOfFirst(inserted.has(entry.ref), row && !foreign ? notificationOf(row) : undefined, sent);
      if (entry.kind === 'repeat') outcome = entry.same && outcome !== 'conflict' ? 'duplicate' : 'conflict';
      if (outcome === 'conflict') conflicts.push(sent);
      results.push({ ref: entry.ref, outcome, match });
    });
    if (conflicts.length) {
      await client.query(
        `INSERT INTO "PaymentConflict" ("programmeId", "bankRef", "contentHash", notification, "receivedAt")
         SELECT $1, t.ref, t.hash, t.body, $5 FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS t(ref, hash, body)
         ON CONFLICT ("bankRef", "contentHash") DO NOTHING`,
        [programmeId, conflicts.map((n) => n.ref), conflicts.map(contentHash), conflicts.map((n) => JSON.stringify(n)), now],
      );
    }
    return results;
  });
}

function paymentColumns(plans: PlannedPayment[]): unknown[] {
  return [
    plans.map((p) => p.ref), plans.map((p) => p.status), plans.map((p) => p.amountFen), plans.map((p) => p.paidAt),
    plans.map((p) => p.businessDay), plans.map((p) => p.receiptToken), plans.map((p) => p.originalRef), plans.map((p) => p.match),
    plans.map((p) => p.merchantId), plans.map((p) => (p.weighingId === null ? null : p.weighingId.toString())),
  ];
}

export interface MatcherRun {
  matched: number;
  unmatched: number;
  stillWaiting: number;
}

interface WaitingRow { id: string; bankRef: string; status: PaymentKind; amountFen: number; programmeId: number | null; receiptToken: string | null; originalRef: string | null; receivedAt: Date }

/** At most this many waiting payments per run: a backlog is worked off over a few runs. */
const MATCHER_BATCH = 5000;

/**
 * Matches payments that came before their weighing (or their original) now that it may be there,
 * and turns those still waiting after `limitMs` into unmatched exceptions. Run on every webhook call
 * (throttled) and on a timer in the ingest worker; several at once skip each other's rows.
 */
export async function matchWaitingPayments(pool: pg.Pool, now: Date = new Date(), limitMs: number = WAITING_LIMIT_MS): Promise<MatcherRun> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<WaitingRow>(
      `SELECT id, "bankRef", status, "amountFen", "programmeId", "receiptToken", "originalRef", "receivedAt"
         FROM "Payment" WHERE match = 'waiting' ORDER BY "receivedAt" LIMIT ${MATCHER_BATCH} FOR UPDATE SKIP LOCKED`,
    );
    if (!rows.length) return { matched: 0, unmatched: 0, stillWaiting: 0 };
    const captures = rows.filter((row) => row.status === 'captured');
    const undos = rows.filter((row) => row.status !== 'captured');
    const receipts = await receiptFacts(client, captures.flatMap((row) => (row.receiptToken ? [row.receiptToken] : [])));
    const originals = await originalFacts(client, undos.flatMap((row) => (row.originalRef ? [row.originalRef] : [])));
    const paidHere = new Set<bigint>();
    const updates: { id: string; match: Match; merchantId: number | null; weighingId: bigint | null }[] = [];
    const decide = (row: WaitingRow, decision: { match: Match; merchantId: number | null; weighingId: bigint | null }) => {
      const expired = now.getTime() - row.receivedAt.getTime() >= limitMs;
      const match = decision.match === 'waiting' && expired ? 'unmatched' : decision.match;
      if (match !== 'waiting') updates.push({ id: row.id, match, merchantId: decision.merchantId, weighingId: decision.weighingId });
      return match;
    };
    for (const row of captures) {
      const receipt = row.receiptToken ? receipts.get(row.receiptToken) : undefined;
      const facts = receipt && paidHere.has(receipt.weighingId) ? { ...receipt, alreadyPaid: true } : receipt;
      const decision = row.programmeId === null ? { match: 'unmatched' as const, merchantId: null, weighingId: null } : matchCapture(row.programmeId, row.amountFen, facts);
      if (decision.weighingId !== null) paidHere.add(decision.weighingId);
      const match = decide(row, decision);
      // a refund waiting on this capture sees it as it is now
      if (originals.has(row.bankRef) || undos.some((undo) => undo.originalRef === row.bankRef)) {
        originals.set(row.bankRef, { ref: row.bankRef, status: 'captured', amountFen: row.amountFen, merchantId: decision.merchantId, match });
      }
    }
    for (const row of undos) decide(row, matchUndo(row.amountFen, row.originalRef ? originals.get(row.originalRef) : undefined));
    if (updates.length) {
      await client.query(
        `UPDATE "Payment" p SET match = u.match, "merchantId" = u.merchant, "weighingId" = u.weighing,
                "matchedAt" = CASE WHEN u.match IN ('matched', 'amount_mismatch') THEN $5::timestamptz END
           FROM unnest($1::bigint[], $2::"PaymentMatch"[], $3::int[], $4::bigint[]) AS u(id, match, merchant, weighing)
          WHERE p.id = u.id`,
        [updates.map((u) => u.id), updates.map((u) => u.match), updates.map((u) => u.merchantId), updates.map((u) => u.weighingId?.toString() ?? null), now],
      );
    }
    const unmatched = updates.filter((u) => u.match === 'unmatched').length;
    return { matched: updates.length - unmatched, unmatched, stillWaiting: rows.length - updates.length };
  });
}
