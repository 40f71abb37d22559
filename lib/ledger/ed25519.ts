// Ed25519 (RFC 8032) through WebCrypto, which both the browser and Node.js provide. The node's hot paths use
// node:crypto's synchronous calls instead (lib/crypto/ed25519.ts); both satisfy SignatureVerifier.
import { bytesToHex, hexToBytes, hex64Pattern, hex128Pattern } from "./hex";

/** Checks an Ed25519 signature; public key and signature as lowercase hex. False for anything malformed. */
export type SignatureVerifier = (
  publicKeyHex: string,
  message: Uint8Array,
  signatureHex: string,
) => boolean | Promise<boolean>;

const algorithm = { name: "Ed25519" } as const;

export const verifyWithWebCrypto: SignatureVerifier = async (publicKeyHex, message, signatureHex) => {
  if (!hex64Pattern.test(publicKeyHex) || !hex128Pattern.test(signatureHex)) return false;
  try {
    const key = await crypto.subtle.importKey("raw", hexToBytes(publicKeyHex), algorithm, false, ["verify"]);
    return await crypto.subtle.verify(algorithm, key, hexToBytes(signatureHex), message as Uint8Array<ArrayBuffer>);
  } catch {
    // A key that is not a curve point cannot have signed anything.
    return false;
  }
};

export async function signWithWebCrypto(privateKey: CryptoKey, message: Uint8Array): Promise<string> {
  const signature = await crypto.subtle.sign(algorithm, privateKey, message as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(signature));
}

export async function exportPublicKeyHex(publicKey: CryptoKey): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.exportKey("raw", publicKey)));
}

/**
 * Encodings of the Ed25519 points of small order (libsodium's blocklist), with the sign bit cleared. Any key
 * among them "verifies" forged signatures (the identity key accepts R = identity, S = 0 for every message), so
 * money sent to such an account could be spent by anyone: the node refuses them as accounts.
 */
const smallOrderEncodings = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

/** True for a public key (hex64) that is a small-order point, whatever its sign bit. */
export function isSmallOrderKey(publicKeyHex: string): boolean {
  const lastByte = Number.parseInt(publicKeyHex.slice(62, 64), 16) & 0x7f;
  const masked = `${publicKeyHex.slice(0, 62)}${lastByte.toString(16).padStart(2, "0")}`;
  return smallOrderEncodings.includes(masked);
}

/** An account key: hex64 of a public key that is not a small-order point anyone could sign for. */
export function isAccountKey(publicKeyHex: string): boolean {
  return hex64Pattern.test(publicKeyHex) && !isSmallOrderKey(publicKeyHex);
}
