// /admin/login: the admin signs in with the node's admin password, then goes back to the page they asked for.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { isAdminSession } from "@/lib/server/admin/require-admin";
import { adminPasswordLengthMax, safeNextPath } from "@/lib/validations/admin";
import { Preferences } from "../../_components/preferences/preferences";
import { Card } from "../../_components/ui";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signin.page");
  return { title: t("title") };
}

export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only a path on this site: a `next` that names another site is ignored, so this page cannot be used to
  // send an admin somewhere else after signing in.
  const nextPath = safeNextPath((await searchParams).next);
  if (await isAdminSession(await cookies())) redirect(nextPath);
  const t = await getTranslations("signin.page");
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-10">
      <div className="flex justify-end">
        <Preferences />
      </div>
      <div className="space-y-1 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      <Card labelledBy="sign-in-heading">
        <h2 id="sign-in-heading" className="sr-only">
          {t("signIn")}
        </h2>
        <SignInForm nextPath={nextPath} passwordLengthMax={adminPasswordLengthMax} />
      </Card>
      <p className="text-center text-sm">
        <Link href="/" className="font-medium text-indigo-700 hover:underline">
          {t("back")}
        </Link>
      </p>
    </main>
  );
}
