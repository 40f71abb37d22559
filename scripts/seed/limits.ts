// What one `npm run seed` writes, and how it paces the work between the signing threads and the writer.
/** Limits on what one run seeds. */
export const seedPaymentsMax = 100_000_000;
export const seedAccountsMin = 2;
export const seedAccountsMax = 100_000;
/** Without --accounts: one account per ten payments, up to a few thousand. */
export const defaultAccountsMax = 3000;
/** Payments are 0.01 to 1,000.00 (in a 2-decimal currency). */
export const paymentAmountMaxMinor = 100_000;
/** Each account's mint: enough that an account paying its share of the payments, at the most, never runs dry. */
export const mintAmountMinMinor = 100_000_000;
/** Blocks written per SQLite transaction: large enough that a commit's sync is a small part of the work. */
export const blocksPerCommit = 20;
/**
 * Blocks being signed ahead. Writing a commit holds the main thread for a while, and the workers must have
 * enough queued to keep signing meanwhile, or they and the writer take turns instead of working at once.
 */
export const blocksSignedAheadMax = blocksPerCommit * 2;
export const progressIntervalMs = 1000;
/** An Ed25519 public key as SubjectPublicKeyInfo DER: a fixed 12-byte prefix, then the raw key. */
export const spkiPublicKeyBytes = 44;
