"use client";
// Signs the admin out: the node clears the session cookie (HttpOnly, so only it can), then the sign-in page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "../../_components/ui";

export function SignOutButton() {
  const t = useTranslations("signin.signOut");
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
      setError(t("failed"));
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
        {isBusy ? t("signingOut") : t("signOut")}
      </Button>
    </div>
  );
}
