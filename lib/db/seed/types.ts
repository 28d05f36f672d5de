// Rows of the demo city as generated, one interface per table, field names as the columns.
// Ids are assigned by the generator (1, 2, 3 … per table) so rows can reference each other before
// anything is written; the writer inserts them as given.
import type { Category } from './hengyang.ts';

/** "YYYY-MM-DD", a business day in Asia/Shanghai (or a plain calendar date) */
export type Day = string;
/** an instant as epoch milliseconds (UTC) */
export type Instant = number;

export type PaymentMethod = 'bank_qr' | 'cash' | 'card';
export type ScaleStatus = 'in_service' | 'suspended' | 'retired';
export type VerificationResult = 'passed' | 'failed';
export type Role = 'city_regulator' | 'district_regulator' | 'market_manager' | 'inspector' | 'bank_officer' | 'merchant';
export type ComplaintStatus = 'submitted' | 'accepted' | 'investigating' | 'upheld' | 'dismissed' | 'closed';
export type Finding = 'price_mismatch' | 'unstable' | 'below_min';

export interface CityRow { id: number; code: string; name: string; nameEn: string }
export interface DistrictRow { id: number; cityId: number; code: string; name: string; nameEn: string }

export interface MarketRow {
  id: number; districtId: number; code: string; name: string; nameEn: string; address: string;
  floorRows: number; floorCols: number;
}

export interface StallRow { id: number; marketId: number; code: string; row: number; col: number; merchantId: number | null }

export interface ProgrammeRow {
  id: number; cityId: number; name: string; nameEn: string; bankName: string; bankNameEn: string;
  startedOn: Day; feeBasisPoints: number;
}

export interface MerchantRow {
  id: number; marketId: number; name: string; shopName: string; licenseNo: string; phone: string;
  category: Category; programmeId: number | null; enrolledOn: Day | null; settlementAccount: string | null;
}

export interface CommodityRow {
  id: number; plu: string; name: string; nameEn: string; category: Category; guidePriceFenPerKg: number | null;
}

export interface ScaleRow {
  id: number; serial: string; model: string; maker: string; accuracyClass: 'III';
  maxMg: number; minMg: number; eMg: number; dMg: number; priceIntervalFen: number; softwareId: string;
  calibrationCounter: number; configurationCounter: number; purpose: 'trade' | 'fair'; status: ScaleStatus;
  online: boolean; lastSeenAt: Instant | null; installedOn: Day; marketId: number; stallId: number | null;
  programmeId: number | null;
  /** the highest seq of the scale's weighings in the history; null when it has none (a fair scale) */
  lastSeq: number | null;
}

export interface VerificationRow {
  id: number; scaleId: number; certificateNo: string; verifiedOn: Day; expiresOn: Day;
  result: VerificationResult; authority: string; sealCode: string | null;
}

export interface UserRow {
  id: number; username: string; displayName: string; role: Role; cityId: number;
  districtId: number | null; marketId: number | null; merchantId: number | null;
}

export interface WeighingRow {
  id: number; scaleId: number;
  /** per-scale counter; a safe integer here, BIGINT in the table */
  seq: number;
  scaleTime: Instant; receivedAt: Instant; merchantId: number | null; marketId: number;
  /** the scale's stall at the time of the weighing */
  stallId: number | null; commodityId: number;
  unitPriceFenPerKg: number; grossMg: number; tareMg: number; netMg: number; priceFen: number;
  stable: boolean; paymentMethod: PaymentMethod; findings: readonly Finding[];
}

export interface PaymentRow {
  id: number; merchantId: number;
  /** null for a payment made outside a weighing (the seed's deliberate reconciliation breaks) */
  weighingId: number | null;
  amountFen: number; paidAt: Instant; businessDay: Day; bankRef: string; status: 'captured' | 'refunded';
}

export interface InspectionRow {
  id: number; scaleId: number; inspectorId: number | null; at: Instant; result: VerificationResult;
  suspended: boolean; notes: string | null;
}

export interface CheckWeighingRow {
  id: number; scaleId: number; inspectionId: number | null; source: 'inspection' | 'self_check' | 'fair_scale';
  kind: 'weighing'; stage: 'in_service'; at: Instant; referenceMg: number; indicationMg: number; mpeMg: number;
  passed: boolean;
}

export interface AlertRow {
  id: number; rule: string; severity: 'info' | 'warning' | 'critical'; status: 'open' | 'acknowledged' | 'closed';
  marketId: number; scaleId: number | null; merchantId: number | null; raisedAt: Instant; closedAt: Instant | null;
  detail: Record<string, unknown> | null;
}

export interface ComplaintRow {
  id: number; reference: string; kind: 'short_weight' | 'overcharge' | 'quality' | 'other'; status: ComplaintStatus;
  description: string; contactPhone: string | null; marketId: number; merchantId: number | null;
  weighingId: number | null; filedAt: Instant; dueAt: Instant; decidedAt: Instant | null;
  refundFen: number | null; compensationFen: number | null;
}

export interface ComplaintEventRow {
  id: number; complaintId: number; at: Instant; userId: number | null;
  fromStatus: ComplaintStatus | null; toStatus: ComplaintStatus; note: string | null;
}

export interface SeedOptions {
  /** PRNG seed */
  seed: number;
  /** the seed's "today" (business day); history ends the day before */
  today: Day;
  /** business days of trade history */
  historyDays: number;
}

export interface SeedData {
  options: SeedOptions;
  /** the history's business days, oldest first */
  days: Day[];
  city: CityRow;
  districts: DistrictRow[];
  markets: MarketRow[];
  stalls: StallRow[];
  programme: ProgrammeRow;
  merchants: MerchantRow[];
  commodities: CommodityRow[];
  scales: ScaleRow[];
  verifications: VerificationRow[];
  users: UserRow[];
  weighings: WeighingRow[];
  payments: PaymentRow[];
  inspections: InspectionRow[];
  checkWeighings: CheckWeighingRow[];
  alerts: AlertRow[];
  complaints: ComplaintRow[];
  complaintEvents: ComplaintEventRow[];
}
