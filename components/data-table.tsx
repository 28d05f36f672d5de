import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  align?: 'left' | 'right';
}

// The table scrolls sideways inside its own box on a narrow screen (the page never does); the box
// takes keyboard focus so that it can be scrolled without a mouse (axe: scrollable-region-focusable),
// and is a named region when given a label.
export function DataTable<Row>({ columns, rows, rowKey, empty, caption, label, testId }: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  empty: string;
  caption?: string;
  /** names the scrolling region for screen readers */
  label?: string;
  testId?: string;
}) {
  return (
    <div
      className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sun-500"
      tabIndex={0}
      role={label ? 'region' : undefined}
      aria-label={label}
    >
      <table className="min-w-full text-sm" data-testid={testId}>
        {caption && <caption className="px-4 pt-3 text-left font-semibold">{caption}</caption>}
        <thead className="bg-stone-100 text-stone-600">
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`px-3 py-2 font-medium ${column.align === 'right' ? 'text-right' : 'text-left'}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-stone-500">{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="hover:bg-sun-50/60">
                {columns.map((column) => (
                  <td key={column.key} className={`px-3 py-2 ${column.align === 'right' ? 'text-right tabular-nums' : ''}`}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
