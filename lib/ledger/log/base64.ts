// RFC 4648 §4 base64, strict: the standard alphabet, padded, canonical (the unused bits of the last group are
// zero), no whitespace. What the C2SP formats write; anything else is refused rather than repaired. Pure code for
// the node and the browser alike (no Buffer).

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const valueByCharCode = new Int16Array(128).fill(-1);
for (const [value, character] of [...alphabet].entries()) valueByCharCode[character.charCodeAt(0)] = value;

export function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const first = bytes[index]!;
    const second = bytes[index + 1];
    const third = bytes[index + 2];
    const group = (first << 16) | ((second ?? 0) << 8) | (third ?? 0);
    text += alphabet[(group >> 18) & 63]! + alphabet[(group >> 12) & 63]!;
    text += second === undefined ? "=" : alphabet[(group >> 6) & 63]!;
    text += third === undefined ? "=" : alphabet[group & 63]!;
  }
  return text;
}

function valueOf(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? valueByCharCode[code]! : -1;
}

/** The bytes `text` encodes; null unless it is canonical padded base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let offset = 0;
  for (let index = 0; index < text.length; index += 4) {
    const isLast = index + 4 === text.length;
    const groupPadding = isLast ? padding : 0;
    const values = [0, 1, 2, 3].map((position) => (position >= 4 - groupPadding ? 0 : valueOf(text, index + position)));
    if (values.some((value) => value < 0)) return null;
    const group = (values[0]! << 18) | (values[1]! << 12) | (values[2]! << 6) | values[3]!;
    // Canonical: the bits a padded group leaves unused must be zero.
    if (groupPadding === 2 && (group & 0xffff) !== 0) return null;
    if (groupPadding === 1 && (group & 0xff) !== 0) return null;
    bytes[offset++] = (group >> 16) & 0xff;
    if (groupPadding < 2) bytes[offset++] = (group >> 8) & 0xff;
    if (groupPadding < 1) bytes[offset++] = group & 0xff;
  }
  return bytes;
}
