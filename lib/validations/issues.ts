// How a zod failure reads in a verifier's report: the first issue, at its dotted path.

/** "path.to.field: message" for the first issue (just the message at the top level), "malformed" for none. */
export function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (issue === undefined) return "malformed";
  const path = issue.path.map((part) => String(part)).join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}
