import { describe, expect, it } from 'vitest';
import { dayStart, addDays, businessDay } from '../../lib/domain/business-day.ts';
import { priceToPay } from '../../lib/domain/metrology/price-to-pay.ts';
import {
  extendOlderHistory, olderWeighings, startOlderHistory, type HistoryScale, type OlderHistory, type OlderWeighing, type WeighingTemplate,
} from '../../lib/db/seed/older-history.ts';

const template = (over: Partial<WeighingTemplate> = {}): WeighingTemplate => {
  const base = { commodityId: 7, unitPriceFenPerKg: 1_200, grossMg: 505_000, tareMg: 5_000, netMg: 500_000, stable: true, paymentMethod: 'bank_qr' as const, findings: [] };
  const merged = { ...base, ...over };
  return { priceFen: priceToPay({ unitPriceFenPerKg: merged.unitPriceFenPerKg, netMg: merged.netMg }), ...merged };
};

function scale(id: number, over: Partial<HistoryScale> = {}): HistoryScale {
  return {
    scaleId: id, serial: `SC${id}`, marketId: 1, stallId: 100 + id, merchantId: 200 + id, installedOn: '2020-01-01',
    firstSeq: 1_000_000, perDay: 40, priceIntervalFen: 1,
    templates: [template(), template({ commodityId: 8, unitPriceFenPerKg: 3_000, netMg: 250_000, grossMg: 250_000, tareMg: 0, paymentMethod: 'cash' })],
    ...over,
  };
}

const BEFORE = '2026-11-01';

/** Runs a plan and gives predecessors ids, as the loader does. */
function materialise(history: OlderHistory, rows: number, firstId = 1): OlderWeighing[] {
  const plan = extendOlderHistory(history, rows);
  for (const owner of plan.newOwners) owner.scaleId = 10_000 + owner.index;
  return [...olderWeighings(history, plan, firstId)];
}

describe('older history', () => {
  it('plans exactly the rows asked for, on the days before the stored history, oldest first', () => {
    const history = startOlderHistory([scale(1), scale(2), scale(3)], { before: BEFORE, seed: 1 });
    const plan = extendOlderHistory(history, 5_000);
    expect(plan.rows).toBe(5_000);
    expect(plan.days.reduce((sum, day) => sum + day.allocations.reduce((s, a) => s + a.count, 0), 0)).toBe(5_000);
    const days = plan.days.map((day) => day.day);
    expect(days).toEqual([...days].sort());
    expect(days.at(-1)).toBe(addDays(BEFORE, -1));
    expect(history.before).toBe(days[0]);
    // three scales of 40 a day: about 120 a day, so about 42 days
    expect(days.length).toBeGreaterThan(35);
    expect(days.length).toBeLessThan(50);
  });

  it('is the same for the same seed and differs for another', () => {
    const rows = (seed: number) => materialise(startOlderHistory([scale(1), scale(2)], { before: BEFORE, seed }), 800);
    expect(rows(5)).toEqual(rows(5));
    expect(rows(5)).not.toEqual(rows(6));
  });

  it('numbers rows from firstId in time order, within trading hours of their business day', () => {
    const rows = materialise(startOlderHistory([scale(1), scale(2)], { before: BEFORE, seed: 2 }), 2_000, 500);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 2_000 }, (_, i) => 500 + i));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.scaleTime).toBeGreaterThanOrEqual(rows[i - 1]!.scaleTime);
    for (const row of rows) {
      const day = businessDay(new Date(row.scaleTime));
      const minutes = (row.scaleTime - dayStart(day).getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(6 * 60);
      expect(minutes).toBeLessThan(19 * 60);
      expect(day < BEFORE).toBe(true);
      expect(row.receivedAt).toBeGreaterThan(row.scaleTime);
    }
  });

  it("gives each scale the seqs just below its oldest stored one, increasing with time", () => {
    const rows = materialise(startOlderHistory([scale(1, { firstSeq: 50_000 })], { before: BEFORE, seed: 3 }), 1_500);
    const seqs = rows.map((row) => row.seq);
    expect(Math.max(...seqs)).toBe(49_999);
    expect(Math.min(...seqs)).toBe(50_000 - 1_500);
    expect(new Set(seqs).size).toBe(1_500);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.seq).toBeGreaterThan(rows[i - 1]!.seq);
  });

  it('hands older trade to a predecessor before installation or when the seqs run out, with seqs of its own', () => {
    const installedOn = addDays(BEFORE, -10);
    const history = startOlderHistory([scale(1, { installedOn, firstSeq: 100_000 }), scale(2, { firstSeq: 200 })], { before: BEFORE, seed: 4 });
    const plan = extendOlderHistory(history, 3_000);
    expect(plan.newOwners.map((owner) => owner.serial).sort()).toEqual(['SC1-R1', 'SC2-R1']);
    for (const owner of plan.newOwners) owner.scaleId = 10_000 + owner.index;
    const rows = [...olderWeighings(history, plan, 1)];
    const own = rows.filter((row) => row.scaleId === 1);
    expect(own.every((row) => businessDay(new Date(row.scaleTime)) >= installedOn)).toBe(true);
    const second = rows.filter((row) => row.scaleId === 2);
    expect(second.length).toBeLessThanOrEqual(199);
    expect(Math.min(...second.map((row) => row.seq))).toBeGreaterThanOrEqual(1);
    for (const owner of plan.newOwners) {
      const mine = rows.filter((row) => row.scaleId === owner.scaleId);
      expect(mine.length).toBeGreaterThan(0);
      expect(Math.max(...mine.map((row) => row.seq))).toBe(owner.lastSeq);
      expect(owner.installedOn < installedOn).toBe(true);
      // a predecessor traded on the same stall for the same merchant
      const chain = owner.serial.startsWith('SC1') ? 1 : 2;
      expect(mine.every((row) => row.stallId === 100 + chain && row.merchantId === 200 + chain)).toBe(true);
    }
  });

  it('continues where the last extension stopped, without reusing a day or a seq', () => {
    const history = startOlderHistory([scale(1), scale(2)], { before: BEFORE, seed: 5 });
    const first = materialise(history, 1_000, 1);
    const boundary = history.before;
    const second = materialise(history, 3_000, 1_001);
    expect(second.length).toBe(3_000);
    const firstDays = new Set(first.map((row) => businessDay(new Date(row.scaleTime))));
    expect(second.every((row) => businessDay(new Date(row.scaleTime)) < boundary)).toBe(true);
    expect(second.some((row) => firstDays.has(businessDay(new Date(row.scaleTime))))).toBe(false);
    const keys = new Set([...first, ...second].map((row) => `${row.scaleId}:${row.seq}`));
    expect(keys.size).toBe(4_000);
  });

  it('prices each weighing again at the day’s level in whole jiao, and keeps an overcharge and its finding', () => {
    const cheat = template({ priceFen: priceToPay({ unitPriceFenPerKg: 1_200, netMg: 500_000 }) + 2, findings: ['price_mismatch'] });
    const rows = materialise(startOlderHistory([scale(1, { templates: [template(), cheat] })], { before: BEFORE, seed: 6 }), 2_000);
    for (const row of rows) {
      expect(row.unitPriceFenPerKg % 10).toBe(0);
      expect(row.unitPriceFenPerKg).toBeGreaterThanOrEqual(1_080);
      expect(row.unitPriceFenPerKg).toBeLessThanOrEqual(1_320);
      const fair = priceToPay({ unitPriceFenPerKg: row.unitPriceFenPerKg, netMg: row.netMg });
      expect(row.priceFen - fair).toBe(row.findings.includes('price_mismatch') ? 2 : 0);
      expect(row.grossMg).toBe(row.netMg + row.tareMg);
    }
    const share = rows.filter((row) => row.findings.length > 0).length / rows.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('refuses a history that trades nothing instead of planning for ever', () => {
    const history = startOlderHistory([scale(1, { perDay: 0 })], { before: BEFORE, seed: 7 });
    expect(() => extendOlderHistory(history, 10)).toThrow(/trades too little/);
  });
});
