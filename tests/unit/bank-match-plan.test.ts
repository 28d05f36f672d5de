// The matching rules of the payment intake, without a database.
import { describe, expect, it } from 'vitest';
import {
  contentHash, matchCapture, matchUndo, notificationOf, outcomeOfFirst, planBatch, sameNotification, type OriginalFacts, type ReceiptFacts,
} from '../../lib/domain/bank/match-plan.ts';
import type { Notification } from '../../lib/domain/bank/webhook.ts';

const PROGRAMME = 1;
const receipt = (overrides: Partial<ReceiptFacts> = {}): ReceiptFacts => ({
  token: 'tok-aaaaaaaaaaaaaaaa', weighingId: 10n, merchantId: 7, merchantProgrammeId: PROGRAMME, priceFen: 865, bankQr: true, alreadyPaid: false, ...overrides,
});
const capture = (ref: string, overrides: Partial<Extract<Notification, { kind: 'captured' }>> = {}): Notification => ({
  kind: 'captured', ref, amountFen: 865, at: '2026-03-14T09:26:58+08:00', receiptToken: 'tok-aaaaaaaaaaaaaaaa', ...overrides,
});
const refund = (ref: string, originalRef: string, amountFen = 865): Notification => ({ kind: 'refunded', ref, amountFen, at: '2026-03-14T09:40:00+08:00', originalRef });
const original = (overrides: Partial<OriginalFacts> = {}): OriginalFacts => ({ ref: 'C1', status: 'captured', amountFen: 865, merchantId: 7, match: 'matched', ...overrides });

describe('a capture', () => {
  it('matches its bank-QR weighing of a programme merchant at the same amount', () => {
    expect(matchCapture(PROGRAMME, 865, receipt())).toEqual({ match: 'matched', merchantId: 7, weighingId: 10n });
  });
  it('is an amount mismatch, still linked to the weighing and merchant, when the amount differs', () => {
    expect(matchCapture(PROGRAMME, 866, receipt())).toEqual({ match: 'amount_mismatch', merchantId: 7, weighingId: 10n });
  });
  it('waits when its receipt has not arrived', () => {
    expect(matchCapture(PROGRAMME, 865, undefined).match).toBe('waiting');
  });
  it('is unmatched, telling nothing of the merchant, for a cash weighing, another programme, no merchant, or a weighing already paid', () => {
    for (const facts of [receipt({ bankQr: false }), receipt({ merchantProgrammeId: 2 }), receipt({ merchantProgrammeId: null }), receipt({ merchantId: null }), receipt({ alreadyPaid: true })]) {
      expect(matchCapture(PROGRAMME, 865, facts)).toEqual({ match: 'unmatched', merchantId: null, weighingId: null });
    }
  });
});

describe('a refund or reversal', () => {
  it('matches its original capture and takes its merchant', () => {
    expect(matchUndo(865, original())).toEqual({ match: 'matched', merchantId: 7, weighingId: null });
    expect(matchUndo(300, original({ match: 'amount_mismatch' }))).toEqual({ match: 'matched', merchantId: 7, weighingId: null });
  });
  it('is an amount mismatch when it undoes more than the capture', () => {
    expect(matchUndo(866, original()).match).toBe('amount_mismatch');
  });
  it('waits for an original not recorded yet or still waiting; unmatched against an unmatched original or a non-capture', () => {
    expect(matchUndo(865, undefined).match).toBe('waiting');
    expect(matchUndo(865, original({ match: 'waiting', merchantId: null })).match).toBe('waiting');
    expect(matchUndo(865, original({ match: 'unmatched', merchantId: null })).match).toBe('unmatched');
    expect(matchUndo(865, original({ status: 'refunded' })).match).toBe('unmatched');
  });
});

describe('a request', () => {
  const receipts = new Map([['tok-aaaaaaaaaaaaaaaa', receipt()]]);
  it('plans one payment per ref: a repeat with the same content is a duplicate, with other content a conflict', () => {
    const entries = planBatch(PROGRAMME, [capture('C1'), capture('C1'), capture('C1', { amountFen: 1 }), capture('C1', { at: '2026-03-14T01:26:58Z' })], receipts, new Map());
    expect(entries.map((e) => e.kind)).toEqual(['first', 'repeat', 'repeat', 'repeat']);
    expect(entries.slice(1).map((e) => (e.kind === 'repeat' ? e.same : null))).toEqual([true, false, true]); // the same instant written otherwise is the same
  });
  it('pays a weighing once: a second capture of the same receipt in the request is unmatched', () => {
    const entries = planBatch(PROGRAMME, [capture('C1'), capture('C2')], receipts, new Map());
    expect(entries.map((e) => (e.kind === 'first' ? e.plan.match : null))).toEqual(['matched', 'unmatched']);
  });
  it('matches a refund to a capture of the same request, whatever their order', () => {
    const entries = planBatch(PROGRAMME, [refund('R1', 'C1', 500), capture('C1')], receipts, new Map());
    const [undo] = entries;
    expect(undo?.kind === 'first' && undo.plan).toMatchObject({ match: 'matched', merchantId: 7, status: 'refunded', originalRef: 'C1', receiptToken: null });
  });
  it('matches a refund to an earlier recorded capture, and waits for an unknown one', () => {
    const entries = planBatch(PROGRAMME, [refund('R1', 'C9'), refund('R2', 'C404')], new Map(), new Map([['C9', original({ ref: 'C9' })]]));
    expect(entries.map((e) => (e.kind === 'first' ? e.plan.match : null))).toEqual(['matched', 'waiting']);
  });
  it('puts each payment on its business day in China time', () => {
    const [entry] = planBatch(PROGRAMME, [capture('C1', { at: '2026-03-14T16:30:00Z' })], receipts, new Map());
    expect(entry?.kind === 'first' && entry.plan.businessDay).toBe('2026-03-15');
  });
});

describe('a ref already recorded', () => {
  const sent = capture('C1');
  const row = { bankRef: 'C1', status: 'captured' as const, amountFen: 865, paidAt: new Date('2026-03-14T01:26:58Z'), receiptToken: 'tok-aaaaaaaaaaaaaaaa', originalRef: null };
  it('is a duplicate when the recorded payment says the same, a conflict otherwise', () => {
    expect(outcomeOfFirst(true, undefined, sent)).toBe('accepted');
    expect(outcomeOfFirst(false, notificationOf(row), sent)).toBe('duplicate');
    expect(outcomeOfFirst(false, notificationOf({ ...row, amountFen: 1 }), sent)).toBe('conflict');
    expect(outcomeOfFirst(false, notificationOf({ ...row, status: 'reversed', receiptToken: null, originalRef: 'X' }), sent)).toBe('conflict');
    expect(sameNotification(refund('R', 'A'), refund('R', 'B'))).toBe(false);
  });
  it('keeps one conflict row per distinct content', () => {
    expect(contentHash(sent)).toBe(contentHash({ ...sent }));
    expect(contentHash(sent)).not.toBe(contentHash(capture('C1', { amountFen: 1 })));
  });
});
