// The order of the worst-scales table: whichever measure the reader picks comes first, the others
// break ties, and a scale with no figure for the measure (no checks, no trade) goes last, since
// nothing is known against it.
import type { ScaleSort } from './ranking-query.ts';

export interface ScaleRankFigures {
  id: number;
  /** pass rate of its checks over the window; null without checks */
  passRatio: number | null;
  failedChecks: number;
  /** weighings with any finding per 1 000 weighings; null without weighings */
  findingsPerMille: number | null;
  findings: number;
  openAlerts: number;
}

/** ascending, null last */
function lowFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** descending, null last */
function highFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

const BY: Record<ScaleSort, ((a: ScaleRankFigures, b: ScaleRankFigures) => number)[]> = {
  pass_rate: [(a, b) => lowFirst(a.passRatio, b.passRatio), (a, b) => b.failedChecks - a.failedChecks, (a, b) => highFirst(a.findingsPerMille, b.findingsPerMille), (a, b) => b.openAlerts - a.openAlerts],
  findings: [(a, b) => highFirst(a.findingsPerMille, b.findingsPerMille), (a, b) => b.findings - a.findings, (a, b) => lowFirst(a.passRatio, b.passRatio), (a, b) => b.openAlerts - a.openAlerts],
  alerts: [(a, b) => b.openAlerts - a.openAlerts, (a, b) => lowFirst(a.passRatio, b.passRatio), (a, b) => highFirst(a.findingsPerMille, b.findingsPerMille)],
};

export function compareScales(sort: ScaleSort): (a: ScaleRankFigures, b: ScaleRankFigures) => number {
  return (a, b) => {
    for (const compare of BY[sort]) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a.id - b.id;
  };
}

export function perMille(count: number, of: number): number | null {
  return of > 0 ? (count * 1000) / of : null;
}
