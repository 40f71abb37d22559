// Signing in as the admin through the real session route, for the in-process tests of sessions and admin calls.
import { expect } from "vitest";
import * as sessionRoute from "@/app/api/admin/session/route";
import { call, type CallResult } from "./node";

/** The ADMIN_PASSWORD the admin tests start their nodes with. */
export const testAdminPassword = "correct horse battery staple";

export function signIn(attempt: string, headers: Record<string, string> = {}): Promise<CallResult> {
  return call(sessionRoute.POST, { body: { password: attempt }, headers });
}

/** The `name=value` part of a Set-Cookie header, as a browser would send it back. */
export function cookieOf(response: CallResult): string {
  const setCookie = response.headers.get("set-cookie");
  expect(setCookie).not.toBeNull();
  return setCookie!.split(";")[0]!;
}

/** A fresh session's cookie, signed in with the test password. */
export async function signedInCookie(): Promise<string> {
  const response = await signIn(testAdminPassword);
  expect(response.status).toBe(204);
  return cookieOf(response);
}
