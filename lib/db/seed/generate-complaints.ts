// About ten shoppers' complaints in every state of their handling, each with the events that
// brought it there. Upheld short-weight and overcharge cases are refunded with three times
// compensation (退一赔三), as the market rules require.
import { priceToPay } from '../../domain/metrology/price-to-pay.ts';
import { formatFen, formatKg } from '../../domain/units.ts';
import { businessDay } from '../../domain/business-day.ts';
import { compactDay, localTime } from './dates.ts';
import { HEAVY_FACTOR } from './generate-checks.ts';
import type { Places } from './generate-places.ts';
import type { ScaleProfile, Scales } from './generate-scales.ts';
import { maskedPhone } from './people.ts';
import type { Rng } from './prng.ts';
import type { ComplaintEventRow, ComplaintRow, ComplaintStatus, Day, WeighingRow } from './types.ts';

const HOUR = 3_600_000;
const DUE_AFTER_MS = 7 * 24 * HOUR;
const COMPENSATION_MULTIPLE = 3;

type Kind = ComplaintRow['kind'];

interface Plan {
  status: ComplaintStatus;
  kind: Kind;
  profile: ScaleProfile | undefined;
  daysAgo: number;
}

/** The steps a complaint goes through to reach each status. */
const PATH: Record<ComplaintStatus, ComplaintStatus[]> = {
  submitted: ['submitted'],
  accepted: ['submitted', 'accepted'],
  investigating: ['submitted', 'accepted', 'investigating'],
  upheld: ['submitted', 'accepted', 'investigating', 'upheld'],
  dismissed: ['submitted', 'accepted', 'investigating', 'dismissed'],
  closed: ['submitted', 'accepted', 'investigating', 'upheld', 'closed'],
};

function eventNote(status: ComplaintStatus, kind: Kind): string {
  switch (status) {
    case 'submitted': return '消费者扫描小票二维码提交投诉';
    case 'accepted': return '市场管理方已受理，联系商户核实';
    case 'investigating': return '执法人员调取称重记录并现场复核计价秤';
    case 'upheld': return kind === 'short_weight' ? '公平秤复称及现场检查确认短秤，责令退一赔三' : '计价金额与单价×重量不符，责令退还差价并赔偿';
    case 'dismissed': return '复称误差在使用中最大允许误差内，投诉不成立';
    case 'closed': return '商户已退赔，消费者确认，结案';
  }
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

export interface Complaints {
  complaints: ComplaintRow[];
  complaintEvents: ComplaintEventRow[];
}

export function generateComplaints(
  rng: Rng,
  input: {
    places: Places; scales: Scales; byScale: Map<number, WeighingRow[]>; days: Day[];
    users: { marketManager: { id: number; marketId: number }; inspector: { id: number; districtId: number }; district: { id: number; districtId: number } };
    demoMerchantId: number;
  },
): Complaints {
  const { places, scales, byScale, days, users } = input;
  const lastDay = days[days.length - 1];
  if (lastDay === undefined) return { complaints: [], complaintEvents: [] };
  const traders = scales.profiles.filter((profile) => (byScale.get(profile.scale.id)?.length ?? 0) > 0);
  const clean = traders.filter((profile) => profile.behaviour === 'clean');
  const heavy = traders.filter((profile) => profile.behaviour === 'heavy');
  const overcharging = traders.filter((profile) => profile.behaviour === 'price_mismatch');
  const demo = traders.find((profile) => profile.merchant?.merchant.id === input.demoMerchantId);
  const anyClean = (): ScaleProfile | undefined => (clean.length ? rng.pick(clean) : undefined);
  const plans: Plan[] = [
    { status: 'submitted', kind: 'quality', profile: demo, daysAgo: 1 },
    { status: 'submitted', kind: 'other', profile: anyClean(), daysAgo: 1 },
    { status: 'accepted', kind: 'short_weight', profile: heavy[1] ?? heavy[0], daysAgo: 2 },
    { status: 'accepted', kind: 'quality', profile: anyClean(), daysAgo: 3 },
    { status: 'investigating', kind: 'overcharge', profile: overcharging[0], daysAgo: 4 },
    { status: 'investigating', kind: 'short_weight', profile: anyClean(), daysAgo: 9 }, // past its deadline
    { status: 'upheld', kind: 'short_weight', profile: heavy[0], daysAgo: 12 },
    { status: 'upheld', kind: 'overcharge', profile: overcharging[1] ?? overcharging[0], daysAgo: 15 },
    { status: 'dismissed', kind: 'short_weight', profile: anyClean(), daysAgo: 8 },
    { status: 'closed', kind: 'overcharge', profile: overcharging[0], daysAgo: 20 },
  ];

  const complaints: ComplaintRow[] = [];
  const complaintEvents: ComplaintEventRow[] = [];
  const references = new Set<string>();
  // nothing may happen after the end of the history
  const horizon = localTime(lastDay, 23, 0);

  for (const plan of plans) {
    const { profile } = plan;
    const own = profile ? byScale.get(profile.scale.id) : undefined;
    if (!profile || !own?.length) continue;
    const day = days[Math.max(0, days.length - Math.min(plan.daysAgo, days.length))] as Day;
    const sameDay = own.filter((weighing) => weighing.scaleTime >= localTime(day, 0) && weighing.scaleTime < localTime(day, 24));
    const pool = plan.kind === 'overcharge' ? sameDay.filter((weighing) => weighing.findings.includes('price_mismatch')) : sameDay;
    const weighing = rng.pick(pool.length ? pool : sameDay.length ? sameDay : own);
    const commodity = places.commodities.find((candidate) => candidate.id === weighing.commodityId);
    const what = commodity?.name ?? '商品';

    let description: string;
    let owedFen = 0; // what the shopper was overcharged, refunded if upheld
    if (plan.kind === 'short_weight') {
      const trueMg = profile.behaviour === 'heavy' ? roundTo(weighing.netMg / HEAVY_FACTOR, profile.scale.dMg) : weighing.netMg;
      owedFen = weighing.priceFen - priceToPay({ unitPriceFenPerKg: weighing.unitPriceFenPerKg, netMg: trueMg, intervalFen: profile.scale.priceIntervalFen });
      description = `买了${formatKg(weighing.netMg)}公斤${what}，到公平秤复称只有${formatKg(trueMg === weighing.netMg ? weighing.netMg - profile.scale.dMg : trueMg)}公斤，怀疑短斤少两。`;
    } else if (plan.kind === 'overcharge') {
      const dueFen = priceToPay({ unitPriceFenPerKg: weighing.unitPriceFenPerKg, netMg: weighing.netMg, intervalFen: profile.scale.priceIntervalFen });
      owedFen = weighing.priceFen - dueFen;
      description = `${what}单价${formatFen(weighing.unitPriceFenPerKg)}元/公斤，重${formatKg(weighing.netMg)}公斤，应付${formatFen(dueFen)}元，小票却收了${formatFen(weighing.priceFen)}元。`;
    } else if (plan.kind === 'quality') {
      description = `买的${what}回家发现不新鲜，要求退换，商户不同意。`;
    } else {
      description = '称重后商户没有给小票，扫的也不是阳光秤收款码。';
    }

    const filedAt = Math.min(horizon - 6 * HOUR, weighing.receivedAt + rng.int(20, 90) * 60_000);
    const referenceOf = (sequence: number): string => `TS${compactDay(businessDay(new Date(filedAt)))}-${String(sequence).padStart(4, '0')}`;
    let sequence = rng.int(1, 40); // the day's running number at the complaint desk
    while (references.has(referenceOf(sequence))) sequence++;
    const reference = referenceOf(sequence);
    references.add(reference);

    const marketId = profile.scale.marketId;
    const districtId = places.markets.find((market) => market.id === marketId)?.districtId;
    const managerId = marketId === users.marketManager.marketId ? users.marketManager.id : null;
    const inspectorId = districtId === users.inspector.districtId ? users.inspector.id : null;
    const regulatorId = districtId === users.district.districtId ? users.district.id : null;
    // who moves a complaint on; staff of places without a demo account are left anonymous
    const actor: Record<ComplaintStatus, number | null> = {
      submitted: null, // the shopper, who has no account
      accepted: managerId, closed: managerId, investigating: inspectorId,
      upheld: regulatorId ?? inspectorId, dismissed: regulatorId ?? inspectorId,
    };
    const upheld = plan.status === 'upheld' || plan.status === 'closed';
    const complaintId = complaints.length + 1;

    // Each step a little after the previous one, all before the horizon.
    const steps = PATH[plan.status];
    let at = filedAt;
    let decidedAt: number | null = null;
    for (const [index, status] of steps.entries()) {
      if (index > 0) {
        const gap = status === 'accepted' ? rng.int(1, 4) * HOUR : status === 'investigating' ? rng.int(3, 20) * HOUR : rng.int(24, 72) * HOUR;
        at = Math.min(at + gap, horizon - (steps.length - index) * 60_000);
      }
      if (status === 'upheld' || status === 'dismissed') decidedAt = at;
      complaintEvents.push({
        id: complaintEvents.length + 1, complaintId, at, userId: actor[status],
        fromStatus: steps[index - 1] ?? null, toStatus: status, note: eventNote(status, plan.kind),
      });
    }

    complaints.push({
      id: complaintId, reference, kind: plan.kind, status: plan.status, description, contactPhone: maskedPhone(rng),
      marketId, merchantId: profile.merchant?.merchant.id ?? null, weighingId: weighing.id,
      filedAt, dueAt: filedAt + DUE_AFTER_MS, decidedAt,
      refundFen: upheld ? Math.max(owedFen, 0) : null,
      compensationFen: upheld ? COMPENSATION_MULTIPLE * Math.max(owedFen, 0) : null,
    });
  }
  return { complaints, complaintEvents };
}
