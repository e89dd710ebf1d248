import type { ReactNode } from 'react';

/** One column: its header, and what a row shows in it. */
export interface TableColumn<T> {
  header: string;
  /** The header is for assistive tech only (a column of buttons). */
  headerHidden?: boolean;
  cell: (row: T) => ReactNode;
}

/**
 * A plain table of facts, as every screen draws one: column headers, one row per item. `rowData`
 * names a row for tests and readers (`data-*` attributes); `label` names the table for assistive tech;
 * `empty` says there is nothing, instead of an empty table.
 */
export function SimpleTable<T>({
  columns,
  rows,
  rowKey,
  label,
  rowData,
  empty,
}: {
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  label?: string;
  rowData?: (row: T) => Record<`data-${string}`, string | number | boolean>;
  /** Shown instead of a table without rows. */
  empty?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="hdc-subtle">{empty}</p>;
  return (
    <table className="hdc-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.headerHidden ? <span className="hdc-visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowData?.(row)}>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
