// Lowercase hexadecimal, the protocol's encoding for hashes, keys and signatures.

const hexPairPattern = /^(?:[0-9a-f]{2})*$/;

export function bytesToHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (!hexPairPattern.test(hex)) throw new TypeError("not lowercase hex of whole bytes");
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

export const hex64Pattern = /^[0-9a-f]{64}$/;
export const hex128Pattern = /^[0-9a-f]{128}$/;
