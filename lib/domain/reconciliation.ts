// Reconciliation (对账): the bank's statement of one business day against the platform's payments
// and settlements of the programme's merchants. Pure: the caller loads the facts (already limited
// to the programme's merchants, so a payment of anyone else is never seen and its line is
// "unmatched") and stores what this returns.
//
// Per line, by bank reference:
//   matched      a payment with that reference, same amount, merchant, business day and kind
//   mismatched   a payment with that reference that differs in any of those (both figures kept)
//   unmatched    no payment of the programme with that reference
// Per payment of the programme on the statement's day that no line names: missing_from_statement.
// Per merchant-day: the statement's captured total against the settlement's captures (the caller
// passes Settlement.grossFen + refundedFen: the close's gross nets the day's own refunds): agrees,
// differs, or no_settlement (none closed yet).
import { z } from 'zod';
import type { StatementKind, StatementLine } from './bank-statement.ts';
import { firstParam, pageParam } from './search-param.ts';

export const LINE_RESULTS = ['matched', 'mismatched', 'unmatched', 'missing_from_statement'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];
export const DIFFERENCES = ['amount', 'merchant', 'day', 'kind'] as const;
export type Difference = (typeof DIFFERENCES)[number];
export const MERCHANT_DAY_RESULTS = ['agrees', 'differs', 'no_settlement'] as const;
export type MerchantDayResult = (typeof MERCHANT_DAY_RESULTS)[number];

export interface PaymentFact {
  id: bigint;
  bankRef: string;
  merchantId: number;
  amountFen: number;
  businessDay: string;
  /** Payment.status as text, so a status added later compares as "different", not as an error */
  status: string;
}

export interface SettlementFact {
  id: number;
  merchantId: number;
  grossFen: number;
}

export interface ReconciledLine {
  lineNo: number | null;
  result: LineResult;
  differences: Difference[];
  bankRef: string;
  /** the statement's side; null for a payment missing from the statement */
  statement: { licenseNo: string; merchantId: number | null; businessDay: string; kind: StatementKind; amountFen: number } | null;
  /** the platform's side; null for an unmatched line */
  payment: { id: bigint; merchantId: number; amountFen: number; businessDay: string; status: string } | null;
}

export interface ReconciledMerchantDay {
  merchantId: number;
  /** captured lines of the statement naming this merchant */
  statementCount: number;
  statementFen: number;
  settlementId: number | null;
  settlementGrossFen: number | null;
  result: MerchantDayResult;
}

export interface StatementReconciliation {
  businessDay: string;
  lines: ReconciledLine[];
  merchantDays: ReconciledMerchantDay[];
  counts: Record<LineResult, number>;
  merchantDayCounts: Record<MerchantDayResult, number>;
}

export interface ReconciliationInput {
  businessDay: string;
  lines: StatementLine[];
  /** the programme's merchants by licence number */
  merchantIdByLicense: ReadonlyMap<string, number>;
  /** the programme's payments whose bankRef is on the statement */
  paymentsByRef: ReadonlyMap<string, PaymentFact>;
  /** the programme's payments of the statement's business day */
  dayPayments: readonly PaymentFact[];
  /** the programme's settlements of the statement's business day */
  settlements: readonly SettlementFact[];
}

function differencesOf(line: StatementLine, merchantId: number | null, payment: PaymentFact): Difference[] {
  const found: Difference[] = [];
  if (line.amountFen !== payment.amountFen) found.push('amount');
  if (merchantId !== payment.merchantId) found.push('merchant');
  if (line.businessDay !== payment.businessDay) found.push('day');
  if (line.kind !== payment.status) found.push('kind');
  return found;
}

export function reconcileStatement(input: ReconciliationInput): StatementReconciliation {
  const lines: ReconciledLine[] = [];
  const named = new Set<string>();
  const perMerchant = new Map<number, { count: number; fen: number }>();

  for (const line of input.lines) {
    named.add(line.bankRef);
    const merchantId = input.merchantIdByLicense.get(line.licenseNo) ?? null;
    if (merchantId !== null && line.kind === 'captured') {
      const total = perMerchant.get(merchantId) ?? { count: 0, fen: 0 };
      total.count += 1;
      total.fen += line.amountFen;
      perMerchant.set(merchantId, total);
    }
    const statement = { licenseNo: line.licenseNo, merchantId, businessDay: line.businessDay, kind: line.kind, amountFen: line.amountFen };
    const payment = input.paymentsByRef.get(line.bankRef);
    if (!payment) {
      lines.push({ lineNo: line.lineNo, result: 'unmatched', differences: [], bankRef: line.bankRef, statement, payment: null });
      continue;
    }
    const differences = differencesOf(line, merchantId, payment);
    lines.push({
      lineNo: line.lineNo, result: differences.length === 0 ? 'matched' : 'mismatched', differences, bankRef: line.bankRef, statement,
      payment: { id: payment.id, merchantId: payment.merchantId, amountFen: payment.amountFen, businessDay: payment.businessDay, status: payment.status },
    });
  }

  const missing = input.dayPayments.filter((payment) => !named.has(payment.bankRef)).sort((a, b) => a.bankRef.localeCompare(b.bankRef));
  for (const payment of missing) {
    lines.push({
      lineNo: null, result: 'missing_from_statement', differences: [], bankRef: payment.bankRef, statement: null,
      payment: { id: payment.id, merchantId: payment.merchantId, amountFen: payment.amountFen, businessDay: payment.businessDay, status: payment.status },
    });
  }

  const settlementOf = new Map(input.settlements.map((settlement) => [settlement.merchantId, settlement]));
  const merchantIds = [...new Set([...perMerchant.keys(), ...settlementOf.keys()])].sort((a, b) => a - b);
  const merchantDays = merchantIds.map((merchantId): ReconciledMerchantDay => {
    const total = perMerchant.get(merchantId) ?? { count: 0, fen: 0 };
    const settlement = settlementOf.get(merchantId) ?? null;
    const result: MerchantDayResult = !settlement ? 'no_settlement' : settlement.grossFen === total.fen ? 'agrees' : 'differs';
    return {
      merchantId, statementCount: total.count, statementFen: total.fen,
      settlementId: settlement?.id ?? null, settlementGrossFen: settlement?.grossFen ?? null, result,
    };
  });

  const counts = Object.fromEntries(LINE_RESULTS.map((result) => [result, 0])) as Record<LineResult, number>;
  for (const line of lines) counts[line.result] += 1;
  const merchantDayCounts = Object.fromEntries(MERCHANT_DAY_RESULTS.map((result) => [result, 0])) as Record<MerchantDayResult, number>;
  for (const day of merchantDays) merchantDayCounts[day.result] += 1;
  return { businessDay: input.businessDay, lines, merchantDays, counts, merchantDayCounts };
}

// ───────────── what a view of an import asks for (page and downloads alike) ─────────────

/** Rows of the result page: the exceptions (everything but matched lines and agreeing days) or all. */
export const RECONCILIATION_SHOW = ['exceptions', 'all'] as const;
export type ReconciliationShow = (typeof RECONCILIATION_SHOW)[number];
export const RECONCILIATION_PAGE_SIZE = 50;

/** The result page's query: lenient, a tampered link still opens on the exceptions. */
export const reconciliationViewQuery = z.object({
  show: z.preprocess(firstParam, z.enum(RECONCILIATION_SHOW)).catch('exceptions'),
  page: pageParam,
});

/** A download: which import, which rows (as the page), which table, which format. Strict: a bad link is a 400. */
export const reconciliationReportQuery = z.object({
  statement: z.coerce.number().int().min(1).max(2_147_483_647),
  show: z.enum(RECONCILIATION_SHOW).default('exceptions'),
  table: z.enum(['lines', 'merchant_days']).default('lines'),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type ReconciliationReportQuery = z.infer<typeof reconciliationReportQuery>;
