import { Fragment, type ReactNode } from 'react';
import { DataTable, type Column } from './data-table.tsx';

/**
 * A wide table that becomes a list of cards on a phone (below Tailwind's `sm`, 640 px): each card
 * shows the same columns as label/value pairs, so nothing scrolls sideways and nothing is lost.
 * From `sm` up it is the DataTable. Both are rendered; CSS shows one (no JavaScript needed).
 */
export function ResponsiveTable<Row>({ columns, rows, rowKey, empty, label, testId, cardTitle }: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  empty: string;
  label: string;
  testId: string;
  /** the card's heading (e.g. the bank reference and the result); the columns follow */
  cardTitle?: (row: Row) => ReactNode;
}) {
  return (
    <>
      <ul className="space-y-2 sm:hidden" aria-label={label} data-testid={`${testId}-cards`}>
        {rows.length === 0 ? (
          <li className="rounded-lg border border-stone-200 bg-white px-3 py-6 text-center text-sm text-stone-500">{empty}</li>
        ) : (
          rows.map((row) => (
            <li key={rowKey(row)} className="rounded-lg border border-stone-200 bg-white p-3 text-sm shadow-sm" data-testid={`${testId}-card`}>
              {cardTitle && <div className="mb-2">{cardTitle(row)}</div>}
              <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1">
                {columns.map((column) => (
                  <Fragment key={column.key}>
                    <dt className="text-stone-500">{column.header}</dt>
                    <dd className={`min-w-0 break-words ${column.align === 'right' ? 'tabular-nums' : ''}`}>{column.cell(row)}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))
        )}
      </ul>
      <div className="hidden sm:block">
        <DataTable columns={columns} rows={rows} rowKey={rowKey} empty={empty} label={label} testId={testId} />
      </div>
    </>
  );
}
