// The node and the ledger core say why they refused something in English (the protocol's error message, the
// verify CLI's reasons); a page reads each sentence it knows back into a message key with its values, to say it in
// the reader's language. A sentence a table does not know (a newer node) is shown as the node wrote it.

/** A sentence to translate: its message key and its values. */
export type Wording = { key: string; values?: Record<string, string> };

/** Each sentence the node says, as a pattern whose named groups are the message's values, and its key. */
export type SentenceTable = readonly (readonly [pattern: RegExp, key: string])[];

export function readBack(table: SentenceTable, sentence: string): Wording | null {
  for (const [pattern, key] of table) {
    const match = pattern.exec(sentence);
    if (match !== null) return match.groups === undefined ? { key } : { key, values: { ...match.groups } };
  }
  return null;
}
