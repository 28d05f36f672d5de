// Matching bank payments to the trade, as pure plans: lib/db/payment-intake.ts reads the facts
// (receipts, weighings, earlier payments), asks these functions what to write, and writes it in one
// statement. Kept pure so every rule below has a unit test without a database.
//
// The rules:
// - A capture matches the weighing of its receipt token when that weighing was paid by bank QR at a
//   merchant of the notifying programme: `matched` when the amount equals the weighing's price,
//   `amount_mismatch` (kept, an exception) when not. No receipt yet → `waiting` (the payment came
//   before its weighing; the matcher retries). A receipt of a cash or card weighing, of a merchant
//   outside the programme (the bank must not learn of it), or one already paid → `unmatched`.
// - A refund or reversal matches its original capture (by originalRef) and takes its merchant:
//   `amount_mismatch` when it undoes more than the capture; `waiting` while the original has not
//   arrived or is itself waiting (notifications may come in any order); `unmatched` when the
//   original is unmatched or is not a capture.
// - A payment still `waiting` after WAITING_LIMIT_MS becomes `unmatched`: an exception for the bank.
// - One payment per bank reference: a repeat with the same content is a duplicate (counted once); a
//   repeat with different content is a conflict, kept apart and never applied.
import { createHash } from 'node:crypto';
import { businessDay } from '../business-day.ts';
import { canonicalForm } from '../protocol/canonical.ts';
import type { Match, Notification, Outcome, PaymentKind } from './webhook.ts';

/** How long a payment may wait for its weighing (or original) before it is an exception. Scales
 *  store and forward through short outages; ten minutes covers those and keeps the queue honest. */
export const WAITING_LIMIT_MS = 10 * 60_000;

/** What the database knows of a receipt token. */
export interface ReceiptFacts {
  token: string;
  weighingId: bigint;
  merchantId: number | null;
  /** the programme the weighing's merchant is enrolled in (null: none) */
  merchantProgrammeId: number | null;
  priceFen: number;
  bankQr: boolean;
  /** a capture is already matched to this weighing */
  alreadyPaid: boolean;
}

/** What the database (or the same batch) knows of a payment a refund or reversal undoes. */
export interface OriginalFacts {
  ref: string;
  status: PaymentKind;
  amountFen: number;
  merchantId: number | null;
  match: Match;
}

export interface MatchDecision {
  match: Match;
  merchantId: number | null;
  weighingId: bigint | null;
}

/** A capture against what is known of its receipt (undefined: no such receipt yet). */
export function matchCapture(programmeId: number, amountFen: number, receipt: ReceiptFacts | undefined): MatchDecision {
  if (!receipt) return { match: 'waiting', merchantId: null, weighingId: null };
  const ours = receipt.merchantId !== null && receipt.merchantProgrammeId === programmeId;
  if (!ours || !receipt.bankQr || receipt.alreadyPaid) return { match: 'unmatched', merchantId: null, weighingId: null };
  return { match: amountFen === receipt.priceFen ? 'matched' : 'amount_mismatch', merchantId: receipt.merchantId, weighingId: receipt.weighingId };
}

/** A refund or reversal against its original (undefined: not recorded yet). */
export function matchUndo(amountFen: number, original: OriginalFacts | undefined): MatchDecision {
  if (!original || original.match === 'waiting') return { match: 'waiting', merchantId: null, weighingId: null };
  if (original.status !== 'captured' || original.match === 'unmatched' || original.merchantId === null) {
    return { match: 'unmatched', merchantId: null, weighingId: null };
  }
  return { match: amountFen > original.amountFen ? 'amount_mismatch' : 'matched', merchantId: original.merchantId, weighingId: null };
}

/** A payment row to insert. */
export interface PlannedPayment extends MatchDecision {
  ref: string;
  status: PaymentKind;
  amountFen: number;
  paidAt: Date;
  businessDay: string;
  receiptToken: string | null;
  originalRef: string | null;
}

/** What became of each notification of a request, before the database has had its say. */
export type BatchEntry =
  | { kind: 'first'; ref: string; plan: PlannedPayment }
  /** the same ref earlier in this request: `same` tells a duplicate from a conflict */
  | { kind: 'repeat'; ref: string; same: boolean; notification: Notification };

/** Whether two notifications of one ref say the same thing (the instant compared, not its spelling). */
export function sameNotification(a: Notification, b: Notification): boolean {
  if (a.kind !== b.kind || a.ref !== b.ref || a.amountFen !== b.amountFen || Date.parse(a.at) !== Date.parse(b.at)) return false;
  if (a.kind === 'captured') return b.kind === 'captured' && a.receiptToken === b.receiptToken;
  return b.kind !== 'captured' && a.originalRef === b.originalRef;
}

/** A recorded payment as a notification, to compare a repeat with. */
export function notificationOf(row: { bankRef: string; status: PaymentKind; amountFen: number; paidAt: Date; receiptToken: string | null; originalRef: string | null }): Notification {
  const common = { ref: row.bankRef, amountFen: row.amountFen, at: row.paidAt.toISOString() };
  return row.status === 'captured'
    ? { kind: 'captured', ...common, receiptToken: row.receiptToken ?? '' }
    : { kind: row.status, ...common, originalRef: row.originalRef ?? '' };
}

/** sha-256 of the notification's canonical JSON: one conflict row however often it is repeated. */
export function contentHash(notification: Notification): string {
  return createHash('sha256').update(canonicalForm(notification as unknown as Record<string, unknown>)).digest('hex');
}

/**
 * Plans a request: the first notification of each ref becomes a payment (captures first, so a
 * refund finds a capture of the same request), later ones of the same ref are repeats.
 * `receipts` holds the facts of every capture's token that exists; `originals` those of every
 * original ref recorded before this request.
 */
export function planBatch(
  programmeId: number,
  notifications: readonly Notification[],
  receipts: ReadonlyMap<string, ReceiptFacts>,
  originals: ReadonlyMap<string, OriginalFacts>,
): BatchEntry[] {
  const firsts = new Map<string, Notification>();
  const entries: (BatchEntry | undefined)[] = notifications.map((notification) => {
    const first = firsts.get(notification.ref);
    if (first) return { kind: 'repeat', ref: notification.ref, same: sameNotification(first, notification), notification };
    firsts.set(notification.ref, notification);
    return undefined;
  });
  const paidHere = new Set<bigint>();
  const planned = new Map<string, PlannedPayment>();
  const plan = (n: Notification, decision: MatchDecision): PlannedPayment => ({
    ref: n.ref, status: n.kind, amountFen: n.amountFen, paidAt: new Date(n.at), businessDay: businessDay(new Date(n.at)),
    receiptToken: n.kind === 'captured' ? n.receiptToken : null, originalRef: n.kind === 'captured' ? null : n.originalRef, ...decision,
  });
  for (const n of firsts.values()) {
    if (n.kind !== 'captured') continue;
    const receipt = receipts.get(n.receiptToken);
    const facts = receipt && paidHere.has(receipt.weighingId) ? { ...receipt, alreadyPaid: true } : receipt;
    const decision = matchCapture(programmeId, n.amountFen, facts);
    if (decision.weighingId !== null) paidHere.add(decision.weighingId);
    planned.set(n.ref, plan(n, decision));
  }
  for (const n of firsts.values()) {
    if (n.kind === 'captured') continue;
    const here = planned.get(n.originalRef);
    const original: OriginalFacts | undefined = here
      ? { ref: here.ref, status: here.status, amountFen: here.amountFen, merchantId: here.merchantId, match: here.match }
      : originals.get(n.originalRef);
    planned.set(n.ref, plan(n, matchUndo(n.amountFen, original)));
  }
  return entries.map((entry, index) => entry ?? { kind: 'first', ref: notifications[index]!.ref, plan: planned.get(notifications[index]!.ref)! });
}

/** The response outcome of a first notification, once the insert has told whether its ref was new. */
export function outcomeOfFirst(inserted: boolean, recorded: Notification | undefined, sent: Notification): Outcome {
  if (inserted) return 'accepted';
  return recorded && sameNotification(recorded, sent) ? 'duplicate' : 'conflict';
}
