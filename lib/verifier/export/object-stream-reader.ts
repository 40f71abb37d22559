// Reading one JSON object member by member, and chosen lists of it item by item: an export can hold a million
// receipts, far more than one JavaScript string can, so the offline verifier never reads it whole.

/** The file is not a JSON object this reader can split: the export is malformed, not the verifier broken. */
export class ExportFormatError extends Error {}

export type ReaderEvents = {
  /** A member of the top-level object, parsed. */
  field: (key: string, value: unknown) => void;
  /** One item of a streamed list, parsed. */
  item: (list: string, value: unknown) => void;
  listEnd: (list: string) => void;
};

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const isWhitespace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const memberKeyPattern = /^\s*("(?:[^"\\]|\\.)*")\s*:\s*$/s;

/**
 * Splits a JSON object into its members, and the members named in `streamedLists` into their items, from
 * chunks of UTF-8 bytes. It tracks only nesting outside strings (a structural byte is ASCII and never part of
 * a multi-byte character); each member and item is then parsed by JSON.parse, so the file must be strict JSON.
 */
export class ObjectStreamReader {
  private depth = 0;
  private isInString = false;
  private isEscaped = false;
  private isClosed = false;
  /** The bytes of the member or item being read, from earlier chunks. */
  private pieces: Uint8Array[] = [];
  private streamedList: string | null = null;
  private isMemberStreamed = false;
  private memberCount = 0;
  private itemCount = 0;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private readonly streamedLists: ReadonlySet<string>;
  private readonly events: ReaderEvents;

  constructor(streamedLists: ReadonlySet<string>, events: ReaderEvents) {
    this.streamedLists = streamedLists;
    this.events = events;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index]!;
      if (this.isInString) {
        if (this.isEscaped) this.isEscaped = false;
        else if (byte === backslash) this.isEscaped = true;
        else if (byte === quote) this.isInString = false;
        continue;
      }
      if (this.depth === 0) {
        if (byte === openBrace && !this.isClosed) {
          this.depth = 1;
          start = index + 1;
        } else if (!isWhitespace(byte)) {
          throw new ExportFormatError(
            this.isClosed ? "there is more after the closing brace" : "it is not a JSON object",
          );
        }
        continue;
      }
      switch (byte) {
        case quote:
          this.isInString = true;
          break;
        case openBracket:
          if (this.depth === 1 && this.streamedList === null && !this.isMemberStreamed) {
            const key = memberKeyOf(this.decode(this.unitBytes(chunk, start, index)));
            if (key !== null && this.streamedLists.has(key)) {
              this.streamedList = key;
              this.isMemberStreamed = true;
              this.itemCount = 0;
              this.pieces = [];
              start = index + 1;
            }
          }
          this.depth += 1;
          break;
        case openBrace:
          this.depth += 1;
          break;
        case closeBracket:
          if (this.depth === 1) throw new ExportFormatError("a ] closes the object");
          if (this.depth === 2 && this.streamedList !== null) {
            this.endItem(chunk, start, index, true);
            start = index + 1;
            this.events.listEnd(this.streamedList);
            this.streamedList = null;
          }
          this.depth -= 1;
          break;
        case closeBrace:
          if (this.depth === 2 && this.streamedList !== null)
            throw new ExportFormatError(`a } closes the list ${this.streamedList}`);
          if (this.depth === 1) {
            this.endMember(chunk, start, index, true);
            this.isClosed = true;
          }
          this.depth -= 1;
          break;
        case comma:
          if (this.depth === 1) {
            this.endMember(chunk, start, index, false);
            start = index + 1;
          } else if (this.depth === 2 && this.streamedList !== null) {
            this.endItem(chunk, start, index, false);
            start = index + 1;
          }
          break;
      }
    }
    if (this.depth > 0 && start < chunk.length) this.pieces.push(chunk.subarray(start));
  }

  end(): void {
    if (!this.isClosed)
      throw new ExportFormatError(this.depth === 0 ? "the file is empty" : "the file ends before the export does");
  }

  private endMember(chunk: Uint8Array, start: number, end: number, isLast: boolean): void {
    const text = this.decode(this.takeUnit(chunk, start, end)).trim();
    if (this.isMemberStreamed) {
      if (text !== "") throw new ExportFormatError("there is text after a list");
      this.isMemberStreamed = false;
      this.memberCount += 1;
      return;
    }
    if (text === "") {
      if (isLast && this.memberCount === 0) return;
      throw new ExportFormatError("the object has an empty member");
    }
    const member = parseJson(`{${text}}`, `member ${this.memberCount}`);
    const entries = Object.entries(member as Record<string, unknown>);
    if (entries.length !== 1) throw new ExportFormatError(`member ${this.memberCount} is malformed`);
    this.memberCount += 1;
    this.events.field(entries[0]![0], entries[0]![1]);
  }

  private endItem(chunk: Uint8Array, start: number, end: number, isLast: boolean): void {
    const list = this.streamedList!;
    const text = this.decode(this.takeUnit(chunk, start, end)).trim();
    if (text === "") {
      if (isLast && this.itemCount === 0) return;
      throw new ExportFormatError(`${list} has an empty item`);
    }
    const value = parseJson(text, `${list} item ${this.itemCount}`);
    this.itemCount += 1;
    this.events.item(list, value);
  }

  /** The bytes of the unit read so far, up to `end` in this chunk, without consuming them. */
  private unitBytes(chunk: Uint8Array, start: number, end: number): Uint8Array {
    const tail = chunk.subarray(start, end);
    if (this.pieces.length === 0) return tail;
    const bytes = new Uint8Array(this.pieces.reduce((total, piece) => total + piece.length, tail.length));
    let offset = 0;
    for (const piece of [...this.pieces, tail]) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    return bytes;
  }

  private takeUnit(chunk: Uint8Array, start: number, end: number): Uint8Array {
    const bytes = this.unitBytes(chunk, start, end);
    this.pieces = [];
    return bytes;
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new ExportFormatError("it is not valid UTF-8");
    }
  }
}

function memberKeyOf(text: string): string | null {
  const match = memberKeyPattern.exec(text);
  return match === null ? null : (parseJson(match[1]!, "a member's name") as string);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExportFormatError(
      `${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
