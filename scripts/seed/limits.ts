// What one `npm run seed` writes, and how it paces the work between the signing threads and the writer.

/** Limits on what one run seeds; without --accounts, one account per ten payments, up to accountsDefaultMax. */
export const seedRunLimits = {
  paymentsMax: 100_000_000,
  accountsMin: 2,
  accountsMax: 100_000,
  accountsDefaultMax: 3000,
} as const;

/**
 * The amounts seeded, in minor units of a 2-decimal currency: payments of 0.01 to 1,000.00, and each account's
 * mint at least mintMin: enough that an account paying its share of the payments, at the most, never runs dry.
 */
export const seedAmountsMinor = { paymentMax: 100_000, mintMin: 100_000_000 } as const;

/** Blocks written per SQLite transaction: large enough that a commit's sync is a small part of the work. */
const blocksPerCommit = 20;

/**
 * How the run paces itself. Blocks are signed ahead while a commit is written: writing one holds the main
 * thread for a while, and the workers must have enough queued to keep signing meanwhile, or they and the writer
 * take turns instead of working at once.
 */
export const seedPacing = {
  blocksPerCommit,
  blocksSignedAheadMax: blocksPerCommit * 2,
  progressIntervalMs: 1000,
} as const;

/** An Ed25519 public key as SubjectPublicKeyInfo DER: a fixed 12-byte prefix, then the raw key. */
export const spkiPublicKeyBytes = 44;
