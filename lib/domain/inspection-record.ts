// A stored inspection read back: its CheckWeighing rows (one per reading) grouped into the test
// points they were recorded as, each reading with its error and whether it lies beyond the limit
// the point was held to (fixed at the time, CheckWeighing.mpeMg).

export interface StoredCheck<K extends string = string> {
  kind: K;
  /** the test point's number; null on checks recorded before points were numbered (one point each) */
  testPoint: number | null;
  referenceMg: number;
  indicationMg: number;
  mpeMg: number;
  passed: boolean;
}

export interface StoredTestPoint<K extends string = string> {
  key: string;
  testPoint: number | null;
  kind: K;
  referenceMg: number;
  limitMg: number;
  passed: boolean;
  readings: { indicationMg: number; errorMg: number; beyondLimit: boolean }[];
}

/** The checks, in stored order (by point, then reading), back into their test points. */
export function storedTestPoints<K extends string>(checks: readonly StoredCheck<K>[]): StoredTestPoint<K>[] {
  const points: StoredTestPoint<K>[] = [];
  checks.forEach((check, index) => {
    const errorMg = check.indicationMg - check.referenceMg;
    const reading = { indicationMg: check.indicationMg, errorMg, beyondLimit: Math.abs(errorMg) > check.mpeMg };
    const last = points.at(-1);
    if (last && check.testPoint !== null && last.testPoint === check.testPoint) last.readings.push(reading);
    else {
      points.push({
        key: check.testPoint === null ? `row-${index}` : `point-${check.testPoint}`,
        testPoint: check.testPoint,
        kind: check.kind,
        referenceMg: check.referenceMg,
        limitMg: check.mpeMg,
        passed: check.passed,
        readings: [reading],
      });
    }
  });
  return points;
}
