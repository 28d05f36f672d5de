// The merchant accuracy score (计量诚信分, 0–100), its red/yellow card (红黄牌) and its trend.
//
// Formula. Over a window of business days (SCORE_SETTINGS.windowDays, 90 by default; 30 can be
// chosen), the score starts at 100 and loses points for each kind of evidence against the merchant,
// each kind capped so that no single source can sink it alone; it never goes below 0 and is
// rounded to a whole number:
//
//   score = round(max(0, 100 − P_inspection − P_reweigh − P_complaint − P_price − P_alert))
//   P_inspection = min(50, 25 × failed spot checks (抽检, in-service inspections) of its scales)
//   P_reweigh    = min(30, 10 × failed fair-scale re-weighs of weighings on its scales)
//   P_complaint  = min(40, 20 × complaints decided upheld)
//   P_price      = min(25, 2.5 × weighings with a price finding per 1 000 weighings)
//   P_alert      = min(15, 6 × critical + 2 × warning alerts raised on it, not closed)
//
// Why these inputs and weights: a spot check is a regulator's own measurement, the strongest
// evidence, so one failure costs a quarter of the score (a verification's verdict is not counted: it
// decides the scale's legal state, and bringing a scale for periodic verification is no misconduct);
// a re-weigh on the market's fair scale is a shopper's measurement of a single purchase (one failure
// can be a misread), so it costs less; an upheld complaint has been investigated and decided, so it
// costs nearly as much as a spot check; price findings are the scale's own arithmetic against the
// law and are counted as a rate, so a busy stall is not punished for being busy (2.5 points per ‰:
// one wrong price in 100 weighings costs the whole 25); open alerts are signals still being looked
// at, so they weigh least. Passed checks and re-weighs do not add points: the score measures what
// went wrong, and a merchant nobody checked is not better than one who was checked and passed.
// Self-checks of a scale are its own diagnostics and count in the scale's pass rate, not in its
// merchant's score.
//
// A merchant with no evidence at all in the window (no weighing, no check, no decided complaint, no
// alert) has no score (null) rather than a perfect one.
//
// The weights, caps and card thresholds are PLATFORM SETTINGS chosen for this product, not law: the
// market rules (集贸市场计量监督管理办法, 2024) encourage red/yellow cards but set no formula.

/** Evidence about one merchant over one window. */
export interface ScoreEvidence {
  /** spot checks (抽检: inspections at the in-service stage) of the merchant's scales, by result */
  inspectionsPassed: number;
  inspectionsFailed: number;
  /** failed inspections that suspended the scale */
  inspectionsSuspended: number;
  /** fair-scale re-weighs (公平秤复称) of weighings on the merchant's scales */
  reweighs: number;
  reweighsFailed: number;
  /** complaints decided upheld */
  complaintsUpheld: number;
  /** of those, short-weight complaints (短斤少两) */
  shortWeightUpheld: number;
  weighings: number;
  /** weighings with a price finding (lib/domain/price-findings.ts) */
  priceFindings: number;
  /** alerts raised on the merchant and not closed, by severity */
  criticalAlerts: number;
  warningAlerts: number;
}

export const NO_EVIDENCE: Readonly<ScoreEvidence> = Object.freeze({
  inspectionsPassed: 0,
  inspectionsFailed: 0,
  inspectionsSuspended: 0,
  reweighs: 0,
  reweighsFailed: 0,
  complaintsUpheld: 0,
  shortWeightUpheld: 0,
  weighings: 0,
  priceFindings: 0,
  criticalAlerts: 0,
  warningAlerts: 0,
});

const EVIDENCE_KEYS = Object.keys(NO_EVIDENCE) as (keyof ScoreEvidence)[];

/** Platform setting (see the formula above). */
export const SCORE_SETTINGS = {
  windowDays: 90,
  failedInspection: { points: 25, cap: 50 },
  failedReweigh: { points: 10, cap: 30 },
  upheldComplaint: { points: 20, cap: 40 },
  priceFindingsPerMille: { points: 2.5, cap: 25 },
  alerts: { critical: 6, warning: 2, cap: 15 },
} as const;

export type ScoreSettings = typeof SCORE_SETTINGS;

export type PenaltyKind = 'inspection' | 'reweigh' | 'complaint' | 'price' | 'alert';

export interface Penalty {
  kind: PenaltyKind;
  /** how many pieces of evidence (for `price`: weighings with a price finding) */
  count: number;
  /** points taken off, after the cap */
  points: number;
}

/** Weighings with a price finding per 1 000 weighings; null without weighings. */
export function priceFindingsPerMille(evidence: Pick<ScoreEvidence, 'weighings' | 'priceFindings'>): number | null {
  return evidence.weighings > 0 ? (evidence.priceFindings * 1000) / evidence.weighings : null;
}

export function hasEvidence(evidence: ScoreEvidence): boolean {
  return EVIDENCE_KEYS.some((key) => evidence[key] > 0);
}

/** The points each kind of evidence takes off (kinds with none are left out). */
export function penalties(evidence: ScoreEvidence, settings: ScoreSettings = SCORE_SETTINGS): Penalty[] {
  const capped = (value: number, cap: number) => Math.min(cap, value);
  const perMille = priceFindingsPerMille(evidence) ?? 0;
  const alertCount = evidence.criticalAlerts + evidence.warningAlerts;
  const all: Penalty[] = [
    { kind: 'inspection', count: evidence.inspectionsFailed, points: capped(evidence.inspectionsFailed * settings.failedInspection.points, settings.failedInspection.cap) },
    { kind: 'reweigh', count: evidence.reweighsFailed, points: capped(evidence.reweighsFailed * settings.failedReweigh.points, settings.failedReweigh.cap) },
    { kind: 'complaint', count: evidence.complaintsUpheld, points: capped(evidence.complaintsUpheld * settings.upheldComplaint.points, settings.upheldComplaint.cap) },
    { kind: 'price', count: evidence.priceFindings, points: capped(perMille * settings.priceFindingsPerMille.points, settings.priceFindingsPerMille.cap) },
    {
      kind: 'alert',
      count: alertCount,
      points: capped(evidence.criticalAlerts * settings.alerts.critical + evidence.warningAlerts * settings.alerts.warning, settings.alerts.cap),
    },
  ];
  return all.filter((penalty) => penalty.count > 0 && penalty.points > 0);
}

/** The score 0–100, or null when the window holds no evidence at all. */
export function accuracyScore(evidence: ScoreEvidence, settings: ScoreSettings = SCORE_SETTINGS): number | null {
  if (!hasEvidence(evidence)) return null;
  const taken = penalties(evidence, settings).reduce((sum, penalty) => sum + penalty.points, 0);
  return Math.round(Math.max(0, 100 - taken));
}

// ───────────────────────── cards ─────────────────────────

export type Card = 'red' | 'yellow' | 'none';

/** Platform setting: when a merchant gets a red or a yellow card (not law; see the header). */
export const CARD_SETTINGS = {
  red: {
    /** an upheld short-weight complaint: the shopper was shorted, 退一赔三 */
    shortWeightUpheld: 1,
    /** a failed inspection that suspended a scale */
    inspectionsSuspended: 1,
    scoreBelow: 60,
  },
  yellow: {
    inspectionsFailed: 1,
    reweighsFailed: 1,
    complaintsUpheld: 1,
    /** repeated price findings: at least this many, and at least this rate */
    priceFindings: { atLeast: 3, perMille: 2 },
    criticalAlerts: 1,
    scoreBelow: 80,
  },
} as const;

export type CardSettings = typeof CARD_SETTINGS;

export type CardReasonCode =
  | 'short_weight_upheld'
  | 'inspection_suspended'
  | 'score_below_red'
  | 'inspection_failed'
  | 'reweigh_failed'
  | 'complaint_upheld'
  | 'price_findings'
  | 'critical_alert'
  | 'score_below_yellow';

export interface CardReason {
  code: CardReasonCode;
  level: 'red' | 'yellow';
  /** the figure that crossed the threshold (a count, a score, or for price findings the count) */
  value: number;
  /** the threshold it crossed */
  threshold: number;
}

export const CARD_SEVERITY: Readonly<Record<Card, number>> = { red: 2, yellow: 1, none: 0 };

/**
 * The card and every condition behind it (the merchant sees them all: transparency). The card is
 * the highest level any condition reaches.
 */
export function cardFor(evidence: ScoreEvidence, score: number | null, settings: CardSettings = CARD_SETTINGS): { card: Card; reasons: CardReason[] } {
  const reasons: CardReason[] = [];
  const atLeast = (code: CardReasonCode, level: 'red' | 'yellow', value: number, threshold: number) => {
    if (value >= threshold) reasons.push({ code, level, value, threshold });
  };
  const below = (code: CardReasonCode, level: 'red' | 'yellow', threshold: number) => {
    if (score !== null && score < threshold) reasons.push({ code, level, value: score, threshold });
  };
  const { red, yellow } = settings;
  atLeast('short_weight_upheld', 'red', evidence.shortWeightUpheld, red.shortWeightUpheld);
  atLeast('inspection_suspended', 'red', evidence.inspectionsSuspended, red.inspectionsSuspended);
  below('score_below_red', 'red', red.scoreBelow);
  atLeast('inspection_failed', 'yellow', evidence.inspectionsFailed, yellow.inspectionsFailed);
  atLeast('reweigh_failed', 'yellow', evidence.reweighsFailed, yellow.reweighsFailed);
  atLeast('complaint_upheld', 'yellow', evidence.complaintsUpheld, yellow.complaintsUpheld);
  const perMille = priceFindingsPerMille(evidence);
  if (perMille !== null && perMille >= yellow.priceFindings.perMille) {
    atLeast('price_findings', 'yellow', evidence.priceFindings, yellow.priceFindings.atLeast);
  }
  atLeast('critical_alert', 'yellow', evidence.criticalAlerts, yellow.criticalAlerts);
  // a red score is also below the yellow line: say it once, at the higher level
  if (!(score !== null && score < red.scoreBelow)) below('score_below_yellow', 'yellow', yellow.scoreBelow);
  const card: Card = reasons.some((reason) => reason.level === 'red') ? 'red' : reasons.length > 0 ? 'yellow' : 'none';
  return { card, reasons };
}

// ───────────────────────── trend ─────────────────────────

/** Platform setting: a change smaller than this many points reads as steady. */
export const TREND_STEADY_BELOW = 3;

export type TrendDirection = 'up' | 'down' | 'steady' | 'new' | 'none';

export interface Trend {
  /** current − previous score; null when either has no score */
  delta: number | null;
  /** `new`: a score now, none in the previous window; `none`: no score now */
  direction: TrendDirection;
}

export function scoreTrend(current: number | null, previous: number | null, steadyBelow: number = TREND_STEADY_BELOW): Trend {
  if (current === null) return { delta: null, direction: 'none' };
  if (previous === null) return { delta: null, direction: 'new' };
  const delta = current - previous;
  return { delta, direction: Math.abs(delta) < steadyBelow ? 'steady' : delta > 0 ? 'up' : 'down' };
}

// ───────────────────────── evidence over days ─────────────────────────

/** One dated piece (or day's sum) of evidence, e.g. a day's rollup, an inspection, a complaint. */
export interface DatedEvidence {
  /** business day "YYYY-MM-DD" */
  day: string;
  evidence: Partial<ScoreEvidence>;
}

export function addEvidence(a: ScoreEvidence, b: Partial<ScoreEvidence>): ScoreEvidence {
  const sum = { ...a };
  for (const key of EVIDENCE_KEYS) sum[key] += b[key] ?? 0;
  return sum;
}

/** The evidence dated from..to (both included). */
export function evidenceBetween(items: Iterable<DatedEvidence>, from: string, to: string): ScoreEvidence {
  let sum: ScoreEvidence = { ...NO_EVIDENCE };
  for (const item of items) if (item.day >= from && item.day <= to) sum = addEvidence(sum, item.evidence);
  return sum;
}

export interface Assessment {
  score: number | null;
  penalties: Penalty[];
  card: Card;
  reasons: CardReason[];
  evidence: ScoreEvidence;
}

export function assess(evidence: ScoreEvidence, settings: { score?: ScoreSettings; card?: CardSettings } = {}): Assessment {
  const score = accuracyScore(evidence, settings.score);
  return { score, penalties: penalties(evidence, settings.score), ...cardFor(evidence, score, settings.card), evidence };
}

export interface AssessmentWithTrend extends Assessment {
  previousScore: number | null;
  trend: Trend;
}

/** This window's assessment, and its trend against the window before it. */
export function assessWithTrend(current: ScoreEvidence, previous: ScoreEvidence): AssessmentWithTrend {
  const now = assess(current);
  const previousScore = accuracyScore(previous);
  return { ...now, previousScore, trend: scoreTrend(now.score, previousScore) };
}

/** Worst first: red before yellow before none, then the lower score, then no score last; ties by id. */
export function compareWorstFirst(a: { card: Card; score: number | null; id: number }, b: { card: Card; score: number | null; id: number }): number {
  const card = CARD_SEVERITY[b.card] - CARD_SEVERITY[a.card];
  if (card !== 0) return card;
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return a.score - b.score;
  }
  return a.id - b.id;
}
