// The OpenAPI 3.1 document of the bank's payment webhook, generated from the zod schemas of
// webhook.ts so it cannot drift from what the route accepts (the way the device protocol's AsyncAPI
// document is made). scripts/openapi.ts writes it to public/openapi.json (served as /openapi.json);
// a unit test holds the committed file equal to a fresh build.
import { z } from 'zod';
import { EXAMPLE_BODY, EXAMPLE_PROGRAMME, EXAMPLE_RESPONSE, EXAMPLE_TIMESTAMP, EXAMPLE_WEBHOOK_SECRET, webhookExample } from './example.ts';
import { WAITING_LIMIT_MS } from './match-plan.ts';
import {
  MAX_BODY_BYTES, MAX_NOTIFICATIONS, MAX_SKEW_SECONDS, notificationsBody, notificationsResponse, REFUSALS, refusalResponse, type Refusal,
} from './webhook.ts';

/** What each refusal means (English; the /bank-api page has zh-CN and en in the catalogue). */
export const REFUSAL_MEANINGS: Record<Refusal, string> = {
  missing_headers: 'X-Sunshine-Programme, X-Sunshine-Timestamp or X-Sunshine-Signature is missing or malformed.',
  stale_timestamp: `X-Sunshine-Timestamp is more than ${MAX_SKEW_SECONDS} s from the platform's clock: keep the clock on NTP, and sign each attempt afresh.`,
  bad_signature: 'The signature does not verify, or the programme is unknown (the two are not told apart).',
  too_large: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
  too_many_notifications: `More than ${MAX_NOTIFICATIONS} notifications in one request: split it.`,
  not_json: 'The body is not one UTF-8 JSON value.',
  invalid_body: 'Valid JSON but not a valid request: `issues` names each problem by path, e.g. notifications.3.amountFen. Nothing of the request is recorded.',
};

function schema(type: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

function description(): string {
  const example = webhookExample();
  return [
    'How the programme bank tells Sunshine Scale (阳光秤) of each QR payment it captured, refunded or reversed. A human version with a worked example is served at `/bank-api`.',
    '',
    '## Signature',
    `Sign \`<timestamp>.<raw body>\` (the Unix time in seconds, a dot, the exact bytes sent) with HMAC-SHA256 keyed with the programme's webhook secret (its UTF-8 characters, as issued), and send \`X-Sunshine-Signature: v1=<lowercase hex>\`. Several comma-separated \`v1=\` values are accepted, so both secrets can sign while one is rotated. A timestamp more than ${MAX_SKEW_SECONDS} s from the platform's clock is refused.`,
    '',
    `Worked example (demo secret \`${EXAMPLE_WEBHOOK_SECRET}\`, programme ${EXAMPLE_PROGRAMME}, timestamp ${EXAMPLE_TIMESTAMP}): the body of the request example signs to \`${example.header}\`; reproduce it with \`${example.opensslCommand}\`.`,
    '',
    '## Idempotency and matching',
    `\`ref\` is the idempotency key: a notification sent again (a retry, a duplicate) is answered \`duplicate\` and counted once; the same ref with different content is answered \`conflict\` and kept as an exception, never applied. Retry a request that failed or timed out as it was: it is safe. A capture is matched to the weighing of its receipt token (same amount: \`matched\`; else \`amount_mismatch\`); one whose weighing has not arrived is \`waiting\` and matched when it does, or \`unmatched\` after ${WAITING_LIMIT_MS / 60_000} minutes. A refund or reversal is matched to its original capture by \`originalRef\`.`,
    '',
    '## Refusals',
    'A refused request records nothing. Its body is `{ "error": <reason> }`:',
    '',
    '| reason | status | meaning |',
    '|---|---|---|',
    ...(Object.keys(REFUSALS) as Refusal[]).map((reason) => `| \`${reason}\` | ${REFUSALS[reason]} | ${REFUSAL_MEANINGS[reason]} |`),
  ].join('\n');
}

const header = (name: string, text: string, pattern: string, example: string) => ({
  name, in: 'header', required: true, description: text, schema: { type: 'string', pattern }, example,
});

/** The OpenAPI 3.1 document, as a plain JSON value. Pure and deterministic. */
export function buildOpenApi(): Record<string, unknown> {
  const example = webhookExample();
  const refusal = (statuses: number) => ({
    description: (Object.keys(REFUSALS) as Refusal[]).filter((r) => REFUSALS[r] === statuses).map((r) => `\`${r}\``).join(', '),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Refusal' } } },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Sunshine Scale bank payment webhook', version: '1.0.0', description: description() },
    servers: [{ url: '{origin}', variables: { origin: { default: 'http://localhost:3000', description: 'The platform’s address, given with the webhook secret.' } } }],
    paths: {
      '/api/bank/payments': {
        post: {
          operationId: 'notifyPayments',
          summary: `Notify 1–${MAX_NOTIFICATIONS} captured, refunded or reversed QR payments`,
          parameters: [
            header('X-Sunshine-Programme', 'The programme id, given with the webhook secret.', '^[1-9][0-9]{0,9}$', EXAMPLE_PROGRAMME),
            header('X-Sunshine-Timestamp', `Unix time in seconds when the request was signed; at most ${MAX_SKEW_SECONDS} s from the platform's clock.`, '^[0-9]{1,12}$', EXAMPLE_TIMESTAMP),
            header('X-Sunshine-Signature', 'v1=<lowercase hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>; several comma-separated while a secret is rotated.', '^v1=[0-9a-f]{64}', example.header),
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Notifications' }, examples: { captureAndRefund: { summary: 'A capture and its refund (the worked example).', value: EXAMPLE_BODY } } } },
          },
          responses: {
            200: {
              description: 'Recorded: one result per notification, in order.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Results' }, examples: { recorded: { value: EXAMPLE_RESPONSE } } } },
            },
            400: refusal(400),
            401: refusal(401),
            413: refusal(413),
          },
        },
      },
    },
    components: {
      schemas: { Notifications: schema(notificationsBody), Results: schema(notificationsResponse), Refusal: schema(refusalResponse) },
    },
  };
}

/** The file as committed: two-space JSON and a final newline. */
export function openApiJson(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}
