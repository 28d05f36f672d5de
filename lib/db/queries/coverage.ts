// The stalls behind the coverage figure (放心秤覆盖率) that are not covered, and why: no trade scale,
// a scale not lawfully verified, or a scale not connected. The same facts and rule as the figure
// (lib/domain/supervision.ts), so the list and the number agree.
import type { Db } from '../client.ts';
import { marketWhere, type Scope } from '../scope.ts';
import { pageOf, type ListPage } from '../../domain/paging.ts';
import { coverage, uncoveredReasons, type Coverage, type UncoveredReason } from '../../domain/supervision.ts';
import type { VerificationStatus } from '../../domain/verification-status.ts';
import { scaleFacts } from './scales.ts';

export const COVERAGE_PAGE_SIZE = 50;

export interface UncoveredStall {
  id: number;
  code: string;
  market: { id: number; code: string; name: string; nameEn: string };
  merchant: { id: number; name: string; shopName: string };
  reasons: UncoveredReason[];
  scales: { id: number; serial: string; status: VerificationStatus; connected: boolean }[];
}

export interface UncoveredList extends ListPage<UncoveredStall> {
  coverage: Coverage;
}

export async function listUncoveredStalls(db: Db, scope: Scope, options: { today: string; page: number; now?: Date }): Promise<UncoveredList> {
  const [stalls, facts] = await Promise.all([
    db.stall.findMany({
      where: { market: marketWhere(scope), merchantId: { not: null } },
      orderBy: [{ market: { code: 'asc' } }, { code: 'asc' }],
      select: {
        id: true,
        code: true,
        market: { select: { id: true, code: true, name: true, nameEn: true } },
        merchant: { select: { id: true, name: true, shopName: true } },
        scales: { where: { status: { not: 'retired' }, purpose: 'trade' }, orderBy: { serial: 'asc' }, select: { id: true, serial: true } },
      },
    }),
    scaleFacts(db, scope, options.today, options.now),
  ]);
  const factById = new Map(facts.map((fact) => [fact.id, fact]));
  const judged = stalls.flatMap(({ merchant, scales, ...stall }) => {
    if (!merchant) return [];
    const known = scales.flatMap((scale) => {
      const fact = factById.get(scale.id);
      return fact ? [{ ...scale, status: fact.status, connected: fact.connected }] : [];
    });
    return [{ ...stall, merchant, scales: known, reasons: uncoveredReasons(known) }];
  });
  const uncovered = judged.filter((stall) => stall.reasons.length > 0);
  return {
    coverage: coverage(judged.map((stall) => ({ occupied: true, tradeScales: stall.scales }))),
    ...pageOf(uncovered, options.page, COVERAGE_PAGE_SIZE),
  };
}
