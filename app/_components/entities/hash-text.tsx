// A hash or key as people read it: its short form on screen, its full value for screen readers and as a title,
// so that a row stays narrow without hiding which value it names.
export function shortHash(value: string, headLength = 8): string {
  return value.length <= headLength + 8 ? value : `${value.slice(0, headLength)}…${value.slice(-6)}`;
}

export function HashText({ value, isFull = false }: { value: string; isFull?: boolean }) {
  if (isFull) return <span className="break-all font-mono text-xs">{value}</span>;
  return (
    <span className="font-mono text-xs" title={value}>
      <span aria-hidden="true">{shortHash(value)}</span>
      <span className="sr-only">{value}</span>
    </span>
  );
}
