// Ed25519 (RFC 8032) through WebCrypto, which both the browser and Node.js provide. The node's hot paths use
// node:crypto's synchronous calls instead (lib/crypto/ed25519.ts); both satisfy SignatureVerifier. Whether 32
// bytes are a public key at all is decided here, by decoding the point with @noble/curves, the same way in both.
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, hexToBytes, hex64Pattern, hex128Pattern } from "./hex";

/** Checks an Ed25519 signature; public key and signature as lowercase hex. False for anything malformed. */
export type SignatureVerifier = (
  publicKeyHex: string,
  message: Uint8Array,
  signatureHex: string,
) => boolean | Promise<boolean>;

const algorithm = { name: "Ed25519" } as const;

export const verifyWithWebCrypto: SignatureVerifier = async (publicKeyHex, message, signatureHex) => {
  if (!hex128Pattern.test(signatureHex) || !isCurvePointKey(publicKeyHex)) return false;
  try {
    const key = await crypto.subtle.importKey("raw", hexToBytes(publicKeyHex), algorithm, false, ["verify"]);
    return await crypto.subtle.verify(algorithm, key, hexToBytes(signatureHex), message as Uint8Array<ArrayBuffer>);
  } catch {
    // A runtime that refuses a key the decoding accepted: it has signed nothing this runtime can check.
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

/** Why a string is not an account key: not hex64, not a point of the curve, or a weak point of small order. */
export type AccountKeyProblem = "malformed" | "not_a_point" | "small_order";

/**
 * Verdicts on hex64 strings already decoded, in two generations of at most `verdictGenerationMax` each. Decoding
 * costs a field exponentiation (about 100 µs here) and a payer's key comes back with every payment, so a verdict
 * is kept: a client sending endless new keys costs memory up to this bound and no more, and a key in use stays,
 * since a hit in the older generation copies it to the newer. Two Maps rather than one kept in recency order:
 * deleting and setting again on a full V8 Map was measured at about 40 µs a hit, a plain get well under 1 µs.
 */
const verdictGenerationMax = 5_000;
type PointVerdict = Exclude<AccountKeyProblem, "malformed"> | null;
let newerVerdicts = new Map<string, PointVerdict>();
let olderVerdicts = new Map<string, PointVerdict>();

function rememberVerdict(publicKeyHex: string, verdict: PointVerdict): void {
  if (newerVerdicts.size >= verdictGenerationMax) {
    olderVerdicts = newerVerdicts;
    newerVerdicts = new Map();
  }
  newerVerdicts.set(publicKeyHex, verdict);
}

/**
 * Decodes a hex64 public key as RFC 8032 §5.1.3 says (y below p, x² = (y² − 1)/(d·y² + 1) a square, no x = 0
 * with the sign bit set), with @noble/curves rather than the runtime's crypto: Node 20's OpenSSL imports any 32
 * bytes as an Ed25519 key and only fails later, and a browser may do either.
 */
function decodePoint(publicKeyHex: string): PointVerdict {
  try {
    return ed25519.Point.fromHex(publicKeyHex, false).isSmallOrder() ? "small_order" : null;
  } catch {
    return "not_a_point";
  }
}

/**
 * The one account rule, used by the node (payee, payer, faucet and mint accounts, through accountKeySchema), the
 * chain audit, the verifier and the wallet: an account is the hex64 encoding of an Ed25519 point that is not of
 * small order. Null when `publicKeyHex` is one; otherwise the first rule it breaks, in the order listed.
 */
export function accountKeyProblem(publicKeyHex: string): AccountKeyProblem | null {
  if (!hex64Pattern.test(publicKeyHex)) return "malformed";
  // The blocklist first: it names weak keys even in the encodings that do not decode (y = p, say).
  if (isSmallOrderKey(publicKeyHex)) return "small_order";
  const newer = newerVerdicts.get(publicKeyHex);
  if (newer !== undefined) return newer;
  const older = olderVerdicts.get(publicKeyHex);
  const verdict = older === undefined ? decodePoint(publicKeyHex) : older;
  rememberVerdict(publicKeyHex, verdict);
  return verdict;
}

/** An account key: hex64 of a public key that decodes to a curve point, and not a small-order one. */
export function isAccountKey(publicKeyHex: string): boolean {
  return accountKeyProblem(publicKeyHex) === null;
}

/** True for hex64 that decodes to a curve point, small order or not: all that a signature check needs. */
export function isCurvePointKey(publicKeyHex: string): boolean {
  const problem = accountKeyProblem(publicKeyHex);
  return problem === null || (problem === "small_order" && decodePoint(publicKeyHex) !== "not_a_point");
}
