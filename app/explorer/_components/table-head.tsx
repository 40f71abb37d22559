// The explorer's table headings: column names, right-aligned where the column holds numbers.
export function TableHead({ columns }: { columns: (string | { label: string; isNumeric: true })[] }) {
  return (
    <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
      <tr>
        {columns.map((column, index) => {
          const label = typeof column === "string" ? column : column.label;
          const isLast = index === columns.length - 1;
          return (
            <th
              key={label}
              scope="col"
              className={`py-2 ${isLast ? "" : "pr-3"} ${typeof column === "string" ? "" : "text-right"}`}
            >
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
