// A receipt token is made by the scale and printed before the platform sees the weighing, so the
// platform cannot refuse a token it already knows: the purchase happened, its weighing is genuine
// and must be stored. What it must never do is show one shopper another's purchase. The rule:
//   - the first weighing stored with a token owns it (first by COMMIT across batches, lanes and
//     workers — the unique token decides — and by arrival within a batch);
//   - a later, different weighing carrying the same token is stored with the finding
//     `receipt_reused` and a receipt of its own under a DERIVED token, keeping the printed token
//     beside it (`Receipt.printedToken`);
//   - once a printed token is known to be reused, /v/<printed token> shows neither purchase (the
//     paper in the shopper's hand may belong to either) but says the code cannot be verified.
// A redelivery of the same weighing (same scale and seq) is a duplicate, decided before this rule
// by the sequence bookkeeping; within one list of claims it is recognised by its weighing key.
// Pure: the caller says which tokens stored receipts already own.
import { createHash } from 'node:crypto';

/** The finding a weighing gets when its printed receipt token already belonged to another weighing. */
export const RECEIPT_REUSED = 'receipt_reused';

// Versioned: a change of derivation must never give an already stored weighing a second token.
const DERIVATION_LABEL = 'sunshine-scale/receipt-reused/v1\u0000';

/**
 * The token a weighing's own receipt gets when its printed one is taken: the first 128 bits of
 * SHA-256(label ‖ the weighing's signature), base64url without padding — 22 characters, the format
 * the protocol allows for printed tokens (lib/domain/protocol/messages.ts), so every page and
 * route that takes a token takes it. Deterministic: a retried batch derives the same token again.
 * The signature is an HMAC with the scale's secret over the whole message, different for every
 * weighing and known only to the scale and the platform, so the token is as unguessable.
 */
export function derivedReceiptToken(signature: Uint8Array): string {
  return createHash('sha256').update(DERIVATION_LABEL).update(signature).digest().subarray(0, 16).toString('base64url');
}

export interface ReceiptClaim {
  /** the weighing, as "scaleId:seq": two claims with the same key are the same weighing */
  weighing: string;
  /** the token the scale printed */
  printed: string;
  /** the weighing's signature (bytes of its HMAC-SHA256) */
  signature: Uint8Array;
}

export type ReceiptPlan =
  /** the weighing owns its printed token */
  | { kind: 'owns'; token: string }
  /** another weighing owns the printed token: this one's receipt is stored under `token` (derived) */
  | { kind: 'reused'; token: string; printedToken: string }
  /** the same weighing again: nothing to store */
  | { kind: 'duplicate' };

/**
 * The receipt each claim gets, in the order given (arrival order): `taken` holds printed tokens
 * that receipts of OTHER, already stored weighings own.
 */
export function planReceipts(claims: readonly ReceiptClaim[], taken: ReadonlySet<string> = new Set()): ReceiptPlan[] {
  const owners = new Map<string, string>(); // printed token → the weighing in this list that owns it
  const planned = new Set<string>();
  return claims.map((claim): ReceiptPlan => {
    if (planned.has(claim.weighing)) return { kind: 'duplicate' };
    planned.add(claim.weighing);
    if (!taken.has(claim.printed) && !owners.has(claim.printed)) {
      owners.set(claim.printed, claim.weighing);
      return { kind: 'owns', token: claim.printed };
    }
    return { kind: 'reused', token: derivedReceiptToken(claim.signature), printedToken: claim.printed };
  });
}
