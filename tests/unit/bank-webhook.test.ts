// The bank webhook's contract: signature (with a worked example openssl reproduces), timestamp
// window, and the zod body with its issue paths.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, EXAMPLE_TIMESTAMP, EXAMPLE_WEBHOOK_SECRET, webhookExample } from '../../lib/domain/bank/example.ts';
import {
  issuesOf, MAX_NOTIFICATIONS, MAX_SKEW_SECONDS, notificationsBody, signatureHeader, timestampIsFresh, verifyWebhookSignature, webhookSignature, type Notification,
} from '../../lib/domain/bank/webhook.ts';

const secret = 'c'.repeat(64);
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('webhook signature', () => {
  it('is HMAC-SHA256 of "<timestamp>.<raw body>" with the secret string as key, as v1=<hex>', () => {
    const header = signatureHeader(secret, '1700000000', '{"a":1}');
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, '1700000000', bytes('{"a":1}'), header)).toBe(true);
  });

  it('fails when the body, the timestamp, the secret or the signature changes by one byte', () => {
    const header = signatureHeader(secret, '1700000000', '{"a":1}');
    expect(verifyWebhookSignature(secret, '1700000000', bytes('{"a":2}'), header)).toBe(false);
    expect(verifyWebhookSignature(secret, '1700000001', bytes('{"a":1}'), header)).toBe(false);
    expect(verifyWebhookSignature('d'.repeat(64), '1700000000', bytes('{"a":1}'), header)).toBe(false);
    expect(verifyWebhookSignature(secret, '1700000000', bytes('{"a":1} '), header)).toBe(false);
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifyWebhookSignature(secret, '1700000000', bytes('{"a":1}'), flipped)).toBe(false);
  });

  it('refuses malformed headers and accepts a list that holds the right one (secret rotation)', () => {
    const good = signatureHeader(secret, '1', 'x');
    for (const bad of ['', 'v1=', good.toUpperCase(), good.slice(3), `v0=${good.slice(3)}`, `${good}00`]) {
      expect(verifyWebhookSignature(secret, '1', bytes('x'), bad), bad).toBe(false);
    }
    expect(verifyWebhookSignature(secret, '1', bytes('x'), `v1=${'0'.repeat(64)}, ${good}`)).toBe(true);
  });
});

describe('the worked example against the real openssl', () => {
  const example = webhookExample();
  it('the command on /bank-api prints the signature shown there', () => {
    const out = execFileSync('/bin/sh', ['-c', example.opensslCommand], { env: { ...process.env, PATH: '/usr/bin:/bin' } }).toString().trim();
    expect(out.split('= ')[1]).toBe(example.signature);
    expect(example.header).toBe(`v1=${example.signature}`);
    expect(example.signature).toBe(webhookSignature(EXAMPLE_WEBHOOK_SECRET, EXAMPLE_TIMESTAMP, JSON.stringify(EXAMPLE_BODY)));
  });

  it('its body is a valid request', () => {
    expect(notificationsBody.safeParse(JSON.parse(example.body)).success).toBe(true);
  });
});

describe('timestamp window', () => {
  const now = new Date(1_700_000_000_000);
  it(`accepts up to ${MAX_SKEW_SECONDS} s either way and refuses beyond`, () => {
    expect(timestampIsFresh('1700000000', now)).toBe(true);
    expect(timestampIsFresh(String(1_700_000_000 - MAX_SKEW_SECONDS), now)).toBe(true);
    expect(timestampIsFresh(String(1_700_000_000 + MAX_SKEW_SECONDS), now)).toBe(true);
    expect(timestampIsFresh(String(1_700_000_000 - MAX_SKEW_SECONDS - 1), now)).toBe(false);
    expect(timestampIsFresh(String(1_700_000_000 + MAX_SKEW_SECONDS + 1), now)).toBe(false);
  });
  it('refuses anything but unix seconds in digits', () => {
    for (const bad of ['', '-1', '1700000000.5', '1.7e9', ' 1700000000x', '1700000000000']) expect(timestampIsFresh(bad, now), bad).toBe(false);
  });
});

describe('request body', () => {
  const capture = EXAMPLE_BODY.notifications[0] as Extract<Notification, { kind: 'captured' }>;
  it('accepts captures with a receipt token and refunds/reversals with an original ref', () => {
    expect(notificationsBody.safeParse(EXAMPLE_BODY).success).toBe(true);
    expect(notificationsBody.safeParse({ notifications: [{ kind: 'reversed', ref: 'R2', amountFen: 1, at: '2026-03-14T01:00:00Z', originalRef: 'R1' }] }).success).toBe(true);
  });

  it('names the path of every problem, per notification', () => {
    const parsed = notificationsBody.safeParse({
      notifications: [
        capture,
        { ...capture, amountFen: 0 },
        { ...capture, amountFen: 1.5 },
        { ...capture, at: '2026-03-14 09:26:58' },
        { ...capture, receiptToken: undefined },
        { kind: 'refunded', ref: 'R', amountFen: 5, at: capture.at, receiptToken: capture.receiptToken },
        { ...capture, kind: 'paid' },
        { ...capture, extra: 1 },
      ],
    });
    expect(parsed.success).toBe(false);
    const paths = issuesOf(parsed.error!).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining([
      'notifications.1.amountFen', 'notifications.2.amountFen', 'notifications.3.at', 'notifications.4.receiptToken',
      'notifications.5.originalRef', 'notifications.6.kind', 'notifications.7',
    ]));
    expect(paths.some((path) => path.startsWith('notifications.0'))).toBe(false);
  });

  it(`refuses an empty list, more than ${MAX_NOTIFICATIONS}, and fields outside the list`, () => {
    expect(notificationsBody.safeParse({ notifications: [] }).success).toBe(false);
    expect(notificationsBody.safeParse({ notifications: Array(MAX_NOTIFICATIONS + 1).fill(capture) }).success).toBe(false);
    expect(notificationsBody.safeParse({ notifications: [capture], more: true }).success).toBe(false);
  });
});
