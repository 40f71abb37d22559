// Lowercase hexadecimal, the protocol's encoding for hashes, keys and signatures.

const hexPairPattern = /^(?:[0-9a-f]{2})*$/;

// Lookup tables: receipts, audits and exports convert hundreds of thousands of hashes, and parseInt per byte
// showed up in their profiles.
const byteToHex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const nibbleByCharCode = new Uint8Array(128);
for (const [value, character] of [..."0123456789abcdef"].entries()) nibbleByCharCode[character.charCodeAt(0)] = value;

export function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byteToHex[byte]!;
  return hex;
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!hexPairPattern.test(hex)) throw new TypeError("not lowercase hex of whole bytes");
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    // The pattern above has already refused anything but 0-9 and a-f.
    bytes[index] =
      (nibbleByCharCode[hex.charCodeAt(index * 2)]! << 4) | nibbleByCharCode[hex.charCodeAt(index * 2 + 1)]!;
  }
  return bytes;
}

export const hex64Pattern = /^[0-9a-f]{64}$/;
export const hex128Pattern = /^[0-9a-f]{128}$/;
