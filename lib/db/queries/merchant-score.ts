// One merchant's accuracy score in full: the assessment and its trend, the score week by week,
// and the evidence behind it, each piece linkable. Scoped: a merchant outside the scope reads as
// null (→ 404); a merchant user reads only itself.
import type { Db } from '../client.ts';
import { merchantWhere, scaleWhere, type Scope } from '../scope.ts';
import {
  assess, assessWithTrend, evidenceBetween, type AssessmentWithTrend, type Card, type DatedEvidence,
} from '../../domain/accuracy-score.ts';
import { addDays, dayStart } from '../../domain/business-day.ts';
import { lastDays, type DayWindow } from '../../domain/day-series.ts';
import type { RankingPeriod } from '../../domain/ranking-query.ts';
import { checkEvidence, dailyTradeEvidence } from './merchant-evidence.ts';
import { scoreWindows, type ScoreWindows } from './merchant-ranking.ts';
import { inUse } from './scales.ts';
import { marketOptionSelect } from './places.ts';

/** The score chart: one point a week, each the score of the `period` days ending that day. */
export const SERIES_WEEKS = 12;

export interface ScorePoint {
  /** the last day of the point's window */
  day: string;
  score: number | null;
  card: Card;
}

export type EvidenceItem =
  | { kind: 'inspection'; id: number; at: Date; passed: boolean; suspended: boolean; notes: string | null; scale: { id: number; serial: string } }
  | { kind: 'reweigh'; id: number; at: Date; passed: boolean; referenceMg: number; indicationMg: number; mpeMg: number; scale: { id: number; serial: string } }
  | {
    kind: 'complaint'; id: number; at: Date; reference: string; complaintKind: 'short_weight' | 'overcharge' | 'quality' | 'other';
    refundFen: number | null; compensationFen: number | null;
  }
  | {
    kind: 'alert'; id: number; at: Date; rule: string; severity: 'info' | 'warning' | 'critical'; status: 'open' | 'acknowledged' | 'closed';
    scale: { id: number; serial: string } | null;
  }
  | { kind: 'price_findings'; day: string; at: Date; count: number; weighings: number };

export interface MerchantScore extends AssessmentWithTrend {
  merchant: {
    id: number;
    name: string;
    shopName: string;
    market: { id: number; code: string; name: string; nameEn: string };
    district: { id: number; name: string; nameEn: string };
    stalls: { id: number; code: string; scales: { id: number; serial: string }[] }[];
  };
  period: RankingPeriod;
  windows: ScoreWindows;
  series: ScorePoint[];
  /** the current window's pieces of evidence, newest first */
  items: EvidenceItem[];
}

function weekEnds(today: string, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, index) => addDays(today, -7 * (weeks - 1 - index)));
}

async function evidenceList(db: Db, merchantId: number, window: DayWindow, dated: DatedEvidence[]): Promise<EvidenceItem[]> {
  const at = { gte: dayStart(window.from), lt: dayStart(addDays(window.to, 1)) };
  const onItsStalls = { stall: { merchantId } };
  const scale = { select: { id: true, serial: true } } as const;
  const [inspections, reweighs, complaints, alerts] = await Promise.all([
    db.inspection.findMany({ where: { at, stage: 'in_service', scale: onItsStalls }, select: { id: true, at: true, result: true, suspended: true, notes: true, scale } }),
    db.checkWeighing.findMany({
      where: { at, source: 'fair_scale', scale: onItsStalls },
      select: { id: true, at: true, passed: true, referenceMg: true, indicationMg: true, mpeMg: true, scale },
    }),
    db.complaint.findMany({
      where: { merchantId, decidedAt: at, events: { some: { toStatus: 'upheld' } } },
      select: { id: true, decidedAt: true, reference: true, kind: true, refundFen: true, compensationFen: true },
    }),
    db.alert.findMany({
      where: { merchantId, raisedAt: at, status: { not: 'closed' }, severity: { in: ['critical', 'warning'] } },
      select: { id: true, raisedAt: true, rule: true, severity: true, status: true, scale },
    }),
  ]);
  const items: EvidenceItem[] = [
    ...inspections.map(({ result, ...row }) => ({ kind: 'inspection' as const, ...row, passed: result === 'passed' })),
    ...reweighs.map((row) => ({ kind: 'reweigh' as const, ...row })),
    ...complaints.flatMap(({ decidedAt, kind, ...row }) => (decidedAt ? [{ kind: 'complaint' as const, ...row, at: decidedAt, complaintKind: kind }] : [])),
    ...alerts.map(({ raisedAt, ...row }) => ({ kind: 'alert' as const, ...row, at: raisedAt })),
    ...dated.flatMap((item) => {
      const count = item.evidence.priceFindings ?? 0;
      if (count === 0 || item.day < window.from || item.day > window.to) return [];
      return [{ kind: 'price_findings' as const, day: item.day, at: dayStart(item.day), count, weighings: item.evidence.weighings ?? 0 }];
    }),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** `items: false` leaves the evidence list out (the merchant's home page shows the panel only). */
export async function getMerchantScore(
  db: Db,
  scope: Scope,
  merchantId: number,
  today: string,
  period: RankingPeriod,
  options: { items?: boolean } = {},
): Promise<MerchantScore | null> {
  if (!Number.isSafeInteger(merchantId) || merchantId < 1) return null;
  const found = await db.merchant.findFirst({
    where: { AND: [{ id: merchantId }, merchantWhere(scope)] },
    select: {
      id: true,
      name: true,
      shopName: true,
      market: { select: marketOptionSelect },
      stalls: {
        orderBy: { code: 'asc' },
        select: { id: true, code: true, scales: { where: { AND: [scaleWhere(scope), inUse] }, orderBy: { serial: 'asc' }, select: { id: true, serial: true } } },
      },
    },
  });
  if (!found) return null;
  const windows = scoreWindows(today, period);
  const ends = weekEnds(today, SERIES_WEEKS);
  const earliest = [windows.previous.from, lastDays(ends[0]!, period).from].sort()[0]!;
  const span = { from: earliest, to: today };
  const [checks, trade] = await Promise.all([checkEvidence(db, [found.id], span), dailyTradeEvidence(db, found.id, span)]);
  const dated = [...(checks.get(found.id) ?? []), ...trade];
  const assessment = assessWithTrend(
    evidenceBetween(dated, windows.current.from, windows.current.to),
    evidenceBetween(dated, windows.previous.from, windows.previous.to),
  );
  const series = ends.map((end) => {
    const window = lastDays(end, period);
    const { score, card } = assess(evidenceBetween(dated, window.from, window.to));
    return { day: end, score, card };
  });
  const { market: { district, ...market }, ...merchant } = found;
  return {
    ...assessment,
    merchant: { ...merchant, market, district },
    period,
    windows,
    series,
    items: options.items === false ? [] : await evidenceList(db, found.id, windows.current, trade),
  };
}
