import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSettlementClose, signedSettlementFee, type OpenPayment } from '../../lib/domain/settlement-close.ts';
import { settlementFee } from '../../lib/domain/settlement.ts';
import { closeDayPure, closeInOrder, lastArrival, storedPayments, worldArbitrary } from '../support/settlement-days.ts';

const day = '2026-11-05';
const capture = (id: string, amountFen: number, businessDay = day): OpenPayment => ({ id, status: 'captured', amountFen, businessDay });

describe('planSettlementClose (examples)', () => {
  it('sums the day’s captures and same-day refunds, takes the fee on gross, balanced against the weighings', () => {
    const plan = planSettlementClose({
      merchantId: 7, businessDay: day, feeBasisPoints: 60, weighedFen: 3_000,
      payments: [capture('1', 1_000), capture('2', 2_000), { id: '3', status: 'refunded', amountFen: 500, businessDay: day, captureDay: day }],
    });
    expect(plan.settlement).toMatchObject({ paymentCount: 2, grossFen: 2_500, refundedFen: 500, feeFen: 15, adjustmentFen: 0, netFen: 2_485, weighedFen: 3_000, status: 'pending' });
    expect(plan.settlement?.lines.map((l) => [l.paymentId, l.kind, l.amountFen, l.feeFen])).toEqual([['1', 'sale', 1_000, 0], ['2', 'sale', 2_000, 0], ['3', 'refund', -500, 0]]);
  });

  it('turns a late capture and a refund of a closed day into adjustments with their own fee and cause', () => {
    const plan = planSettlementClose({
      merchantId: 7, businessDay: day, feeBasisPoints: 60, weighedFen: 0,
      payments: [capture('9', 1_000, '2026-11-03'), { id: '10', status: 'reversed', amountFen: 250, businessDay: day, captureDay: '2026-11-01' }],
    });
    expect(plan.settlement?.lines).toEqual([
      { paymentId: '9', kind: 'adjustment', amountFen: 1_000, feeFen: 6, causeDay: '2026-11-03', note: 'late_capture' },
      { paymentId: '10', kind: 'adjustment', amountFen: -250, feeFen: -2, causeDay: '2026-11-01', note: 'late_reversal' },
    ]);
    expect(plan.settlement).toMatchObject({ grossFen: 0, feeFen: 0, adjustmentFen: 994 - 248, netFen: 746, status: 'pending', paymentCount: 0 });
  });

  it('marks a day whose captures differ from the weighings as an exception, and leaves refunds of uncounted captures open', () => {
    const plan = planSettlementClose({
      merchantId: 7, businessDay: day, feeBasisPoints: 20, weighedFen: 1_200,
      payments: [capture('1', 1_000), { id: '2', status: 'refunded', amountFen: 100, businessDay: day, captureDay: null }],
    });
    expect(plan.settlement?.status).toBe('mismatch');
    expect(plan.deferred).toEqual(['2']);
  });

  it('writes no settlement for a day with nothing, one for a day weighed but never paid', () => {
    expect(planSettlementClose({ merchantId: 7, businessDay: day, feeBasisPoints: 20, weighedFen: 0, payments: [] }).settlement).toBeNull();
    expect(planSettlementClose({ merchantId: 7, businessDay: day, feeBasisPoints: 20, weighedFen: 900, payments: [] }).settlement).toMatchObject({ grossFen: 0, status: 'mismatch' });
  });

  it('refuses a payment given twice, of a later day, or with a bad amount', () => {
    const base = { merchantId: 7, businessDay: day, feeBasisPoints: 20, weighedFen: 0 };
    expect(() => planSettlementClose({ ...base, payments: [capture('1', 5), capture('1', 5)] })).toThrow(/twice/);
    expect(() => planSettlementClose({ ...base, payments: [capture('1', 5, '2026-11-06')] })).toThrow(/after/);
    expect(() => planSettlementClose({ ...base, payments: [capture('1', 0.5)] })).toThrow(RangeError);
    expect(() => planSettlementClose({ ...base, payments: [capture('1', Number.MAX_SAFE_INTEGER), capture('2', 5)] })).toThrow(/safe integer/);
  });

  it('gives the fee back with the sign of the money', () => {
    expect(signedSettlementFee(-2_250, 20)).toBe(-5);
    expect(signedSettlementFee(2_250, 20)).toBe(settlementFee(2_250, 20));
  });
});

describe('closing random days (fast-check)', () => {
  it('lines sum to every settlement; net = gross − fee + adjustments; integer fen', () => {
    fc.assert(fc.property(worldArbitrary, (world) => {
      const ledger = closeInOrder(world, lastArrival(world));
      for (const s of ledger.settlements) {
        const dayLines = s.lines.filter((l) => l.kind !== 'adjustment');
        const adjustments = s.lines.filter((l) => l.kind === 'adjustment');
        expect(dayLines.reduce((t, l) => t + l.amountFen, 0)).toBe(s.grossFen);
        expect(dayLines.filter((l) => l.kind === 'sale').length).toBe(s.paymentCount);
        expect(dayLines.filter((l) => l.kind !== 'sale').reduce((t, l) => t - l.amountFen, 0)).toBe(s.refundedFen);
        expect(s.feeFen).toBe(signedSettlementFee(s.grossFen, world.feeBasisPoints));
        expect(adjustments.reduce((t, l) => t + l.amountFen - l.feeFen, 0)).toBe(s.adjustmentFen);
        for (const l of adjustments) expect(l.feeFen).toBe(signedSettlementFee(l.amountFen, world.feeBasisPoints));
        for (const l of adjustments) expect(l.causeDay < s.businessDay).toBe(true);
        expect(s.netFen).toBe(s.grossFen - s.feeFen + s.adjustmentFen);
        expect(s.status === 'mismatch').toBe(s.grossFen + s.refundedFen !== s.weighedFen);
        for (const v of [s.grossFen, s.feeFen, s.netFen, s.adjustmentFen, s.refundedFen, ...s.lines.flatMap((l) => [l.amountFen, l.feeFen])]) expect(Number.isSafeInteger(v)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('counts every matched payment exactly once, in its own day when it came in time, never one left open', () => {
    fc.assert(fc.property(worldArbitrary, (world) => {
      const ledger = closeInOrder(world, lastArrival(world));
      const counted = ledger.settlements.flatMap((s) => s.lines.map((l) => l.paymentId));
      expect(new Set(counted).size).toBe(counted.length);
      const rows = storedPayments(world);
      const byId = new Map(rows.map((p) => [p.id, p]));
      for (const p of rows) {
        const capture = p.captureId ? byId.get(p.captureId) : undefined;
        const countable = p.match === 'matched' && (p.status === 'captured' || capture?.match === 'matched');
        expect(ledger.settledBy.has(p.id)).toBe(countable);
        const settlement = ledger.settlements[ledger.settledBy.get(p.id) ?? -1];
        if (!settlement) continue;
        expect(settlement.merchantId).toBe(p.merchantId);
        const causeDay = p.status === 'captured' ? p.businessDay : capture?.businessDay;
        const inTime = p.arrivesOn === p.businessDay && causeDay === p.businessDay && (p.status === 'captured' || (capture?.arrivesOn ?? '') <= p.businessDay);
        if (inTime) expect(settlement.businessDay).toBe(p.businessDay);
        if (causeDay !== settlement.businessDay) expect(settlement.lines.find((l) => l.paymentId === p.id)?.kind).toBe('adjustment');
      }
    }), { numRuns: 300 });
  });

  it('closing twice changes nothing; a closed settlement never changes while later days close', () => {
    fc.assert(fc.property(worldArbitrary, (world) => {
      const through = lastArrival(world);
      const once = closeInOrder(world, through);
      const snapshot = structuredClone(once.settlements);
      closeInOrder(world, through, once); // every day again
      closeDayPure(world, once, world.firstDay);
      expect(once.settlements).toEqual(snapshot);
      // closing further days only appends
      const partial = closeInOrder(world, world.firstDay);
      const early = structuredClone(partial.settlements);
      closeInOrder(world, through, partial);
      expect(partial.settlements.slice(0, early.length)).toEqual(early);
    }), { numRuns: 200 });
  });

  it('does not depend on the order the payments are given in', () => {
    fc.assert(fc.property(worldArbitrary, fc.integer(), (world, seed) => {
      const rows = storedPayments(world).filter((p) => p.match === 'matched' && p.status === 'captured');
      const payments = rows.map((p) => ({ id: p.id, status: p.status, amountFen: p.amountFen, businessDay: p.businessDay }));
      const shuffled = payments.map((p, i) => ({ p, k: (i * 7919 + seed) % 1009 })).sort((a, b) => a.k - b.k).map((x) => x.p);
      const lastDay = '2026-11-10';
      const plan = (list: OpenPayment[]) => planSettlementClose({ merchantId: 1, businessDay: lastDay, feeBasisPoints: world.feeBasisPoints, weighedFen: 0, payments: list });
      expect(plan(shuffled)).toEqual(plan(payments));
    }), { numRuns: 100 });
  });
});
