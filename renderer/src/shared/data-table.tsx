import { Paragraph, Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  className?: string;
  /** Render this column as the row's header cell (`<th scope="row">`); use it for the first column only. */
  rowHeader?: boolean;
}

interface Props<Row> {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string | number;
  rowTestId?: (row: Row) => string;
  /** Shown as a paragraph instead of the table when there are no rows; without it an empty table is shown. */
  empty?: string;
  /** A screen-reader-only caption; give this or `labelledBy`. */
  caption?: string;
  /** The id of the visible heading that names the table. */
  labelledBy?: string;
  testId?: string;
  /** Wrap in the horizontal scroll container (default); off for tables narrow enough to never need it. */
  scroll?: boolean;
}

/** A plain zebra table with a column per definition: one header row, one row per item. */
export function DataTable<Row>({ rows, columns, rowKey, rowTestId, empty, caption, labelledBy, testId, scroll = true }: Props<Row>) {
  if (empty !== undefined && rows.length === 0) return <Paragraph>{empty}</Paragraph>;
  const table = (
    <Table zebra border data-color="neutral" className="pm-table" aria-labelledby={labelledBy} data-testid={testId}>
      {caption !== undefined && <caption className="ds-sr-only">{caption}</caption>}
      <Table.Head>
        <Table.Row>
          {columns.map((column) => (
            <Table.HeaderCell key={column.header}>{column.header}</Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={rowKey(row)} data-testid={rowTestId?.(row)}>
            {columns.map((column) =>
              column.rowHeader ? (
                <Table.HeaderCell key={column.header} scope="row" className={column.className ? `pm-row-head ${column.className}` : 'pm-row-head'}>
                  {column.cell(row)}
                </Table.HeaderCell>
              ) : (
                <Table.Cell key={column.header} className={column.className}>
                  {column.cell(row)}
                </Table.Cell>
              ),
            )}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
  return scroll ? <div className="pm-table-scroll">{table}</div> : table;
}
