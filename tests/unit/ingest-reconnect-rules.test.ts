import { describe, expect, it } from 'vitest';
import { backoffDelay, BROKER_BACKOFF } from '../../lib/ingest/backoff.ts';
import { classifyConnectFailure } from '../../lib/ingest/connect-failure.ts';

describe('backoff', () => {
  const policy = { baseMs: 500, maxMs: 30_000 };
  it('doubles from the base up to the ceiling, each wait between half and all of it', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect(backoffDelay(7, policy, () => 1)).toBe(30_000); // 500 · 2⁶ = 32 000, capped
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(22_500); // no overflow however long the outage
  });
  it('the broker policy retries within a second at first and at least every 30 s', () => {
    expect(backoffDelay(1, BROKER_BACKOFF, () => 1)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(50, BROKER_BACKOFF, () => 1)).toBeLessThanOrEqual(30_000);
  });
});

describe('why a connect failed', () => {
  const refusal = (code: number) => Object.assign(new Error('Connection refused'), { code });
  it('only an "unsupported protocol version" CONNACK means no MQTT 5', () => {
    expect(classifyConnectFailure(refusal(1))).toBe('protocol_refused'); // an MQTT 3.1.1 broker's answer (aedes)
    expect(classifyConnectFailure(refusal(0x84))).toBe('protocol_refused'); // MQTT 5 reason code
  });
  it('a refused login or a busy server is a refusal to retry, not a protocol answer', () => {
    expect(classifyConnectFailure(refusal(0x87))).toBe('refused'); // not authorised
    expect(classifyConnectFailure(refusal(0x89))).toBe('refused'); // server busy
    expect(classifyConnectFailure(refusal(5))).toBe('refused'); // MQTT 3.1.1 not authorised
  });
  it('a transport error says nothing about the protocol', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) {
      expect(classifyConnectFailure(Object.assign(new Error(code), { code }))).toBe('transport');
    }
    expect(classifyConnectFailure(new Error('connection closed before CONNACK'))).toBe('transport');
    expect(classifyConnectFailure(null)).toBe('transport');
  });
});
