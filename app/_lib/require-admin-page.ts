// For admin pages (server components): go on when the request carries an admin session, else send the browser
// to the sign-in page, which brings it back to `nextPath` afterwards.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { adminSignInPath, safeNextPath } from "@/lib/validations/admin";
import { isAdminSession } from "@/lib/server/admin/require-admin";

export async function requireAdminPage(nextPath: string): Promise<void> {
  if (await isAdminSession(await cookies())) return;
  redirect(`${adminSignInPath}?next=${encodeURIComponent(safeNextPath(nextPath))}`);
}
