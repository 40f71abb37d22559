// Ed25519 (RFC 8032) through WebCrypto, which both the browser and Node.js provide. The node's hot paths use
// node:crypto's synchronous calls instead (lib/crypto/ed25519.ts); both satisfy SignatureVerifier. Whether 32
// bytes are a public key at all is decided here, by RFC 8032's decoding rule, the same way in both.
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
 * costs a Jacobi symbol of a 255-bit number (about 17 µs here) and a payer's key comes back with every payment, so
 * a verdict is kept: a client sending endless new keys costs memory up to this bound and no more, and a key in use
 * stays, since a hit in the older generation copies it to the newer. Two Maps rather than one kept in recency order:
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

const fieldPrime = 2n ** 255n - 19n;
// The curve's d = −121665 / 121666 mod p (RFC 8032 §5.1).
const curveD = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;

/** The Jacobi symbol (a/n) of an odd n > 0, by the binary algorithm: for a prime n, Legendre's symbol. */
function jacobiSymbol(value: bigint, modulus: bigint): -1 | 0 | 1 {
  let a = value % modulus;
  let n = modulus;
  let symbol: -1 | 1 = 1;
  while (a !== 0n) {
    while ((a & 1n) === 0n) {
      a >>= 1n;
      const residue = n & 7n;
      if (residue === 3n || residue === 5n) symbol = symbol === 1 ? -1 : 1;
    }
    [a, n] = [n, a];
    if ((a & 3n) === 3n && (n & 3n) === 3n) symbol = symbol === 1 ? -1 : 1;
    a %= n;
  }
  return n === 1n ? symbol : 0;
}

/**
 * Whether a hex64 public key decodes to a point as RFC 8032 §5.1.3 says: y (the 255 low bits, little-endian) below
 * p; x² = u/v with u = y² − 1 and v = d·y² + 1 solvable, that is u·v a square or 0 (v is never 0, d being no
 * square), which Jacobi's symbol tells without the square root; and not x = 0 (u = 0) with the sign bit set. The
 * same verdict as decoding the point (tested against @noble/curves), at a fifth of the cost (about 17 µs a new key
 * here against 81): every new payer and payee is decoded on the node's main thread.
 */
function decodesToPoint(publicKeyHex: string): boolean {
  let bigEndianHex = "";
  for (let index = 62; index >= 0; index -= 2) bigEndianHex += publicKeyHex.slice(index, index + 2);
  const encoded = BigInt(`0x${bigEndianHex}`);
  const y = encoded & ((1n << 255n) - 1n);
  if (y >= fieldPrime) return false;
  const ySquared = (y * y) % fieldPrime;
  const u = (ySquared - 1n + fieldPrime) % fieldPrime;
  const v = (curveD * ySquared + 1n) % fieldPrime;
  const uv = (u * v) % fieldPrime;
  if (uv === 0n) return encoded >> 255n === 0n;
  return jacobiSymbol(uv, fieldPrime) === 1;
}

/**
 * Decodes a hex64 public key (decodesToPoint) rather than asking the runtime's crypto: Node 20's OpenSSL imports any
 * 32 bytes as an Ed25519 key and only fails later, and a browser may do either. A point that decodes is of small
 * order exactly when it is on the blocklist (the list holds every small-order y, with either sign).
 */
function decodePoint(publicKeyHex: string): PointVerdict {
  if (!decodesToPoint(publicKeyHex)) return "not_a_point";
  return isSmallOrderKey(publicKeyHex) ? "small_order" : null;
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
