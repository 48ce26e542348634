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
  /**
   * Make the scroll container a named region a keyboard can reach and scroll (WCAG 2.1.1, 1.4.10), for a
   * table that may be wider than its pane: a label, or the id of the heading that names it.
   */
  region?: { label: string } | { labelledBy: string };
}

/** A plain zebra table with a column per definition: one header row, one row per item. */
export function DataTable<Row>({ rows, columns, rowKey, rowTestId, empty, caption, labelledBy, testId, scroll = true, region }: Props<Row>) {
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
  if (!scroll) return table;
  if (!region) return <div className="pm-table-scroll">{table}</div>;
  const name = 'label' in region ? { 'aria-label': region.label } : { 'aria-labelledby': region.labelledBy };
  return (
    <div className="pm-table-scroll" role="region" tabIndex={0} {...name}>
      {table}
    </div>
  );
}
