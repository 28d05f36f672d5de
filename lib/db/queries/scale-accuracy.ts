// How well one scale weighs: the pass rate of its checks over the score window (by source), the
// error of each check weighing in e over time, its last verification, and its counters with their
// history. Small tables only (CheckWeighing, Inspection, Verification, ScaleEvent by its
// (scaleId, kind, scaleTime) index). Out of scope → null.
import type { Db } from '../client.ts';
import { scaleWhere, type Scope } from '../scope.ts';
import { SCORE_SETTINGS } from '../../domain/accuracy-score.ts';
import { addDays, dateAsDay, dayStart } from '../../domain/business-day.ts';
import { lastDays, type DayWindow } from '../../domain/day-series.ts';
import {
  combinePassRates, COUNTER_EVENT_KINDS, counterHistory, errorInE, passRate, type CounterHistoryEntry, type PassRate,
} from '../../domain/scale-accuracy.ts';

export const ACCURACY_WINDOW_DAYS = SCORE_SETTINGS.windowDays;
/** the newest check weighings drawn on the error chart */
export const ERROR_POINTS = 200;
export const COUNTER_HISTORY_LIMIT = 50;

export type CheckSourceName = 'inspection' | 'self_check' | 'fair_scale';

export interface ErrorPoint {
  id: number;
  at: Date;
  source: CheckSourceName;
  /** (indication − reference) ÷ e */
  errorInE: number;
  /** the MPE applied, in e */
  mpeInE: number;
  passed: boolean;
}

export interface ScaleAccuracy {
  window: DayWindow;
  eMg: number;
  /** inspections (each as one check), self-checks and re-weighs together */
  passRate: PassRate;
  bySource: Record<CheckSourceName, PassRate>;
  /** oldest first */
  errors: ErrorPoint[];
  lastVerification: { verifiedOn: string; expiresOn: string; result: 'passed' | 'failed'; certificateNo: string } | null;
  counters: { calibration: number; configuration: number };
  /** newest first */
  counterHistory: CounterHistoryEntry[];
}

export async function getScaleAccuracy(db: Db, scope: Scope, scaleId: number, today: string): Promise<ScaleAccuracy | null> {
  const scale = await db.scale.findFirst({
    where: { AND: [{ id: scaleId }, scaleWhere(scope)] },
    select: {
      id: true,
      eMg: true,
      calibrationCounter: true,
      configurationCounter: true,
      verifications: {
        orderBy: [{ verifiedOn: 'desc' }, { id: 'desc' }],
        take: 1,
        select: { verifiedOn: true, expiresOn: true, result: true, certificateNo: true },
      },
    },
  });
  if (!scale) return null;
  const window = lastDays(today, ACCURACY_WINDOW_DAYS);
  const at = { gte: dayStart(window.from), lt: dayStart(addDays(window.to, 1)) };
  const [inspections, checks, points, events] = await Promise.all([
    db.inspection.findMany({ where: { scaleId: scale.id, at }, select: { result: true } }),
    db.checkWeighing.groupBy({ by: ['source', 'passed'], where: { scaleId: scale.id, at, source: { in: ['self_check', 'fair_scale'] } }, _count: { _all: true } }),
    db.checkWeighing.findMany({
      where: { scaleId: scale.id },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: ERROR_POINTS,
      select: { id: true, at: true, source: true, referenceMg: true, indicationMg: true, mpeMg: true, passed: true },
    }),
    db.scaleEvent.findMany({
      where: { scaleId: scale.id, kind: { in: [...COUNTER_EVENT_KINDS] } },
      orderBy: [{ scaleTime: 'desc' }, { id: 'desc' }],
      take: COUNTER_HISTORY_LIMIT,
      select: { scaleTime: true, kind: true, detail: true },
    }),
  ]);
  const counted = (source: 'self_check' | 'fair_scale'): PassRate => {
    const of = (passed: boolean) => checks.find((row) => row.source === source && row.passed === passed)?._count._all ?? 0;
    const passed = of(true);
    const failed = of(false);
    return { checks: passed + failed, passed, failed, ratio: passed + failed === 0 ? null : passed / (passed + failed) };
  };
  const bySource = {
    inspection: passRate(inspections.map((inspection) => ({ passed: inspection.result === 'passed' }))),
    self_check: counted('self_check'),
    fair_scale: counted('fair_scale'),
  };
  const latest = scale.verifications[0];
  return {
    window,
    eMg: scale.eMg,
    passRate: combinePassRates(Object.values(bySource)),
    bySource,
    errors: points.reverse().map((point) => ({
      id: point.id,
      at: point.at,
      source: point.source,
      errorInE: errorInE(point, scale.eMg),
      mpeInE: point.mpeMg / scale.eMg,
      passed: point.passed,
    })),
    lastVerification: latest ? { ...latest, verifiedOn: dateAsDay(latest.verifiedOn), expiresOn: dateAsDay(latest.expiresOn) } : null,
    counters: { calibration: scale.calibrationCounter, configuration: scale.configurationCounter },
    counterHistory: counterHistory(events.map((event) => ({ at: event.scaleTime, kind: event.kind, detail: event.detail }))),
  };
}
