// Every limit of the protocol and the node, named and in one place (TIGER_STYLE: put a limit on everything).
// The zod schemas in lib/validations and the sealer read these; PROTOCOL.md is the authority for their values.

/** A memo holds at most this many Unicode code points. */
export const memoCodePointsMax = 140;
/** Amounts are decimal strings of minor units: no leading zero, at most 16 digits, never zero. */
export const amountPattern = /^[1-9][0-9]{0,15}$/;

/** A block height (or any non-negative count) written in decimal: no sign, no leading zero, at most 15 digits. */
export const heightPattern = /^(0|[1-9][0-9]{0,14})$/;
/**
 * Heights are stored in a 32-bit integer column (Prisma's Int), so no block is above this one. A lookup past it
 * finds nothing without asking the database: PostgreSQL refuses such a value outright, which answered 500.
 */
export const storedHeightMax = 2 ** 31 - 1;
/** Balances are decimal strings of minor units like amounts, but may be "0"; 19 digits hold balanceMinorMax. */
export const balancePattern = /^(0|[1-9][0-9]{0,18})$/;
/** Balances are stored as signed 64-bit integers; a credit past this is refused. */
export const balanceMinorMax = 2n ** 63n - 1n;
/**
 * The total supply (every balance added up, which is everything minted) stays within a signed 64-bit integer
 * too, so that every sum of balances the stores or a spreadsheet make is exact: a mint past it is refused.
 */
export const totalSupplyMinorMax = 2n ** 63n - 1n;
/** A transaction's timestamp may be at most this far from the node's clock, either way. */
export const timestampSkewMaxMs = 10 * 60 * 1000;
/** Every block but genesis holds 1 to this many transactions. */
export const blockTransactionsMax = 1000;
/** An inclusion proof in a tree of at most blockTransactionsMax leaves has at most ⌈log2(1000)⌉ = 10 hashes. */
export const auditPathHashesMax = 10;
/** Request bodies, in bytes. */
export const bodyBytesMax = 8 * 1024;
export const batchBodyBytesMax = 1024 * 1024;
/** A batch holds 1 to this many payments. */
export const batchPaymentsMax = 1000;
/** Page sizes. */
export const pageLimitDefault = 20;
export const pageLimitMax = 100;
export const headersLimitMax = 1000;
/** A reconnecting event stream replays at most this many missed blocks. */
export const eventsReplayMax = 1000;
/** Above this many waiting payments the node answers `overloaded`. */
export const pendingPaymentsMax = 10_000;
/** A currency is an ISO 4217 code with 0 to currencyDecimalsMax decimals in its minor unit. */
export const currencyCodePattern = /^[A-Z]{3}$/;
export const currencyDecimalsMax = 9;
/** The only block header version this node writes and accepts. */
export const blockVersion = 1;
/** Genesis has no parent; its prevHash is 32 zero bytes. */
export const genesisPrevHash = "0".repeat(64);
