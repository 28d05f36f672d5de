// Random days of bank payments for the close's property tests (fast-check): captures and refunds
// over a few merchants and days, notified late, twice, out of order, some not matched, and weighed
// totals that sometimes disagree. `closeInOrder` is the pure model of the close job: it closes day
// after day with planSettlementClose, seeing only what has arrived by each close.
import fc from 'fast-check';
import { addDays } from '../../lib/domain/business-day.ts';
import { planSettlementClose, type OpenPayment, type PlannedSettlement } from '../../lib/domain/settlement-close.ts';

export type SimMatch = 'matched' | 'amount_mismatch' | 'unmatched';

export interface SimPayment {
  id: string;
  merchantId: number;
  status: 'captured' | 'refunded' | 'reversed';
  amountFen: number;
  businessDay: string;
  match: SimMatch;
  /** refund / reversal: the capture it undoes */
  captureId: string | null;
  /** the business day whose close is the first to see it (≥ businessDay: late notifications) */
  arrivesOn: string;
  /** the bank notified it twice (the intake keeps one row) */
  notifiedTwice: boolean;
}

export interface SimWorld {
  firstDay: string;
  days: number;
  merchants: number[];
  feeBasisPoints: number;
  /** in the order the bank sent them, duplicates included */
  notifications: SimPayment[];
  /** key `${merchantId}|${day}` → Σ bank-QR weighings */
  weighed: Map<string, number>;
}

const FIRST_DAY = '2026-11-02';

export const worldArbitrary: fc.Arbitrary<SimWorld> = fc
  .record({
    days: fc.integer({ min: 1, max: 4 }),
    merchantCount: fc.integer({ min: 1, max: 4 }),
    feeBasisPoints: fc.constantFrom(0, 1, 20, 55, 60, 10_000),
    captures: fc.array(fc.record({
      merchant: fc.nat(), day: fc.nat(), amountFen: fc.integer({ min: 1, max: 2_000_000 }), lateBy: fc.constantFrom(0, 0, 0, 1, 2),
      match: fc.constantFrom<SimMatch>('matched', 'matched', 'matched', 'matched', 'amount_mismatch', 'unmatched'), twice: fc.boolean(),
    }), { maxLength: 30 }),
    refunds: fc.array(fc.record({
      capture: fc.nat(), share: fc.integer({ min: 1, max: 100 }), after: fc.constantFrom(0, 0, 1, 2), lateBy: fc.constantFrom(0, 0, 1),
      reversal: fc.boolean(), unmatched: fc.boolean(), twice: fc.boolean(),
    }), { maxLength: 10 }),
    weighedDelta: fc.array(fc.constantFrom(0, 0, 0, 0, 0, -37, 150), { maxLength: 20 }),
    order: fc.array(fc.nat(), { maxLength: 60 }),
  })
  .map((r) => {
    const merchants = Array.from({ length: r.merchantCount }, (_, i) => 101 + i);
    const notifications: SimPayment[] = [];
    let next = 1;
    for (const c of r.captures) {
      const businessDay = addDays(FIRST_DAY, c.day % r.days);
      notifications.push({
        id: String(next++), merchantId: merchants[c.merchant % merchants.length] as number, status: 'captured', amountFen: c.amountFen, businessDay,
        match: c.match, captureId: null, arrivesOn: addDays(businessDay, c.lateBy), notifiedTwice: c.twice,
      });
    }
    const captures = notifications.slice();
    for (const f of r.refunds) {
      const capture = captures[f.capture % Math.max(1, captures.length)];
      if (!capture) break;
      const businessDay = addDays(capture.businessDay, f.after);
      notifications.push({
        id: String(next++), merchantId: capture.merchantId, status: f.reversal ? 'reversed' : 'refunded',
        amountFen: Math.max(1, Math.floor((capture.amountFen * f.share) / 100)), businessDay, match: f.unmatched ? 'unmatched' : 'matched',
        captureId: capture.id, arrivesOn: addDays(businessDay, f.lateBy), notifiedTwice: f.twice,
      });
    }
    // the weighings of a day: what was captured for it, now and then off by a few fen
    const weighed = new Map<string, number>();
    let delta = 0;
    for (const p of captures) {
      const key = `${p.merchantId}|${p.businessDay}`;
      weighed.set(key, (weighed.get(key) ?? 0) + p.amountFen);
    }
    for (const key of [...weighed.keys()].sort()) weighed.set(key, Math.max(0, (weighed.get(key) ?? 0) + (r.weighedDelta[delta++] ?? 0)));
    // duplicates, then a reordering of everything the bank sent
    const sent = notifications.flatMap((p) => (p.notifiedTwice ? [p, p] : [p]));
    const keyed = sent.map((p, i) => ({ p, k: r.order[i] ?? i }));
    keyed.sort((a, b) => a.k - b.k);
    return { firstDay: FIRST_DAY, days: r.days, merchants, feeBasisPoints: r.feeBasisPoints, notifications: keyed.map((x) => x.p), weighed };
  });

/** The rows the intake keeps: one per payment (bankRef unique), whatever how often it was sent. */
export function storedPayments(world: SimWorld): SimPayment[] {
  const rows = new Map<string, SimPayment>();
  for (const p of world.notifications) if (!rows.has(p.id)) rows.set(p.id, p);
  return [...rows.values()];
}

/** The last day a close must run for every notification to have arrived. */
export function lastArrival(world: SimWorld): string {
  return storedPayments(world).reduce((last, p) => (p.arrivesOn > last ? p.arrivesOn : last), addDays(world.firstDay, world.days - 1));
}

export interface PureLedger {
  closed: string[];
  settlements: PlannedSettlement[];
  /** payment id → the settlement index that counted it */
  settledBy: Map<string, number>;
}

export function emptyLedger(): PureLedger {
  return { closed: [], settlements: [], settledBy: new Map() };
}

/** Closes `day` as the job does: once (a closed day is left alone), seeing what arrived by then. */
export function closeDayPure(world: SimWorld, ledger: PureLedger, day: string): void {
  if (ledger.closed.includes(day)) return;
  const rows = storedPayments(world).filter((p) => p.arrivesOn <= day);
  const byId = new Map(rows.map((p) => [p.id, p]));
  const counted = (p: SimPayment | undefined): boolean => !!p && p.match === 'matched' && p.businessDay <= day;
  for (const merchantId of world.merchants) {
    const open: OpenPayment[] = rows
      .filter((p) => p.merchantId === merchantId && p.match === 'matched' && p.businessDay <= day && !ledger.settledBy.has(p.id))
      .map((p) => {
        const capture = p.captureId ? byId.get(p.captureId) : undefined;
        return { id: p.id, status: p.status, amountFen: p.amountFen, businessDay: p.businessDay, captureDay: p.status === 'captured' ? undefined : counted(capture) ? capture?.businessDay : null };
      });
    const plan = planSettlementClose({ merchantId, businessDay: day, feeBasisPoints: world.feeBasisPoints, weighedFen: world.weighed.get(`${merchantId}|${day}`) ?? 0, payments: open });
    if (!plan.settlement) continue;
    const index = ledger.settlements.push(plan.settlement) - 1;
    for (const line of plan.settlement.lines) ledger.settledBy.set(line.paymentId, index);
  }
  ledger.closed.push(day);
}

export function closeInOrder(world: SimWorld, through: string, ledger = emptyLedger()): PureLedger {
  for (let day = world.firstDay; day <= through; day = addDays(day, 1)) closeDayPure(world, ledger, day);
  return ledger;
}
