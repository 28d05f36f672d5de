// What the two ranked tables (merchants, scales) share around their own columns: the line with the
// window and the CSV download of the whole filtered list, and the table led by the rank column.
import { DataTable, type Column } from '@/components/data-table.tsx';
import type { Translate } from '@/lib/i18n/index.ts';

export function RankingWindowBar({ window, csvHref, csvLabel }: { window: string; csvHref: string; csvLabel: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-stone-500">{window}</p>
      <a href={csvHref} className="rounded border border-sun-500 px-3 py-1 font-medium text-sun-700 hover:bg-sun-50" data-testid="csv-link" download>
        {csvLabel}
      </a>
    </div>
  );
}

export function RankingTable<Row extends { id: number; rank: number }>({ rows, columns, testId, t }: { rows: Row[]; columns: Column<Row>[]; testId: string; t: Translate }) {
  return (
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(row) => row.id}
      empty={t('common.none')}
      columns={[{ key: 'rank', header: t('scores.col.rank'), align: 'right', cell: (row) => <span data-testid="rank">{row.rank}</span> }, ...columns]}
    />
  );
}
