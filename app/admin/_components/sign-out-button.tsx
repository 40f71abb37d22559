"use client";
// Signs the admin out: the node clears the session cookie (HttpOnly, so only it can), then the sign-in page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "../../_components/ui";

export function SignOutButton() {
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setIsBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/admin/session", { method: "DELETE" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      // The path is written out rather than imported: lib/validations would bring zod into this bundle.
      router.replace("/admin/login");
      // The pages already shown were rendered for a signed-in admin: drop them from the router's cache.
      router.refresh();
    } catch {
      // Still signed in: say so rather than pretend, since the cookie stays until the node clears it.
      setError("Could not reach the node to sign out. Try again.");
      setIsBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-2">
      {error !== null && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <Button variant="secondary" isBusy={isBusy} onClick={() => void signOut()}>
        {isBusy ? "Signing out…" : "Sign out"}
      </Button>
    </div>
  );
}
