// Rows shown as a table on wide screens and, on a phone, as a list of cards: a table narrow enough for 390 px
// would hide the amount or the time behind a sideways scroll that nothing on screen hints at. A page declares its
// columns once, as data. Each cell is rendered once and that one element stands both in the table and on the card:
// React's server renderer writes an element it meets twice only once, so the hidden half costs little.
import { Fragment, type ReactNode } from "react";

/** One column: its heading and what its cell shows for a row. */
export type Column<Row> = {
  /** The heading; it also names the column in the card's layout and keys its cells. */
  label: string;
  cell: (row: Row) => ReactNode;
  /** A column of numbers: right-aligned, with digits of one width. */
  isNumeric?: boolean;
  /** More classes for the table's cells: a colour, a weight. */
  cellClass?: string;
  /** The fact's name on a card, where it depends on the row ("From" or "To"); the label otherwise. */
  term?: (row: Row) => string;
  /** What a card shows instead of the table's cell, where a card has room to say more ("Block 4", not "4"). */
  cardCell?: (row: Row) => ReactNode;
};

/** A card: one column as its heading (the row's link), one as the figure opposite it, some as facts, in order. */
export type CardLayout = { heading: string; figure?: string; facts: string[] };

/** What a page declares once for its rows: their keys, the table's columns and what a phone's card shows. */
export type TableLayout<Row> = {
  rowKey: (row: Row) => string;
  columns: Column<Row>[];
  card: CardLayout;
  /** A row to draw the eye to (a block that has just arrived). */
  isHighlighted?: (row: Row) => boolean;
};

type Rendered<Row> = { row: Row; key: string; isHighlighted: boolean; cells: ReactNode[] };

export function TableOrCards<Row>({
  label,
  rows,
  layout: { rowKey, columns, card, isHighlighted = () => false },
  isLive = false,
  testId,
}: {
  /** Names the list and, for screen readers, the table. */
  label: string;
  rows: Row[];
  layout: TableLayout<Row>;
  /** New rows arrive while the page is open: screen readers announce them. */
  isLive?: boolean;
  /** A test id for the table's body, where an end-to-end test looks for rows. */
  testId?: string;
}) {
  // A name no column has is a bug in the page, not bad input: it stops the render with the name.
  const placeOf = (name: string) => {
    const index = columns.findIndex((column) => column.label === name);
    const column = columns[index];
    if (column === undefined) throw new Error(`the card names a column "${name}" that the table does not have`);
    return { index, column };
  };
  const cardCell = (item: Rendered<Row>, { index, column }: { index: number; column: Column<Row> }) =>
    column.cardCell?.(item.row) ?? item.cells[index];
  const heading = placeOf(card.heading);
  const figure = card.figure === undefined ? null : placeOf(card.figure);
  const facts = card.facts.map(placeOf);
  const rendered: Rendered<Row>[] = rows.map((row) => ({
    row,
    key: rowKey(row),
    isHighlighted: isHighlighted(row),
    cells: columns.map((column) => column.cell(row)),
  }));
  const highlightClass = (item: Rendered<Row>) => (item.isHighlighted ? "bg-emerald-50" : "");
  const ariaLive = isLive ? "polite" : undefined;
  return (
    <>
      <ul aria-label={label} aria-live={ariaLive} className="divide-y divide-slate-100 md:hidden">
        {rendered.map((item) => (
          <li key={item.key} className={`py-3 ${highlightClass(item)}`}>
            <div className="flex items-baseline justify-between gap-3">
              <span className="min-w-0 font-medium">{cardCell(item, heading)}</span>
              {figure !== null && <span className="shrink-0 text-right tabular-nums">{cardCell(item, figure)}</span>}
            </div>
            <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
              {facts.map((fact) => (
                <Fragment key={fact.column.label}>
                  <dt className="text-slate-600">{fact.column.term?.(item.row) ?? fact.column.label}</dt>
                  <dd className="min-w-0">{cardCell(item, fact)}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {columns.map((column, index) => (
                <th key={column.label} scope="col" className={columnClass(column, index === columns.length - 1)}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody aria-live={ariaLive} data-testid={testId}>
            {rendered.map((item) => (
              <tr key={item.key} className={`border-b border-slate-100 ${highlightClass(item)}`}>
                {columns.map((column, index) => (
                  <td
                    key={column.label}
                    className={`${columnClass(column, index === columns.length - 1)} ${column.cellClass ?? ""}`}
                  >
                    {item.cells[index]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A column's heading and cells alike: room before the next column, and numbers aligned on the right. */
function columnClass(column: { isNumeric?: boolean }, isLast: boolean): string {
  return ["py-2", isLast ? "" : "pr-3", column.isNumeric === true ? "text-right tabular-nums" : ""].join(" ");
}
