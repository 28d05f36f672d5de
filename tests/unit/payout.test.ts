import { describe, expect, it } from 'vitest';
import { payoutRefusal, payoutSchema } from '../../lib/domain/payout.ts';

describe('recording a payout', () => {
  it('takes a trimmed reference of letters, digits, - and _, and a day', () => {
    expect(payoutSchema.parse({ settlementId: '12', bankRef: ' CCB-PAY_2026 ', paidOn: '2026-12-02' })).toEqual({ settlementId: 12, bankRef: 'CCB-PAY_2026', paidOn: '2026-12-02' });
    const issues = (input: Record<string, string>) => {
      const parsed = payoutSchema.safeParse({ settlementId: '1', bankRef: 'R1', paidOn: '2026-12-02', ...input });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    expect(issues({ bankRef: '  ' })).toEqual(['bankRef:required']);
    expect(issues({ bankRef: 'x'.repeat(65) })).toEqual(['bankRef:too_long']);
    expect(issues({ bankRef: 'R 1' })).toEqual(['bankRef:charset']);
    expect(issues({ paidOn: '2026-02-30' })).toHaveLength(1);
    expect(issues({ settlementId: '0' })).toHaveLength(1);
  });
  it('pays only a closed day waiting for its payout, on or after its day and not after today', () => {
    expect(payoutRefusal('pending', '2026-12-01', '2026-12-02', '2026-12-03')).toBeNull();
    expect(payoutRefusal('pending', '2026-12-01', '2026-12-01', '2026-12-03')).toBeNull();
    expect(payoutRefusal('paid', '2026-12-01', '2026-12-02', '2026-12-03')).toBe('not_closed');
    expect(payoutRefusal('mismatch', '2026-12-01', '2026-12-02', '2026-12-03')).toBe('not_closed');
    expect(payoutRefusal('pending', '2026-12-01', '2026-11-30', '2026-12-03')).toBe('before_day');
    expect(payoutRefusal('pending', '2026-12-01', '2026-12-04', '2026-12-03')).toBe('in_future');
  });
});
