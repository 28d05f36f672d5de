// What the simulated bank sends for a sale: a capture a few seconds later, and the faults in the
// shares asked for.
import { describe, expect, it } from 'vitest';
import { notificationsBody, type Notification } from '../../lib/domain/bank/webhook.ts';
import { DEFAULT_FAULTS, scheduleSale, type BankFaults } from '../../lib/simulator/bank.ts';

const sale = { weighingId: 1n, priceFen: 865, scaleTime: new Date('2026-03-14T01:26:53Z'), receiptToken: 'g6R9dhYKzRFxCHY1D-uq7w' };
const none: BankFaults = { duplicate: 0, late: 0, mismatch: 0, refund: 0, reversal: 0, orphan: 0 };
const all: BankFaults = { duplicate: 1, late: 1, mismatch: 1, refund: 1, reversal: 0, orphan: 1 };

function seeded(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

describe('the simulated bank', () => {
  it('without faults sends one capture of the sale’s price 2–6 s after it', () => {
    let n = 0;
    const [only, ...rest] = scheduleSale(sale, 1_000_000, seeded(1), () => `R${++n}`, none);
    expect(rest).toEqual([]);
    expect(only!.notification).toMatchObject({ kind: 'captured', ref: 'R1', amountFen: 865, receiptToken: sale.receiptToken });
    expect(only!.dueAt - 1_000_000).toBeGreaterThanOrEqual(2_000);
    expect(only!.dueAt - 1_000_000).toBeLessThanOrEqual(6_000);
  });

  it('with every fault: late, mismatched, duplicated, refunded, and an orphan, all valid notifications', () => {
    let n = 0;
    const items = scheduleSale(sale, 0, seeded(2), () => `R${++n}`, all);
    const kinds = items.map((item) => item.notification.kind);
    expect(kinds.filter((k) => k === 'captured')).toHaveLength(3); // capture, its duplicate, the orphan
    expect(kinds).toContain('refunded');
    const [capture, duplicate] = items;
    expect(capture!.dueAt).toBeGreaterThanOrEqual(60_000);
    expect(capture!.notification.amountFen).not.toBe(865);
    expect(duplicate!.notification).toEqual(capture!.notification);
    const refund = items.find((item) => item.notification.kind === 'refunded')!.notification as Extract<Notification, { originalRef: string }>;
    expect(refund.originalRef).toBe(capture!.notification.ref);
    expect(refund.amountFen).toBeLessThanOrEqual(capture!.notification.amountFen);
    expect(notificationsBody.safeParse({ notifications: items.map((item) => item.notification) }).success).toBe(true);
  });

  it('keeps faults rare by default', () => {
    let n = 0;
    const random = seeded(3);
    const counts = { sales: 10_000, notifications: 0 };
    for (let i = 0; i < counts.sales; i++) counts.notifications += scheduleSale(sale, 0, random, () => `R${++n}`, DEFAULT_FAULTS).length;
    expect(counts.notifications / counts.sales).toBeGreaterThan(1.01);
    expect(counts.notifications / counts.sales).toBeLessThan(1.1);
  });
});
