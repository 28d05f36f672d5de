// How well one scale weighs, from its checks, and the history of its tamper-evident counters.
//
// Pass rate: over a window, checks passed ÷ checks made, where a check is one inspection (抽检,
// judged as a whole: its result), one self-check reported by the scale, or one fair-scale re-weigh
// (公平秤复称). An inspection's separate test points are not counted one by one: the inspector's
// verdict is one finding, and counting its four loads would let one inspection outweigh four
// re-weighs.
//
// Error in e: each check weighing's error (indication − reference) divided by the scale's
// verification interval e, the unit the maximum permissible errors are stated in (in service:
// ±1 e, ±2 e, ±3 e for class III by load), so checks of different loads and scales compare.
import { z } from 'zod';

export interface PassRate {
  checks: number;
  passed: number;
  failed: number;
  /** passed ÷ checks; null without checks */
  ratio: number | null;
}

export function passRate(outcomes: Iterable<{ passed: boolean }>): PassRate {
  let checks = 0;
  let passed = 0;
  for (const outcome of outcomes) {
    checks += 1;
    if (outcome.passed) passed += 1;
  }
  return { checks, passed, failed: checks - passed, ratio: checks === 0 ? null : passed / checks };
}

/** Pass rates of several scales or windows together: the sum of their counts, not the mean of their ratios. */
export function combinePassRates(parts: Iterable<PassRate>): PassRate {
  let checks = 0;
  let passed = 0;
  for (const part of parts) {
    checks += part.checks;
    passed += part.passed;
  }
  return { checks, passed, failed: checks - passed, ratio: checks === 0 ? null : passed / checks };
}

/** (indication − reference) ÷ e; `eMg` must be a positive integer (it comes from the register). */
export function errorInE(check: { referenceMg: number; indicationMg: number }, eMg: number): number {
  if (!Number.isInteger(eMg) || eMg <= 0) throw new RangeError(`not a verification interval: ${eMg}`);
  return (check.indicationMg - check.referenceMg) / eMg;
}

// ───────────────────────── counters ─────────────────────────

/** Event kinds that change or protect the legally relevant parameters (WELMEC 7.2 P7). */
export const COUNTER_EVENT_KINDS = ['calibration', 'configuration', 'seal_open', 'self_lock', 'unlock'] as const;
export type CounterEventKind = (typeof COUNTER_EVENT_KINDS)[number];

export function isCounterEventKind(kind: string): kind is CounterEventKind {
  return (COUNTER_EVENT_KINDS as readonly string[]).includes(kind);
}

// ScaleEvent.detail as the ingest writes it; read leniently, since it is stored JSON.
const eventDetail = z.object({
  counters: z.object({ calibration: z.number().int(), configuration: z.number().int() }).nullish(),
  change: z.object({ param: z.string(), old: z.string(), new: z.string() }).nullish(),
  findings: z.array(z.string()).nullish(),
});

export interface CounterEvent {
  at: Date;
  kind: string;
  detail: unknown;
}

export interface CounterHistoryEntry {
  at: Date;
  kind: string;
  calibration: number | null;
  configuration: number | null;
  /** which counter differs from the entry before (older); empty for the first */
  moved: ('calibration' | 'configuration')[];
  change: { param: string; old: string; new: string } | null;
  /** the ingest found the counters differ from the register: a change with no verification behind it */
  unauthorised: boolean;
}

/** The counter history, newest first, from a scale's events in any order. */
export function counterHistory(events: readonly CounterEvent[]): CounterHistoryEntry[] {
  const oldestFirst = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const entries: CounterHistoryEntry[] = [];
  let previous: { calibration: number; configuration: number } | null = null;
  for (const event of oldestFirst) {
    const parsed = eventDetail.safeParse(event.detail ?? {});
    const detail = parsed.success ? parsed.data : {};
    const counters = detail.counters ?? null;
    const moved: CounterHistoryEntry['moved'] = [];
    if (counters && previous) {
      if (counters.calibration !== previous.calibration) moved.push('calibration');
      if (counters.configuration !== previous.configuration) moved.push('configuration');
    }
    if (counters) previous = counters;
    entries.push({
      at: event.at,
      kind: event.kind,
      calibration: counters?.calibration ?? null,
      configuration: counters?.configuration ?? null,
      moved,
      change: detail.change ?? null,
      unauthorised: (detail.findings ?? []).includes('counter_moved'),
    });
  }
  return entries.reverse();
}
