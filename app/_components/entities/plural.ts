// Counts with their nouns in English plural rules, so that no page says "1 transactions".
const pluralRules = new Intl.PluralRules("en-US");

/** "1 transaction", "2 transactions", "1 hash", "2 hashes". */
export function countOf(count: number, noun: { one: string; other: string }): string {
  return `${count.toLocaleString("en-US")} ${pluralRules.select(count) === "one" ? noun.one : noun.other}`;
}
