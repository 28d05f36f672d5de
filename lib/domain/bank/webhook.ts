// The bank's payment webhook (POST /api/bank/payments), defined once: the route parses with these
// schemas, the bank simulator builds its requests from their types, and the /bank-api page and the
// OpenAPI document (/openapi.json) are generated from them.
//
// Authentication, like Stripe's and GitHub's webhooks: the bank signs "<timestamp>.<raw body>" with
// HMAC-SHA256 keyed with its programme's webhook secret; the timestamp is part of what is signed, so
// a captured request cannot be replayed once it is older than MAX_SKEW_SECONDS. The key is the
// secret STRING's UTF-8 bytes (as for scale secrets), so anyone can check a signature with
//   printf '%s' "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { receiptTokenSchema } from '../receipt.ts';

export const PROGRAMME_HEADER = 'x-sunshine-programme';
export const TIMESTAMP_HEADER = 'x-sunshine-timestamp';
export const SIGNATURE_HEADER = 'x-sunshine-signature';

/** A timestamp further than this from the platform's clock (either way) is refused. */
export const MAX_SKEW_SECONDS = 300;
/** Notifications in one request; more is refused whole (413), never cut short. */
export const MAX_NOTIFICATIONS = 1000;
/** Request body limit: 1 000 notifications of the longest legal form fit well inside it. */
export const MAX_BODY_BYTES = 1_048_576;
/** Largest amount of one payment: 1 000 000 yuan, far above any market sale. */
export const MAX_AMOUNT_FEN = 100_000_000;

export const PAYMENT_KINDS = ['captured', 'refunded', 'reversed'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const OUTCOMES = ['accepted', 'duplicate', 'conflict'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const MATCHES = ['matched', 'amount_mismatch', 'waiting', 'unmatched'] as const;
export type Match = (typeof MATCHES)[number];

/** Why a request was refused; `status` is its HTTP status. The response body is `{ error: reason }`. */
export const REFUSALS = {
  missing_headers: 401,
  stale_timestamp: 401,
  bad_signature: 401,
  too_large: 413,
  too_many_notifications: 413,
  not_json: 400,
  invalid_body: 400,
} as const;
export type Refusal = keyof typeof REFUSALS;

const bankRef = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .meta({ description: "The bank's transaction reference: unique per transaction, the idempotency key (1–64 of A–Z a–z 0–9 _ -)." });

const common = {
  ref: bankRef,
  amountFen: z.int().min(1).max(MAX_AMOUNT_FEN).meta({ description: 'Amount of the transaction in fen (0.01 yuan), a positive integer; the kind gives its direction.' }),
  at: z.iso.datetime({ offset: true }).meta({ description: "When the bank made the transaction: ISO 8601 with Z or ±hh:mm. Decides the payment's business day (Asia/Shanghai)." }),
};

export const capturedNotification = z
  .strictObject({
    kind: z.literal('captured').meta({ description: 'The shopper paid by the programme bank’s QR code.' }),
    ...common,
    receiptToken: receiptTokenSchema.meta({ description: 'The token of the receipt QR code the shopper scanned to pay: matches the payment to its weighing.' }),
  })
  .meta({ title: 'Captured payment' });

export const undoNotification = z
  .strictObject({
    kind: z.enum(['refunded', 'reversed']).meta({ description: 'refunded: money given back to the shopper; reversed: the capture cancelled (e.g. on the same day).' }),
    ...common,
    originalRef: bankRef.meta({ description: 'The ref of the capture this refund or reversal undoes.' }),
  })
  .meta({ title: 'Refund or reversal' });

export const notificationSchema = z.discriminatedUnion('kind', [capturedNotification, undoNotification]);
export type Notification = z.infer<typeof notificationSchema>;

export const notificationsBody = z
  .strictObject({
    notifications: z.array(notificationSchema).min(1).max(MAX_NOTIFICATIONS).meta({ description: `1 to ${MAX_NOTIFICATIONS} notifications, in any order.` }),
  })
  .meta({ title: 'Payment notifications' });
export type NotificationsBody = z.infer<typeof notificationsBody>;

export const notificationResult = z
  .strictObject({
    ref: bankRef,
    outcome: z.enum(OUTCOMES).meta({
      description: 'accepted: recorded now; duplicate: this ref was already recorded with the same content (counted once); conflict: this ref was recorded with different content: the new content is kept as an exception, never applied.',
    }),
    match: z.enum(MATCHES).meta({
      description: 'How the payment recorded under this ref stands: matched; amount_mismatch (differs from the weighing’s price or exceeds its original); waiting (its weighing or original has not arrived yet: matched when it does); unmatched (an exception).',
    }),
  })
  .meta({ title: 'Result of one notification' });
export type NotificationResult = z.infer<typeof notificationResult>;

export const notificationsResponse = z
  .strictObject({ results: z.array(notificationResult).meta({ description: 'One result per notification, in the order of the request.' }) })
  .meta({ title: 'Results' });
export type NotificationsResponse = z.infer<typeof notificationsResponse>;

export const refusalResponse = z
  .strictObject({
    error: z.enum(Object.keys(REFUSALS) as [Refusal, ...Refusal[]]),
    issues: z
      .array(z.strictObject({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'invalid_body only: each problem with its path, e.g. notifications.3.amountFen.' }),
  })
  .meta({ title: 'Refusal' });

/** Lowercase hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret's UTF-8 bytes. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  hmac.update(`${timestamp}.`, 'utf8');
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return hmac.digest('hex');
}

/** The X-Sunshine-Signature header value. */
export function signatureHeader(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  return `v1=${webhookSignature(secret, timestamp, rawBody)}`;
}

/** Whether the header carries the right v1 signature (a comma-separated list may carry several, so
 *  a bank can sign with the old and the new secret while one is rotated). Constant-time compare. */
export function verifyWebhookSignature(secret: string, timestamp: string, rawBody: Uint8Array, header: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody), 'hex');
  return header.split(',').some((part) => {
    const match = /^\s*v1=([0-9a-f]{64})\s*$/.exec(part);
    return match !== null && timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
  });
}

/** The timestamp header is unix seconds (digits only) within MAX_SKEW_SECONDS of `now`. */
export function timestampIsFresh(header: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(header)) return false;
  return Math.abs(Number(header) - now.getTime() / 1000) <= MAX_SKEW_SECONDS;
}

/** zod issues as `path: message` pairs, the path joined with dots (notifications.3.amountFen). */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}
