// Every area's catalogue (messages/<locale>/<area>.json) says the same things in every language: the same files,
// the same keys, and in each message the same ICU arguments and rich-text tags, each message parsing as ICU. A
// Korean sentence may word a count without a plural (Korean has one plural form), but it may not drop a value
// or ask for one the English does not give. Every engineer's area files are held to this.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";

const messagesDir = path.join(process.cwd(), "messages");

function areaFilesOf(locale: string): string[] {
  return readdirSync(path.join(messagesDir, locale))
    .filter((file) => file.endsWith(".json"))
    .sort();
}

/** Each message of a catalogue by its dotted key. */
function flatten(value: unknown, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  if (typeof value === "string") return entries.set(prefix, value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${prefix || "the file"} is neither a message nor a group of messages`);
  }
  for (const [key, child] of Object.entries(value)) {
    // next-intl splits keys on dots: a dot inside a key would make it unreachable.
    if (key.includes(".")) throw new Error(`the key ${prefix}${key} contains a dot`);
    for (const [childKey, message] of flatten(child, prefix === "" ? key : `${prefix}.${key}`)) {
      entries.set(childKey, message);
    }
  }
  return entries;
}

/** The names a message takes as values ("count", "amount") and the rich-text tags it uses ("<code>"). */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(element.value);
        break;
      case TYPE.plural:
      case TYPE.select:
        found.add(element.value);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${element.value}>`);
        argumentsOf(element.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

function catalogue(locale: string, file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(messagesDir, locale, file), "utf8")) as unknown);
}

const [reference, ...others] = locales;
const areaFiles = areaFilesOf(reference);

describe("message catalogues", () => {
  it("has the same area files in every language", () => {
    expect(areaFiles.length).toBeGreaterThan(0);
    for (const locale of others) expect(areaFilesOf(locale)).toEqual(areaFiles);
  });

  describe.each(areaFiles)("%s", (file) => {
    const referenceMessages = catalogue(reference, file);

    it.each(others)("has the same keys in %s", (locale) => {
      expect([...catalogue(locale, file).keys()].sort()).toEqual([...referenceMessages.keys()].sort());
    });

    it.each(locales)("parses as ICU in %s, with no empty message", (locale) => {
      for (const [key, message] of catalogue(locale, file)) {
        expect(message.trim(), `${locale} ${key}`).not.toBe("");
        expect(() => parse(message), `${locale} ${key}`).not.toThrow();
      }
    });

    it.each(others)("takes the same values and tags in %s", (locale) => {
      const messages = catalogue(locale, file);
      for (const [key, english] of referenceMessages) {
        const translated = messages.get(key);
        if (translated === undefined) continue; // reported by the keys test
        expect([...argumentsOf(parse(translated))].sort(), `${locale} ${key}`).toEqual(
          [...argumentsOf(parse(english))].sort(),
        );
      }
    });
  });
});
