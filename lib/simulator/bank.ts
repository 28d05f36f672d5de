// The simulated bank: it plays the programme bank for the fleet's bank-QR sales. Every second it
// learns the new sales (from the database, standing in for the bank's own payment system) and, a
// few seconds after each, sends the signed capture to the platform's webhook, in batches, as a real
// acquirer's notifier would. With the faults a real one shows, so the exception queue has content:
// a few duplicates, some notifications late by minutes, a rare amount mismatch, an occasional
// refund or reversal, and a rare payment whose weighing never comes.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { bankSalesAfter, newestWeighingId, type BankSale } from '../db/bank-sales.ts';
import { MAX_NOTIFICATIONS, signatureHeader, type Notification, type NotificationsResponse } from '../domain/bank/webhook.ts';
import { log } from '../log.ts';
import type { Random } from './trade.ts';

export interface BankFaults {
  /** share of captures notified twice */
  duplicate: number;
  /** share of captures notified minutes late */
  late: number;
  /** share of captures whose amount differs from the sale's price */
  mismatch: number;
  /** share of sales refunded a little later (in full or in part) */
  refund: number;
  /** share of sales reversed (the capture cancelled) */
  reversal: number;
  /** per sale, the chance of one more payment for a receipt that never comes */
  orphan: number;
}

export const DEFAULT_FAULTS: BankFaults = { duplicate: 0.03, late: 0.02, mismatch: 0.004, refund: 0.01, reversal: 0.002, orphan: 0.002 };

export interface Scheduled {
  dueAt: number;
  notification: Notification;
}

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/**
 * What the bank will send for one sale, and when (pure: randomness and refs from the caller).
 * A capture 2–6 s after the sale (or 1–5 min late); its duplicate up to 30 s after it; a refund
 * 30 s–3 min after it; a reversal 5–20 s after it.
 */
export function scheduleSale(sale: BankSale, now: number, random: Random, nextRef: () => string, faults: BankFaults = DEFAULT_FAULTS): Scheduled[] {
  const out: Scheduled[] = [];
  const paidAt = new Date(sale.scaleTime.getTime() + between(random, 1_000, 4_000));
  const mismatch = random() < faults.mismatch;
  const amountFen = mismatch ? Math.max(1, sale.priceFen + (random() < 0.5 ? -1 : 1) * between(random, 1, 50)) : sale.priceFen;
  const capture: Notification = { kind: 'captured', ref: nextRef(), amountFen, at: paidAt.toISOString(), receiptToken: sale.receiptToken };
  const sentAt = now + (random() < faults.late ? between(random, 60_000, 300_000) : between(random, 2_000, 6_000));
  out.push({ dueAt: sentAt, notification: capture });
  if (random() < faults.duplicate) out.push({ dueAt: sentAt + between(random, 1_000, 30_000), notification: { ...capture } });
  if (random() < faults.refund) {
    const refundAt = sentAt + between(random, 30_000, 180_000);
    const part = random() < 0.5 ? amountFen : between(random, 1, amountFen);
    out.push({ dueAt: refundAt, notification: { kind: 'refunded', ref: nextRef(), amountFen: part, at: new Date(paidAt.getTime() + refundAt - sentAt).toISOString(), originalRef: capture.ref } });
  } else if (random() < faults.reversal) {
    const reverseAt = sentAt + between(random, 5_000, 20_000);
    out.push({ dueAt: reverseAt, notification: { kind: 'reversed', ref: nextRef(), amountFen, at: new Date(paidAt.getTime() + reverseAt - sentAt).toISOString(), originalRef: capture.ref } });
  }
  if (random() < faults.orphan) {
    // paid at a scale that never reports it (offline for good, or not a fleet scale at all)
    out.push({
      dueAt: now + between(random, 2_000, 6_000),
      notification: { kind: 'captured', ref: nextRef(), amountFen: between(random, 100, 5_000), at: paidAt.toISOString(), receiptToken: randomBytes(16).toString('base64url') },
    });
  }
  return out;
}

export interface BankSimulatorOptions {
  pool: pg.Pool;
  webhookUrl: string;
  programmeId: number;
  secret: string;
  random?: Random;
  faults?: Partial<BankFaults>;
  /** how often it looks for new sales and sends what is due (default 1 s) */
  tickMs?: number;
  /** notifications per request (default 500) */
  batchSize?: number;
}

export interface BankSimulatorStats {
  sales: number;
  sent: number;
  requests: number;
  failedRequests: number;
  pending: number;
}

export interface BankSimulator {
  stats(): BankSimulatorStats;
  stop(): Promise<void>;
}

/** Ids committed out of order (the ingest writes in parallel lanes) are caught by looking back
 *  over the last RESCAN_MS of ids each time; the ids already seen are skipped. */
const RESCAN_MS = 10_000;
/** Notifications the simulator keeps while the webhook is away; beyond it the oldest are dropped. */
const MAX_PENDING = 200_000;

export async function startBankSimulator(options: BankSimulatorOptions): Promise<BankSimulator> {
  const random = options.random ?? Math.random;
  const faults = { ...DEFAULT_FAULTS, ...options.faults };
  const batchSize = Math.min(options.batchSize ?? 500, MAX_NOTIFICATIONS);
  const run = randomBytes(4).toString('hex').toUpperCase();
  let counter = 0;
  const nextRef = () => `SIM${run}${String(++counter).padStart(9, '0')}`;
  const stats = { sales: 0, sent: 0, requests: 0, failedRequests: 0 };
  let pending: Scheduled[] = [];
  // the sales already scheduled, and the id below which no new one can appear any more
  const seen = new Set<bigint>();
  const marks: { at: number; id: bigint }[] = [];
  let lowWater = await newestWeighingId(options.pool);
  let highest = lowWater;
  let busy = false;
  let lastFailureLog = 0;

  const poll = async (now: number) => {
    for (;;) {
      const sales = await bankSalesAfter(options.pool, options.programmeId, lowWater, new Date(now - 86_400_000), 5_000);
      for (const sale of sales) {
        if (sale.weighingId <= lowWater || seen.has(sale.weighingId)) continue;
        seen.add(sale.weighingId);
        if (sale.weighingId > highest) highest = sale.weighingId;
        pending.push(...scheduleSale(sale, now, random, nextRef, faults));
        stats.sales++;
      }
      if (sales.length < 5_000) break;
      lowWater = sales[sales.length - 1]!.weighingId; // a backlog: page through it
    }
    marks.push({ at: now, id: highest });
    while (marks.length > 1 && marks[1]!.at <= now - RESCAN_MS) marks.shift();
    if (marks[0] && marks[0].at <= now - RESCAN_MS) lowWater = marks[0].id;
    for (const id of seen) if (id <= lowWater) seen.delete(id);
  };

  const send = async (now: number) => {
    const due = pending.filter((item) => item.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    if (!due.length) return;
    pending = pending.filter((item) => item.dueAt > now);
    for (let start = 0; start < due.length; start += batchSize) {
      const batch = due.slice(start, start + batchSize);
      const body = JSON.stringify({ notifications: batch.map((item) => item.notification) });
      const timestamp = String(Math.floor(Date.now() / 1000));
      stats.requests++;
      try {
        const response = await fetch(options.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-sunshine-programme': String(options.programmeId),
            'x-sunshine-timestamp': timestamp,
            'x-sunshine-signature': signatureHeader(options.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
        (await response.json()) as NotificationsResponse;
        stats.sent += batch.length;
      } catch (error) {
        // the web app is starting or away: keep them and try again on the next tick (a real
        // notifier retries too; the webhook is idempotent, so a retry of a stored batch is harmless)
        stats.failedRequests++;
        pending.push(...due.slice(start).map((item) => ({ ...item, dueAt: now + 2_000 })));
        if (Date.now() - lastFailureLog > 30_000) {
          lastFailureLog = Date.now();
          log.warn('bank.simulator_send_failed', { error: String(error), pending: pending.length });
        }
        break;
      }
    }
    if (pending.length > MAX_PENDING) {
      log.error('bank.simulator_dropped', { dropped: pending.length - MAX_PENDING });
      pending = pending.slice(pending.length - MAX_PENDING);
    }
  };

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const now = Date.now();
    poll(now)
      .then(() => send(now))
      .catch((error: unknown) => log.error('bank.simulator_tick_failed', { error: String(error) }))
      .finally(() => {
        busy = false;
      });
  }, options.tickMs ?? 1000);

  return {
    stats: () => ({ ...stats, pending: pending.length }),
    stop: async () => {
      clearInterval(timer);
      while (busy) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
