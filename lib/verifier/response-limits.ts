// How much of a node's answer the client (lib/verifier/node-api.ts) reads before it gives up: each route's
// answer is bounded by PROTOCOL.md's own limits, so an honest node's largest answer fits with room to spare and a
// hostile node's endless one is refused after at most its route's limit (TIGER_STYLE: put a limit on everything).
import { blockTransactionsMax, headersLimitMax, pageLimitMax } from "../ledger/limits";

/** The whole request, connecting included, and the whole body with it (`npm run verify -- --timeout` sets another). */
export const nodeApiTimeoutMs = 30_000;
/** The longest `--timeout` the verifier takes, in seconds: a node slower than that to answer one request is down. */
export const nodeApiTimeoutSecondsMax = 600;

/**
 * A signed block (`{"header", "hash", "signature"}`) as JSON. At worst about 900 bytes: three hex64 and a hex128,
 * seven header keys, 17-digit integers, and a 64-character chainId every character of which the node escaped as
 * `\u0022` (6 bytes each). Twice that leaves room for whitespace, which JSON allows anywhere.
 */
export const signedBlockJsonBytesMax = 2 * 1024;

/**
 * One of a block's (or an account page's) transactions, `{"txId", "tx", "signature", "leafIndex"}`, as JSON. At
 * worst about 2,600 bytes: a memo of 140 code points each escaped as a surrogate pair `\ud83d\ude00` (12 bytes),
 * the escaped chainId (384), two account keys, the txId and the signature (320 of hex), and the keys.
 */
export const transactionEntryJsonBytesMax = 4 * 1024;

/** The envelope around an answer's bounded lists: its keys, a cursor, and fields a later protocol version adds. */
export const answerEnvelopeBytesMax = 16 * 1024;

/**
 * GET /api/node: the chain id, the key, the currency, the head block and v2's log (an origin of at most 255 bytes
 * and its vkey). The answer may grow in a later version (other fields are let through), hence the generous bound.
 */
export const nodeInfoBodyBytesMax = 64 * 1024;

/** GET /api/headers: at most headersLimitMax signed blocks (about 2 MiB). */
export const headersBodyBytesMax = headersLimitMax * signedBlockJsonBytesMax + answerEnvelopeBytesMax;

/** GET /api/blocks/{height}: a signed block and at most blockTransactionsMax transactions (about 4 MiB). */
export const blockBodyBytesMax =
  blockTransactionsMax * transactionEntryJsonBytesMax + signedBlockJsonBytesMax + answerEnvelopeBytesMax;

/** GET /api/accounts/{key}: a page of at most pageLimitMax transactions (about 400 KiB), whatever limit was asked. */
export const accountPageBodyBytesMax = pageLimitMax * transactionEntryJsonBytesMax + answerEnvelopeBytesMax;

/**
 * GET /api/log/checkpoint: a signed note of three text lines (an origin of at most 255 bytes, a size, a root)
 * and its signature lines. A verifier reads notes with up to 100 signature lines, as a witness does, each at most
 * a key name (255 bytes) and 100 bytes of base64: about 36 KiB, rounded up.
 */
export const checkpointBodyBytesMax = 64 * 1024;
