// The bodies of the HTTP fuzz run's POSTs (./http-requests.ts): a valid body with one field replaced, removed or
// joined by an unknown one, random JSON, deep nesting, huge strings within the limits, bodies past the limits,
// truncated JSON, bytes that are not UTF-8, and the content types they are declared as.
import fc from "fast-check";
import type { FuzzTargets } from "./http-requests";

/** What a route takes: a payment, a batch, an account (faucet, mint), a password, or the faucet's switch. */
export type BodyKind = "payment" | "batch" | "account" | "password" | "switch";

/** Values that are wrong wherever they stand in a body. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("", "0", "00012", "-5", "1.5", "1e5", "1e999", "9".repeat(40), "\ud800", "\u0000", "A".repeat(64)),
  fc.constantFrom(-1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, null, [], {}),
  fc.integer({ min: 1000, max: 7000 }).map((length) => "m".repeat(length)),
);

/** The body `template` with one field (by dotted path) replaced, removed, or joined by an unknown one. */
function mutated(template: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(template, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom("replace", "remove", "add"), wrongValue)
    .map(([path, how, value]) => {
      const copy = structuredClone(template) as Record<string, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      const key = path.at(-1)!;
      if (how === "replace") parent[key] = value;
      else if (how === "remove") delete parent[key];
      else parent[`${key}Extra`] = value;
      return copy;
    });
}

function templateOf(kind: BodyKind, targets: FuzzTargets): unknown {
  if (kind === "payment") return targets.unsignedPayment;
  if (kind === "batch") return { payments: [targets.unsignedPayment, targets.recordedPayment] };
  if (kind === "account") return { account: "0".repeat(63) + "1", amount: "100" };
  if (kind === "password") return { password: "not-the-password" };
  return { enabled: "yes" };
}

const jsonContentType = "application/json";
export const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant(jsonContentType) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=latin1",
      "application/jsonx",
      "application/json;",
      "*/*",
      "application/problem+json",
    ),
  },
);

export function bodyOf(kind: BodyKind, targets: FuzzTargets): fc.Arbitrary<Buffer> {
  const template = templateOf(kind, targets);
  const text = (value: unknown) => Buffer.from(JSON.stringify(value) ?? "null", "utf8");
  const limit = kind === "batch" ? 1024 * 1024 : 8 * 1024;
  return fc.oneof(
    { weight: 4, arbitrary: mutated(template).map(text) },
    { weight: 1, arbitrary: fc.constantFrom(template, targets.recordedPayment).map(text) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(text) },
    // Deep nesting, as a whole body and under the body's own key, within the 8 KiB limit.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 10, max: 4000 }).map((depth) => Buffer.from("[".repeat(depth) + "]".repeat(depth))),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 1300 })
        .map((depth) => Buffer.from(`{"tx":${'{"a":'.repeat(depth)}1${"}".repeat(depth)},"signature":"00"}`)),
    },
    // Truncated JSON: the template cut anywhere.
    { weight: 2, arbitrary: fc.nat().map((cut) => text(template).subarray(0, cut % text(template).length)) },
    { weight: 1, arbitrary: fc.constantFrom(limit + 1, limit * 2).map((size) => Buffer.alloc(size, 0x20)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        Buffer.alloc(0),
        Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
        Buffer.from("\ufeff{}", "utf8"),
        Buffer.from('{"tx":1,"tx":2}'),
        Buffer.from('{"__proto__":{"tx":{}},"signature":"00"}'),
        Buffer.from('{"constructor":{"prototype":{"isAdmin":true}}}'),
        Buffer.from('{"payments":[' + "{},".repeat(1200) + "{}]}"),
        Buffer.from('{"payments":' + JSON.stringify(Array.from({ length: 1001 }, () => targets.unsignedPayment)) + "}"),
        Buffer.from("null"),
        Buffer.from("1e999"),
        Buffer.from('"\\ud800"'),
      ),
    },
  );
}
