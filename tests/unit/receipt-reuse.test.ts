import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { weighingMessage } from '../../lib/domain/protocol/messages.ts';
import { derivedReceiptToken, planReceipts, RECEIPT_REUSED, type ReceiptClaim } from '../../lib/domain/receipt-reuse.ts';
import { isReceiptToken } from '../../lib/domain/receipt.ts';
import { WEIGHING_FINDINGS } from '../../lib/domain/protocol/judge.ts';
import { alertSeverity } from '../../lib/domain/alert-rules.ts';

const printed = randomBytes(16).toString('base64url');
const claim = (weighing: string, token = printed, signature: Uint8Array = randomBytes(32)): ReceiptClaim => ({ weighing, printed: token, signature });
const printedTokenFormat = weighingMessage.shape.receipt;

describe('derivedReceiptToken', () => {
  it('is deterministic, different per signature, and in the printed tokens’ format', () => {
    const signature = randomBytes(32);
    expect(derivedReceiptToken(signature)).toBe(derivedReceiptToken(Buffer.from(signature)));
    expect(derivedReceiptToken(signature)).not.toBe(derivedReceiptToken(randomBytes(32)));
    for (let i = 0; i < 200; i++) {
      const token = derivedReceiptToken(randomBytes(32));
      expect(printedTokenFormat.safeParse(token).success).toBe(true); // 22 base64url characters, 128 bits
      expect(isReceiptToken(token)).toBe(true); // every page and route takes it
    }
  });

  it('is not the signature’s own hash (a label keeps it apart from any other use of the signature)', () => {
    const signature = randomBytes(32);
    const bare = createHash('sha256').update(signature).digest().subarray(0, 16).toString('base64url');
    expect(derivedReceiptToken(signature)).not.toBe(bare);
  });
});

describe('planReceipts', () => {
  it('lets a weighing with a token nobody owns keep it', () => {
    expect(planReceipts([claim('1:1')])).toEqual([{ kind: 'owns', token: printed }]);
  });

  it('gives a weighing whose token a stored receipt owns its derived token, keeping the printed one', () => {
    const later = claim('1:2');
    expect(planReceipts([later], new Set([printed]))).toEqual([
      { kind: 'reused', token: derivedReceiptToken(later.signature), printedToken: printed },
    ]);
  });

  it('in one batch: the first to arrive keeps the token, every later one derives its own', () => {
    const [first, second, third] = [claim('1:1'), claim('2:7'), claim('1:2')];
    const plans = planReceipts([first!, second!, third!, claim('3:1', randomBytes(16).toString('base64url'))]);
    expect(plans.map((p) => p.kind)).toEqual(['owns', 'reused', 'reused', 'owns']);
    const tokens = plans.map((p) => (p.kind === 'duplicate' ? null : p.token));
    expect(new Set(tokens).size).toBe(4); // every weighing a receipt of its own
    expect(plans[1]).toEqual({ kind: 'reused', token: derivedReceiptToken(second!.signature), printedToken: printed });
  });

  it('treats the same weighing again (same scale and seq) as a duplicate, not a reuse', () => {
    const first = claim('1:1');
    expect(planReceipts([first, { ...first }]).map((p) => p.kind)).toEqual(['owns', 'duplicate']);
    expect(planReceipts([first, { ...first }], new Set([printed])).map((p) => p.kind)).toEqual(['reused', 'duplicate']);
  });

  it('plans the same again when a batch is retried (derived tokens do not change)', () => {
    const claims = [claim('1:1'), claim('1:2'), claim('1:3')];
    expect(planReceipts(claims, new Set([printed]))).toEqual(planReceipts(claims, new Set([printed])));
  });
});

describe('the receipt_reused finding', () => {
  it('is a documented weighing finding that raises a critical alert', () => {
    expect(WEIGHING_FINDINGS).toContain(RECEIPT_REUSED);
    expect(alertSeverity(RECEIPT_REUSED)).toBe('critical');
  });
});
