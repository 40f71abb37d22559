// zod schemas for the admin's request bodies and the sign-in page's return path, shared by the route handlers,
// the server-rendered pages and the sign-in form.
import { z } from "zod";
import { accountKeySchema, amountSchema } from "./transaction";

/** An admin password is 8 to 256 characters: long enough to mean something, short enough to hash cheaply. */
export const adminPasswordLengthMin = 8;
export const adminPasswordLengthMax = 256;

export const signInBodySchema = z.strictObject({
  password: z
    .string()
    .min(1, "must not be empty")
    .max(adminPasswordLengthMax, `must be at most ${adminPasswordLengthMax} characters`),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const mintBodySchema = z.strictObject({ account: accountKeySchema, amount: amountSchema });
export type MintBody = z.infer<typeof mintBodySchema>;

export const faucetSwitchBodySchema = z.strictObject({ enabled: z.boolean("must be true or false") });
export type FaucetSwitchBody = z.infer<typeof faucetSwitchBodySchema>;

/** Where the sign-in page sends the admin afterwards when nothing (or nothing safe) was asked for. */
export const adminHomePath = "/explorer";
export const adminSignInPath = "/admin/login";
/** Set by proxy.ts on explorer requests: the path asked for, to come back to after signing in. */
export const requestedPathHeader = "x-chainpay-path";
const nextPathLengthMax = 2048;

/**
 * A path on this site only. "//host" and "/\host" are other sites to a browser (it reads a backslash as a
 * slash), and it drops tabs and newlines inside URLs, so "/\t/host" is one too: control characters are refused.
 */
export const nextPathSchema = z
  .string()
  .max(nextPathLengthMax)
  .refine((path) => path.startsWith("/") && !path.startsWith("//"), "must be a path on this site")
  .refine((path) => ![...path].some(isUnsafeInPath), "must be a path on this site");

function isUnsafeInPath(character: string): boolean {
  const code = character.charCodeAt(0);
  return character === "\\" || code < 0x20 || code === 0x7f;
}

/** The path to go to after signing in: `next` when it is a safe path on this site (not the sign-in page itself). */
export function safeNextPath(next: unknown): string {
  const parsed = nextPathSchema.safeParse(next);
  if (!parsed.success) return adminHomePath;
  const pathname = parsed.data.split(/[?#]/, 1)[0];
  return pathname === adminSignInPath ? adminHomePath : parsed.data;
}
