// GET /api/settlements?page=&status=pending|paid|mismatch&day=YYYY-MM-DD
// The bank's reconciliation list, 50 a page, newest day first (the JSON twin of /bank/settlements).
import { db } from '@/lib/db/client.ts';
import { listSettlements } from '@/lib/db/queries/settlements.ts';
import { settlementFilterSchema } from '@/lib/domain/settlement.ts';
import { apiRoute } from '@/lib/http/api.ts';

export const GET = apiRoute({
  personas: ['bank'],
  params: settlementFilterSchema,
  run: async (user, filter) => {
    const page = await listSettlements(db(), user.scope, filter);
    return {
      filter: { status: filter.status ?? null, day: filter.day ?? null },
      page: page.page,
      pages: page.pages,
      pageSize: page.pageSize,
      total: page.total,
      settlements: page.rows,
    };
  },
});
