// A table on wide screens and, on a phone, the same rows as a list of cards: a table narrow enough for 390 px
// would hide the amount or the time behind a sideways scroll that nothing on screen hints at.
import { Fragment, type ReactNode } from "react";

export type CardItem = {
  key: string;
  /** What the row is: a link to it. */
  heading: ReactNode;
  /** The row's figure (an amount, a count), shown opposite the heading. */
  figure?: ReactNode;
  facts: [string, ReactNode][];
  isHighlighted?: boolean;
};

export function TableOrCards({
  label,
  items,
  isLive = false,
  children,
}: {
  label: string;
  items: CardItem[];
  /** New items arrive while the page is open: screen readers announce them. */
  isLive?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <ul aria-label={label} aria-live={isLive ? "polite" : undefined} className="divide-y divide-slate-100 md:hidden">
        {items.map((item) => (
          <li key={item.key} className={`py-3 ${item.isHighlighted === true ? "bg-emerald-50" : ""}`}>
            <div className="flex items-baseline justify-between gap-3">
              <span className="min-w-0 font-medium">{item.heading}</span>
              {item.figure !== undefined && <span className="shrink-0 text-right tabular-nums">{item.figure}</span>}
            </div>
            <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
              {item.facts.map(([term, value]) => (
                <Fragment key={term}>
                  <dt className="text-slate-600">{term}</dt>
                  <dd className="min-w-0">{value}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">{children}</div>
    </>
  );
}
