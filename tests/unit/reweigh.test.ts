import { describe, expect, it } from 'vitest';
import { judgeReweigh, localMinute, parseReweighLookup, receiptTokenOf, reweighRecordSchema } from '../../lib/domain/reweigh.ts';

const token = 'q3VxJ8m2Tt6b0cYvX1sPzA';

describe('receiptTokenOf', () => {
  it('takes the bare token or the address the receipt’s QR code holds', () => {
    expect(receiptTokenOf(token)).toBe(token);
    expect(receiptTokenOf(` https://sunshine.example.cn/v/${token} `)).toBe(token);
    expect(receiptTokenOf(`http://127.0.0.1:3000/v/${token}/?utm=x`)).toBe(token);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'short', `https://example.cn/s/${token}`, `https://example.cn/v/${token}!`, 'https://example.cn/v/']) expect(receiptTokenOf(text), text).toBeNull();
  });
});

describe('localMinute', () => {
  it('reads a Beijing minute as the UTC instants it covers', () => {
    expect(localMinute('2026-11-28T09:41')).toEqual({ from: new Date('2026-11-28T01:41:00Z'), to: new Date('2026-11-28T01:42:00Z') });
    expect(localMinute('2026-11-28T00:05')?.from).toEqual(new Date('2026-11-27T16:05:00Z'));
  });

  it('refuses a time that is not one', () => {
    for (const text of ['', '2026-11-28', '2026-11-28T24:00', '2026-11-28T09:60', '2026-02-30T10:00', '2026-11-28 09:41:00']) expect(localMinute(text), text).toBeNull();
  });
});

describe('parseReweighLookup', () => {
  it('asks by receipt first, else by serial and minute', () => {
    expect(parseReweighLookup({})).toBeNull();
    expect(parseReweighLookup({ receipt: token, serial: 'ignored' })).toEqual({ kind: 'receipt', token });
    expect(parseReweighLookup({ serial: 'ACS15-1', at: '2026-11-28T09:41' })).toEqual({
      kind: 'minute', serial: 'ACS15-1', from: new Date('2026-11-28T01:41:00Z'), to: new Date('2026-11-28T01:42:00Z'),
    });
    expect(parseReweighLookup({ receipt: 'nope!' })).toEqual({ error: 'reweigh.error.receipt' });
    expect(parseReweighLookup({ serial: 'a b', at: '2026-11-28T09:41' })).toEqual({ error: 'reweigh.error.serial' });
    expect(parseReweighLookup({ serial: 'ACS15-1', at: '' })).toEqual({ error: 'reweigh.error.minute' });
  });
});

describe('judgeReweigh', () => {
  it('holds the trade scale’s net to the in-service MPE at the fair scale’s mass', () => {
    const scale = { accuracyClass: 'III' as const, eMg: 5_000 };
    // 1.2 kg ≤ 500 e: ±5 g in service
    expect(judgeReweigh(scale, 1_200_000, 1_205_000)).toMatchObject({ errorMg: 5_000, mpeMg: 5_000, passed: true });
    // a remote-controlled scale reading 10 % heavy
    expect(judgeReweigh(scale, 1_200_000, 1_320_000)).toMatchObject({ errorMg: 120_000, passed: false });
  });
});

describe('reweighRecordSchema', () => {
  const input = { weighingId: '123456789012', scaleTime: '2026-11-28T01:41:07.123Z', fairScaleId: '7', unit: 'kg', fairMass: '1.2' };

  it('parses the posted strings into a weighing key, a fair scale and a mass in mg', () => {
    expect(reweighRecordSchema.parse(input)).toEqual({
      weighingId: 123_456_789_012n, scaleTime: new Date('2026-11-28T01:41:07.123Z'), fairScaleId: 7, fairMg: 1_200_000,
    });
  });

  it('names a bad mass and a bad weighing key', () => {
    const issues = (change: Record<string, string>) => {
      const parsed = reweighRecordSchema.safeParse({ ...input, ...change });
      return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
    };
    expect(issues({ fairMass: '0' })).toEqual([['fairMass', 'reweigh.error.massKg']]);
    expect(issues({ fairMass: '1.2345', unit: 'g' })).toEqual([['fairMass', 'reweigh.error.massG']]);
    expect(issues({ weighingId: '0' })).toEqual([['weighingId', 'reweigh.error.weighing']]);
    expect(issues({ scaleTime: 'yesterday' })).toEqual([['scaleTime', 'reweigh.error.weighing']]);
  });
});
