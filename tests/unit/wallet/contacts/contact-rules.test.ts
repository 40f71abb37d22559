// A contact's name and key are checked as the ledger checks an account, names are unique in a book, and a
// backup's list merges into a book without overwriting a name the person chose or growing past the limit.
import { describe, expect, it } from "vitest";
import {
  contactKeyProblem,
  contactListSchema,
  contactNameLengthMax,
  contactNameProblem,
  contactsMax,
  filterContacts,
  mergeContacts,
  normaliseContactKey,
  normaliseContactName,
  saveProblem,
  sortContacts,
  type Contact,
} from "@/lib/wallet/contacts/contact-rules";

// Real Ed25519 public keys (RFC 8032 §7.1 tests 1 to 3) and one made up for being weak.
const keyAlice = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const keyBob = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const keyCarol = "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025";
const smallOrderKey = "01" + "00".repeat(31);
const addedAt = "2026-12-01T12:00:00.000Z";
const contact = (publicKey: string, name: string): Contact => ({ publicKey, name, addedAt });

describe("a contact's name", () => {
  it("is kept NFC and trimmed", () => {
    expect(normaliseContactName("  Cafe\u0301 Lee \n")).toBe("Café Lee");
  });

  it.each<[string, string, ReturnType<typeof contactNameProblem>]>([
    ["a plain name", "Alice", null],
    ["Korean", "김민지", null],
    ["an emoji with a joiner", "👩‍💻 Dev", null],
    ["the longest allowed", "가".repeat(contactNameLengthMax), null],
    ["emoji counted as code points", "🍜".repeat(contactNameLengthMax), null],
    ["empty", "", "name_empty"],
    ["one code point too long", "a".repeat(contactNameLengthMax + 1), "name_too_long"],
    ["a tab", "Ali\tce", "name_control_characters"],
    ["a newline", "Ali\nce", "name_control_characters"],
    ["a NUL", "Ali\u0000ce", "name_control_characters"],
    ["a right-to-left override", "\u202eecilA", "name_control_characters"],
    ["a bidi isolate", "Bob\u2066x\u2069", "name_control_characters"],
    ["a line separator", "Bob\u2028Eve", "name_control_characters"],
  ])("%s", (_label, name, problem) => {
    expect(contactNameProblem(name)).toBe(problem);
  });
});

describe("a contact's key", () => {
  it("is trimmed and lowercased", () => {
    expect(normaliseContactKey(`  ${keyAlice.toUpperCase()} `)).toBe(keyAlice);
  });

  it.each<[string, string, ReturnType<typeof contactKeyProblem>]>([
    ["an account key", keyAlice, null],
    ["empty", "", "key_empty"],
    ["too short", keyAlice.slice(0, 63), "key_malformed"],
    ["not hex", `${keyAlice.slice(0, 63)}g`, "key_malformed"],
    ["uppercase (not normalised)", keyAlice.toUpperCase(), "key_malformed"],
    ["a small-order point", smallOrderKey, "key_weak"],
    ["a small-order point with the sign bit set", "01" + "00".repeat(30) + "80", "key_weak"],
    ["not a curve point", "02" + "00".repeat(31), "key_not_a_point"],
  ])("%s", (_label, key, problem) => {
    expect(contactKeyProblem(key)).toBe(problem);
  });
});

describe("saving into a book", () => {
  const book = [contact(keyAlice, "Alice"), contact(keyBob, "Bob")];

  it("adds a new key and renames a known one", () => {
    expect(saveProblem(book, { publicKey: keyCarol, name: "Carol" })).toBeNull();
    expect(saveProblem(book, { publicKey: keyAlice, name: "Alice Kim" })).toBeNull();
    // Renaming to its own name (in another case) is no clash with itself.
    expect(saveProblem(book, { publicKey: keyAlice, name: "ALICE" })).toBeNull();
  });

  it("refuses a name another key has, whatever its case", () => {
    expect(saveProblem(book, { publicKey: keyCarol, name: "alice" })).toBe("name_taken");
    expect(saveProblem(book, { publicKey: keyBob, name: "Alice" })).toBe("name_taken");
  });

  it("names the key's problem before the name's", () => {
    expect(saveProblem(book, { publicKey: smallOrderKey, name: "" })).toBe("key_weak");
  });

  it("refuses a new key once the book is full, but still renames", () => {
    const full = Array.from({ length: contactsMax }, (_, index) => contact(keyAlice, `n${index}`));
    expect(saveProblem(full, { publicKey: keyCarol, name: "Carol" })).toBe("full");
    expect(saveProblem(full, { publicKey: keyAlice, name: "Renamed" })).toBeNull();
  });
});

describe("merging a backup's contacts into the book", () => {
  it("adds new keys, keeps the book's name for known ones, and skips names another key has", () => {
    const book = [contact(keyAlice, "Alice"), contact(keyBob, "Bob")];
    const incoming = [
      contact(keyAlice, "Alice from the backup"),
      contact(keyCarol, "bob"), // Bob is another key's name here
    ];
    const merge = mergeContacts(book, incoming);
    expect(merge).toMatchObject({ added: 0, alreadyKnown: 1, skipped: 1 });
    expect(merge.contacts).toEqual(book);

    const merged = mergeContacts(book, [contact(keyCarol, "Carol")]);
    expect(merged).toMatchObject({ added: 1, alreadyKnown: 0, skipped: 0 });
    expect(merged.contacts.map((each) => each.name)).toEqual(["Alice", "Bob", "Carol"]);
  });

  it("never grows the book past its limit", () => {
    const book = Array.from({ length: contactsMax - 1 }, (_, index) => contact(keyAlice, `n${index}`));
    const merge = mergeContacts(book, [contact(keyBob, "Bob"), contact(keyCarol, "Carol")]);
    expect(merge).toMatchObject({ added: 1, skipped: 1 });
    expect(merge.contacts).toHaveLength(contactsMax);
  });

  it("is idempotent: importing the same list twice adds nothing the second time", () => {
    const once = mergeContacts([], [contact(keyAlice, "Alice"), contact(keyBob, "Bob")]);
    const twice = mergeContacts(once.contacts, [contact(keyAlice, "Alice"), contact(keyBob, "Bob")]);
    expect(twice).toMatchObject({ added: 0, alreadyKnown: 2, skipped: 0 });
    expect(twice.contacts).toEqual(once.contacts);
  });
});

describe("a contact list from a file", () => {
  it("accepts what the wallet writes", () => {
    const list = [contact(keyAlice, "Alice"), contact(keyBob, "김민지")];
    expect(contactListSchema.parse(list)).toEqual(list);
  });

  it.each<[string, unknown]>([
    ["a key twice", [contact(keyAlice, "A"), contact(keyAlice, "B")]],
    ["a weak key", [contact(smallOrderKey, "Weak")]],
    ["an untrimmed name", [contact(keyAlice, " Alice")]],
    ["a control character", [contact(keyAlice, "Al\u0007ice")]],
    ["a name too long", [contact(keyAlice, "a".repeat(contactNameLengthMax + 1))]],
    ["a bad date", [{ publicKey: keyAlice, name: "Alice", addedAt: "yesterday" }]],
    ["an extra field", [{ ...contact(keyAlice, "Alice"), note: "x" }]],
    ["too many", Array.from({ length: contactsMax + 1 }, () => contact(keyAlice, "A"))],
    ["not a list", { publicKey: keyAlice }],
  ])("refuses %s", (_label, list) => {
    expect(contactListSchema.safeParse(list).success).toBe(false);
  });
});

describe("finding contacts", () => {
  const book = [contact(keyAlice, "Émile"), contact(keyBob, "김민지"), contact(keyCarol, "bob 2")];

  it("sorts by name in the reader's language", () => {
    expect(sortContacts(book, "en").map((each) => each.name)).toEqual(["bob 2", "Émile", "김민지"]);
  });

  it("filters by name, ignoring case and accents, or by the start of a key", () => {
    expect(filterContacts(book, "emi").map((each) => each.name)).toEqual(["Émile"]);
    expect(filterContacts(book, "BOB").map((each) => each.name)).toEqual(["bob 2"]);
    expect(filterContacts(book, "민지").map((each) => each.name)).toEqual(["김민지"]);
    expect(filterContacts(book, keyBob.slice(0, 6)).map((each) => each.name)).toEqual(["김민지"]);
    expect(filterContacts(book, "  ")).toHaveLength(3);
    expect(filterContacts(book, "zzz")).toEqual([]);
  });
});
