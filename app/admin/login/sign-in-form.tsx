"use client";
// The admin sign-in form: one password field, its error inline beside it, and a button that shows it is busy.
// On success the node has set an HttpOnly session cookie, and the browser goes on to `nextPath`.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button, Field, inputClass, Notice } from "../../_components/ui";

/** A message key of the `signin` area's `problems`, with its values: the form says it in the page's language. */
type Said = { key: string; values?: Record<string, string | number> };
type Problem = { kind: "field"; message: Said } | { kind: "form"; title: Said; message: Said };

/** What a refusal means to the person at the keyboard, with what to do next. */
async function problemOf(response: Response): Promise<Problem> {
  if (response.status === 401) return { kind: "field", message: { key: "wrongPassword" } };
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after") ?? "60");
    return { kind: "field", message: { key: "tooMany", values: { seconds: Number.isFinite(seconds) ? seconds : 60 } } };
  }
  if (response.status === 400) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    const detail = body?.error?.message;
    return {
      kind: "field",
      message: detail === undefined ? { key: "unreadable" } : { key: "refused", values: { detail } },
    };
  }
  return {
    kind: "form",
    title: { key: "cannotSignInTitle" },
    message: { key: "cannotSignIn", values: { status: response.status } },
  };
}

/** `passwordLengthMax` comes from the page, so that this bundle does not carry zod for one number. */
export function SignInForm({ nextPath, passwordLengthMax }: { nextPath: string; passwordLengthMax: number }) {
  const t = useTranslations("signin.form");
  const say = (said: Said) => t(`problems.${said.key}`, said.values);
  const id = useId();
  const passwordId = `${id}-password`;
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [isPasswordShown, setIsPasswordShown] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function showProblem(next: Problem) {
    setProblem(next);
    setIsBusy(false);
    // Back to the field with its text selected, so that retyping replaces it.
    passwordRef.current?.focus();
    passwordRef.current?.select();
  }

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isBusy) return;
    if (password === "") {
      showProblem({ kind: "field", message: { key: "empty" } });
      return;
    }
    setIsBusy(true);
    setProblem(null);
    let response: Response;
    try {
      response = await fetch("/api/admin/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ password }),
      });
    } catch {
      showProblem({ kind: "form", title: { key: "noAnswerTitle" }, message: { key: "noAnswer" } });
      return;
    }
    if (response.status !== 204) {
      showProblem(await problemOf(response));
      return;
    }
    // The button stays busy until the next page replaces this one.
    router.replace(nextPath);
    router.refresh();
  }

  const fieldError = problem?.kind === "field" ? say(problem.message) : null;

  return (
    <form noValidate onSubmit={(event) => void signIn(event)} className="space-y-4">
      {problem?.kind === "form" && (
        <Notice tone="danger" title={say(problem.title)}>
          {say(problem.message)}
        </Notice>
      )}
      {/* For password managers, which file a password under a user name; there is one admin. */}
      <input type="text" name="username" autoComplete="username" value="admin" readOnly hidden />
      {/* No hint says where the password is kept: an admin knows, and nobody else needs telling. */}
      <Field id={passwordId} label={t("password")} error={fieldError}>
        <div className="flex gap-2">
          <input
            ref={passwordRef}
            id={passwordId}
            name="password"
            type={isPasswordShown ? "text" : "password"}
            autoComplete="current-password"
            autoFocus
            required
            maxLength={passwordLengthMax}
            spellCheck={false}
            autoCapitalize="none"
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              if (problem?.kind === "field") setProblem(null);
            }}
            aria-invalid={fieldError !== null}
            aria-describedby={`${passwordId}-message`}
            className={inputClass}
          />
          {/* A toggle with a fixed name: "pressed" is what tells a screen reader the password is shown. */}
          <Button
            variant="secondary"
            aria-label={t("showPassword")}
            aria-pressed={isPasswordShown}
            aria-controls={passwordId}
            onClick={() => setIsPasswordShown((isShown) => !isShown)}
            className="shrink-0"
          >
            {t("show")}
          </Button>
        </div>
      </Field>
      <Button type="submit" isBusy={isBusy} className="w-full">
        {isBusy ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
