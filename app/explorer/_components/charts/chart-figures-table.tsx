// A chart's text alternative: its figures as a table that only screen readers see, so that every value a sighted
// reader gets from the bars or the line (and from hovering them) is read out in order, exactly as formatted.
export type FiguresRow = { key: string; cells: string[] };

export function ChartFiguresTable({
  caption,
  headers,
  rows,
  testId,
}: {
  caption: string;
  headers: readonly string[];
  rows: FiguresRow[];
  testId?: string;
}) {
  return (
    // The box is what hides it: a table ignores the width and overflow that hide other elements, and would stick
    // out sideways at a phone's width.
    <div className="sr-only">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
