import { describe, it, expect } from 'vitest';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import { businessDay } from '../../lib/domain/business-day.ts';
import { generateDemoCity } from '../../lib/db/seed/generate.ts';
import { settlementFee } from '../../lib/domain/settlement.ts';
import { verificationStatus } from '../../lib/domain/verification-status.ts';
import { planSettlementClose, type OpenPayment, type PlannedSettlement } from '../../lib/domain/settlement-close.ts';
import { uscCheckChar } from '../../lib/db/seed/license-no.ts';
import { DEMO_USERS } from '../../lib/db/seed/demo-users.ts';
import type { ScaleRow, SeedData, WeighingRow } from '../../lib/db/seed/types.ts';

const TODAY = '2026-11-29';
const city = generateDemoCity({ seed: 7, today: TODAY, historyDays: 2 });
const scaleById = new Map<number, ScaleRow>(city.scales.map((scale) => [scale.id, scale]));
const scaleOf = (weighing: WeighingRow): ScaleRow => {
  const scale = scaleById.get(weighing.scaleId);
  if (!scale) throw new Error(`weighing ${weighing.id} on unknown scale ${weighing.scaleId}`);
  return scale;
};

describe('demo city generator', () => {
  it('is deterministic for a seed and a today', () => {
    const again = generateDemoCity({ seed: 7, today: TODAY, historyDays: 2 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    const other = generateDemoCity({ seed: 8, today: TODAY, historyDays: 2 });
    expect(JSON.stringify(other.merchants)).not.toBe(JSON.stringify(city.merchants));
  });

  it('covers the history ending yesterday', () => {
    expect(city.days).toEqual(['2026-11-27', '2026-11-28']);
    const days = new Set(city.weighings.map((weighing) => businessDay(new Date(weighing.scaleTime))));
    expect([...days].sort()).toEqual(city.days);
  });

  it('has a city of believable size in real districts', () => {
    expect(city.city.code).toBe('430400');
    expect(city.districts.map((district) => district.code).sort()).toEqual(['430405', '430406', '430407', '430408', '430412']);
    expect(city.markets.length).toBeGreaterThanOrEqual(6);
    expect(new Set(city.markets.map((market) => market.districtId)).size).toBeGreaterThanOrEqual(4);
    expect(city.stalls.length).toBeGreaterThanOrEqual(300);
    expect(city.merchants.length).toBeGreaterThanOrEqual(300);
    expect(city.scales.length).toBeGreaterThanOrEqual(350);
    expect(city.commodities.length).toBeGreaterThanOrEqual(40);
  });

  it('lays stalls out on each market floor, some vacant, some merchants with two', () => {
    for (const market of city.markets) {
      const stalls = city.stalls.filter((stall) => stall.marketId === market.id);
      expect(new Set(stalls.map((stall) => stall.code)).size).toBe(stalls.length);
      expect(new Set(stalls.map((stall) => `${stall.row},${stall.col}`)).size).toBe(stalls.length);
      for (const stall of stalls) {
        expect(stall.code).toMatch(/^[A-Z]-\d{2}$/);
        expect(stall.row).toBeLessThan(market.floorRows);
        expect(stall.col).toBeLessThan(market.floorCols);
      }
    }
    expect(city.stalls.some((stall) => stall.merchantId === null)).toBe(true);
    const stallCount = new Map<number, number>();
    for (const stall of city.stalls) if (stall.merchantId !== null) stallCount.set(stall.merchantId, (stallCount.get(stall.merchantId) ?? 0) + 1);
    expect([...stallCount.values()].some((count) => count === 2)).toBe(true);
    expect(stallCount.size).toBe(city.merchants.length);
  });

  it('gives merchants valid, unique credit codes and enrols about 90 % of them', () => {
    expect(new Set(city.merchants.map((merchant) => merchant.licenseNo)).size).toBe(city.merchants.length);
    for (const { licenseNo } of city.merchants) {
      expect(licenseNo).toMatch(/^[0-9A-HJ-NP-RTUWXY]{18}$/);
      expect(licenseNo.charAt(17)).toBe(uscCheckChar(licenseNo.slice(0, 17)));
    }
    const enrolled = city.merchants.filter((merchant) => merchant.programmeId !== null).length / city.merchants.length;
    expect(enrolled).toBeGreaterThan(0.8);
    expect(enrolled).toBeLessThan(0.97);
  });

  it('equips every trading stall with a class III scale and every market with a fair scale', () => {
    expect(new Set(city.scales.map((scale) => scale.serial)).size).toBe(city.scales.length);
    for (const scale of city.scales) {
      expect(scale.accuracyClass).toBe('III');
      expect([[30_000_000, 10_000], [15_000_000, 5_000]]).toContainEqual([scale.maxMg, scale.eMg]);
      expect(scale.dMg).toBe(scale.eMg);
      expect(scale.minMg).toBe(20 * scale.eMg);
      expect(scale.online).toBe(false);
    }
    for (const market of city.markets) {
      const fair = city.scales.filter((scale) => scale.marketId === market.id && scale.purpose === 'fair');
      expect(fair).toHaveLength(1);
      expect(fair[0]?.stallId).toBeNull();
    }
    const equipped = new Set(city.scales.map((scale) => scale.stallId));
    for (const stall of city.stalls) expect(equipped.has(stall.id)).toBe(stall.merchantId !== null);
  });

  it('gives each scale a yearly verification history whose latest one sets its legal state', () => {
    const latest = new Map<number, (typeof city.verifications)[number]>();
    for (const verification of city.verifications) {
      const previous = latest.get(verification.scaleId);
      if (!previous || previous.verifiedOn < verification.verifiedOn) latest.set(verification.scaleId, verification);
    }
    expect(latest.size).toBe(city.scales.length);
    expect(new Set(city.verifications.map((verification) => verification.certificateNo)).size).toBe(city.verifications.length);
    for (const scale of city.scales) {
      expect(city.verifications.find((candidate) => candidate.scaleId === scale.id)?.verifiedOn).toBe(scale.installedOn);
      expect(scale.status === 'suspended').toBe(latest.get(scale.id)?.result === 'failed');
    }
    // as the app judges it, looking through the suspension at the verification itself
    const statuses = city.scales.map((scale) => verificationStatus({ scaleStatus: 'in_service', latest: latest.get(scale.id) ?? null }, TODAY));
    const share = (status: string): number => statuses.filter((candidate) => candidate === status).length / statuses.length;
    expect(share('failed')).toBeGreaterThan(0);
    expect(share('expired')).toBeCloseTo(0.03, 1);
    expect(share('expiring')).toBeCloseTo(0.06, 1);
    expect(share('valid')).toBeGreaterThan(0.85);
  });

  it('computes every price to pay from unit price and net mass, unless flagged price_mismatch', () => {
    // collect offenders and assert once: an expect per row makes this test slow
    let mismatched = 0;
    const wrong = city.weighings.filter((weighing) => {
      const expected = priceToPay({ unitPriceFenPerKg: weighing.unitPriceFenPerKg, netMg: weighing.netMg, intervalFen: scaleOf(weighing).priceIntervalFen });
      if (!weighing.findings.includes('price_mismatch')) return weighing.priceFen !== expected;
      mismatched++;
      return weighing.priceFen - expected < 1 || weighing.priceFen - expected > 3;
    });
    expect(wrong).toEqual([]);
    expect(mismatched).toBeGreaterThan(0);
  });

  it('weighs in whole scale intervals within the scale range', () => {
    const wrong = city.weighings.filter((weighing) => {
      const scale = scaleOf(weighing);
      return weighing.netMg % scale.dMg !== 0
        || weighing.tareMg % scale.dMg !== 0
        || weighing.grossMg !== weighing.netMg + weighing.tareMg
        || weighing.grossMg > scale.maxMg
        || weighing.netMg <= 0
        || (weighing.netMg >= scale.minMg) === weighing.findings.includes('below_min')
        || weighing.stable === weighing.findings.includes('unstable')
        || !Number.isInteger(weighing.unitPriceFenPerKg);
    });
    expect(wrong).toEqual([]);
  });

  it('keeps unit prices within 20 % of the guide price', () => {
    const guide = new Map(city.commodities.map((commodity) => [commodity.id, commodity.guidePriceFenPerKg ?? 0]));
    const wrong = city.weighings.filter((weighing) => {
      const price = guide.get(weighing.commodityId) ?? 0;
      return weighing.unitPriceFenPerKg * 100 < price * 80 || weighing.unitPriceFenPerKg * 100 > price * 120;
    });
    expect(wrong).toEqual([]);
  });

  it('numbers each scale\'s weighings with a seq that grows with time, and records where they happened', () => {
    const last = new Map<number, WeighingRow>();
    const stallOf = new Map(city.stalls.map((stall) => [stall.id, stall]));
    const wrong = [...city.weighings].sort((a, b) => a.scaleTime - b.scaleTime).filter((weighing) => {
      const previous = last.get(weighing.scaleId);
      last.set(weighing.scaleId, weighing);
      const scale = scaleOf(weighing);
      return (previous !== undefined && weighing.seq !== previous.seq + 1)
        || weighing.receivedAt <= weighing.scaleTime
        || scale.purpose !== 'trade'
        || weighing.marketId !== scale.marketId
        || weighing.stallId === null
        || weighing.stallId !== scale.stallId
        || weighing.merchantId !== stallOf.get(scale.stallId ?? 0)?.merchantId;
    });
    expect(wrong).toEqual([]);
    expect(new Set(city.weighings.map((weighing) => weighing.id)).size).toBe(city.weighings.length);
  });

  it('records each scale\'s last seq: the highest it wrote, null for a scale that wrote none', () => {
    const highest = new Map<number, number>();
    for (const weighing of city.weighings) highest.set(weighing.scaleId, Math.max(highest.get(weighing.scaleId) ?? 0, weighing.seq));
    const wrong = city.scales.filter((scale) => scale.lastSeq !== (highest.get(scale.id) ?? null));
    expect(wrong).toEqual([]);
    expect(city.scales.filter((scale) => scale.purpose === 'fair').every((scale) => scale.lastSeq === null)).toBe(true);
    expect(city.scales.some((scale) => scale.lastSeq !== null)).toBe(true);
  });

  it('pays each bank-QR weighing through the bank, mostly', () => {
    const bank = city.weighings.filter((weighing) => weighing.paymentMethod === 'bank_qr');
    expect(bank.length / city.weighings.length).toBeGreaterThan(0.6);
    expect(bank.length / city.weighings.length).toBeLessThan(0.8);
    const paid = new Map(city.payments.filter((payment) => payment.weighingId !== null).map((payment) => [payment.weighingId, payment]));
    const unpaid = bank.filter((weighing) => !paid.has(weighing.id));
    expect(unpaid.length).toBeLessThan(10); // the deliberately lost payments
    const wrong = bank.filter((weighing) => {
      const payment = paid.get(weighing.id);
      return payment !== undefined
        && (payment.amountFen !== weighing.priceFen || payment.merchantId !== weighing.merchantId || payment.paidAt <= weighing.scaleTime);
    });
    expect(wrong).toEqual([]);
    expect(new Set(city.payments.map((payment) => payment.bankRef)).size).toBe(city.payments.length);
  });

  // The seed closes its history with the close job's own function (lib/db/settlement-close.ts, held
  // to the pure plan by tests/integration/settlement-close.test.ts): what the pure plan makes of the
  // generated days is what the seeded settlements will be.
  function closeHistory(data: SeedData): PlannedSettlement[] {
    const enrolled = new Set(data.merchants.filter((merchant) => merchant.programmeId !== null).map((merchant) => merchant.id));
    const paymentsOf = new Map<string, OpenPayment[]>();
    for (const payment of data.payments) {
      if (payment.weighingId === null || !enrolled.has(payment.merchantId)) continue; // unmatched: the exception queue's
      const key = `${payment.merchantId}|${payment.businessDay}`;
      paymentsOf.set(key, [...(paymentsOf.get(key) ?? []), { id: String(payment.id), status: payment.status, amountFen: payment.amountFen, businessDay: payment.businessDay }]);
    }
    const weighed = new Map<string, number>();
    for (const weighing of data.weighings) {
      if (weighing.paymentMethod !== 'bank_qr' || weighing.merchantId === null || !enrolled.has(weighing.merchantId)) continue;
      const key = `${weighing.merchantId}|${businessDay(new Date(weighing.scaleTime))}`;
      weighed.set(key, (weighed.get(key) ?? 0) + weighing.priceFen);
    }
    return [...new Set([...paymentsOf.keys(), ...weighed.keys()])].flatMap((key) => {
      const [merchantId, day] = key.split('|');
      const plan = planSettlementClose({
        merchantId: Number(merchantId), businessDay: day as string, feeBasisPoints: data.programme.feeBasisPoints,
        weighedFen: weighed.get(key) ?? 0, payments: paymentsOf.get(key) ?? [],
      });
      return plan.settlement ? [plan.settlement] : [];
    });
  }

  it('gives the close a history that settles each merchant-day on time, with the fee rounded half up', () => {
    const bp = city.programme.feeBasisPoints;
    expect(bp).toBe(20);
    const settlements = closeHistory(city);
    expect(settlements.length).toBeGreaterThan(100);
    for (const settlement of settlements) {
      expect(settlement.feeFen).toBe(settlementFee(settlement.grossFen, bp));
      expect(settlement.feeFen).toBe(Math.floor((settlement.grossFen * bp + 5_000) / 10_000)); // half up, by hand
      expect(settlement.netFen).toBe(settlement.grossFen - settlement.feeFen);
      expect(settlement.adjustmentFen).toBe(0); // the seed's payments all arrive in time
      expect(settlement.lines.every((line) => line.kind === 'sale')).toBe(true);
    }
  });

  it('breaks about one closed day in two hundred, for real (a bank-QR weighing whose payment never came)', () => {
    const longer = generateDemoCity({ seed: 7, today: TODAY, historyDays: 8 });
    const settlements = closeHistory(longer);
    const mismatches = settlements.filter((settlement) => settlement.status === 'mismatch');
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.length / settlements.length).toBeLessThan(0.02);
    for (const settlement of mismatches) expect(settlement.grossFen).toBeLessThan(settlement.weighedFen);
  });

  it('flags a few misbehaving scales only', () => {
    const flagged = new Set(city.weighings.filter((weighing) => weighing.findings.length > 0).map((weighing) => weighing.scaleId));
    const trade = city.scales.filter((scale) => scale.purpose === 'trade').length;
    expect(flagged.size).toBeGreaterThan(0);
    expect(flagged.size / trade).toBeLessThan(0.05);
  });

  it('judges check weighings by the in-service MPE of class III', () => {
    expect(city.checkWeighings.some((check) => check.source === 'inspection')).toBe(true);
    expect(city.checkWeighings.some((check) => check.source === 'fair_scale')).toBe(true);
    for (const check of city.checkWeighings) {
      const { eMg } = scaleById.get(check.scaleId) as ScaleRow;
      const mpe = check.referenceMg <= 500 * eMg ? eMg : check.referenceMg <= 2_000 * eMg ? 2 * eMg : 3 * eMg;
      expect(check.mpeMg).toBe(mpe);
      expect(check.passed).toBe(Math.abs(check.indicationMg - check.referenceMg) <= mpe);
    }
    for (const inspection of city.inspections) {
      const checks = city.checkWeighings.filter((check) => check.inspectionId === inspection.id);
      expect(checks.length).toBeGreaterThan(0);
      expect(inspection.result).toBe(checks.every((check) => check.passed) ? 'passed' : 'failed');
    }
  });

  it('files complaints with a week to decide, in several states', () => {
    expect(city.complaints.length).toBeGreaterThanOrEqual(8);
    expect(new Set(city.complaints.map((complaint) => complaint.status)).size).toBeGreaterThanOrEqual(5);
    for (const complaint of city.complaints) {
      expect(complaint.reference).toMatch(/^TS\d{8}-\d{4}$/);
      expect(complaint.dueAt - complaint.filedAt).toBe(7 * 86_400_000);
      const events = city.complaintEvents.filter((event) => event.complaintId === complaint.id);
      expect(events[0]?.toStatus).toBe('submitted');
      expect(events[events.length - 1]?.toStatus).toBe(complaint.status);
    }
  });

  it('creates the demo users bound to the right places', () => {
    expect(city.users.map((user) => [user.username, user.role])).toEqual(DEMO_USERS.map((user) => [user.username, user.role]));
    const byName = new Map(city.users.map((user) => [user.username, user]));
    const zhengxiang = city.districts.find((district) => district.code === '430408');
    const firstMarket = city.markets.find((market) => market.districtId === zhengxiang?.id);
    expect(byName.get('district')?.districtId).toBe(zhengxiang?.id);
    expect(byName.get('inspector')?.districtId).toBe(zhengxiang?.id);
    expect(byName.get('market')?.marketId).toBe(firstMarket?.id);
    const merchantOf = (username: string) => city.merchants.find((merchant) => merchant.id === byName.get(username)?.merchantId);
    expect(merchantOf('merchant')?.marketId).toBe(firstMarket?.id);
    const otherMarket = city.markets.find((market) => market.id === merchantOf('merchant2')?.marketId);
    expect(otherMarket?.districtId).not.toBe(zhengxiang?.id);
    for (const username of ['merchant', 'merchant2']) {
      expect(city.weighings.some((weighing) => weighing.merchantId === byName.get(username)?.merchantId)).toBe(true);
    }
    for (const user of city.users) expect(user.cityId).toBe(city.city.id);
  });
});
