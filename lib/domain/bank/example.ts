// The worked example of the bank webhook, shown on /bank-api and in /openapi.json and checked
// against the real openssl binary by a unit test. The secret is public: no programme uses it.
import { shellQuote } from '../protocol/example.ts';
import { signatureHeader, webhookSignature, type NotificationsBody, type NotificationsResponse } from './webhook.ts';

export const EXAMPLE_WEBHOOK_SECRET = '1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100';
export const EXAMPLE_PROGRAMME = '1';
/** 2026-03-14T01:27:00Z = 09:27:00 in Hengyang, a few seconds after the worked example's weighing. */
export const EXAMPLE_TIMESTAMP = '1773451620';

export const EXAMPLE_BODY: NotificationsBody = {
  notifications: [
    { kind: 'captured', ref: 'CCB202603140000012345', amountFen: 865, at: '2026-03-14T09:26:58+08:00', receiptToken: 'g6R9dhYKzRFxCHY1D-uq7w' },
    { kind: 'refunded', ref: 'CCB202603140000012399', amountFen: 865, at: '2026-03-14T09:40:12+08:00', originalRef: 'CCB202603140000012345' },
  ],
};

export const EXAMPLE_RESPONSE: NotificationsResponse = {
  results: [
    { ref: 'CCB202603140000012345', outcome: 'accepted', match: 'matched' },
    { ref: 'CCB202603140000012399', outcome: 'accepted', match: 'matched' },
  ],
};

export interface WebhookExample {
  secret: string;
  programme: string;
  timestamp: string;
  body: string;
  signed: string;
  signature: string;
  header: string;
  opensslCommand: string;
  curlCommand: string;
}

export function webhookExample(origin = 'https://<host>'): WebhookExample {
  const body = JSON.stringify(EXAMPLE_BODY);
  const signature = webhookSignature(EXAMPLE_WEBHOOK_SECRET, EXAMPLE_TIMESTAMP, body);
  const header = signatureHeader(EXAMPLE_WEBHOOK_SECRET, EXAMPLE_TIMESTAMP, body);
  return {
    secret: EXAMPLE_WEBHOOK_SECRET,
    programme: EXAMPLE_PROGRAMME,
    timestamp: EXAMPLE_TIMESTAMP,
    body,
    signed: `${EXAMPLE_TIMESTAMP}.${body}`,
    signature,
    header,
    opensslCommand: `printf '%s' ${shellQuote(`${EXAMPLE_TIMESTAMP}.${body}`)} | openssl dgst -sha256 -hmac ${shellQuote(EXAMPLE_WEBHOOK_SECRET)}`,
    curlCommand: [
      `curl -X POST ${origin}/api/bank/payments`,
      `  -H 'content-type: application/json'`,
      `  -H 'X-Sunshine-Programme: ${EXAMPLE_PROGRAMME}'`,
      `  -H 'X-Sunshine-Timestamp: ${EXAMPLE_TIMESTAMP}'`,
      `  -H 'X-Sunshine-Signature: ${header}'`,
      `  --data-binary ${shellQuote(body)}`,
    ].join(' \\\n'),
  };
}
