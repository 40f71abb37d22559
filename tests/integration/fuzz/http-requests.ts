// The random requests of the HTTP fuzz run (./http-fuzz.test.ts): fast-check arbitraries for malformed paths (bad
// percent-escapes, overlong segments, raw Unicode, `.` and `..`), query strings (wrong types, repeats, huge,
// negative and fractional numbers) and bodies (random JSON, a valid body with one field made wrong, deep nesting,
// huge strings within the limits, truncated JSON, bytes that are not UTF-8, wrong content types), aimed at every
// route under app/api and a few pages. Nothing here can move the chain: the faucet is off, no credential reaches
// a route that writes, and every payment is unsigned (or one already recorded).
import fc from "fast-check";
import type { RawRequest } from "./raw-http";

/** What the run knows of the chain it fuzzes, so that some requests name real blocks, transactions and accounts. */
export type FuzzTargets = {
  height: number;
  blockHash: string;
  txId: string;
  account: string;
  /** A payment already recorded: sending it again answers its receipt and records nothing. */
  recordedPayment: unknown;
  /** The body of a payment that cannot be recorded: valid in shape, its signature zeros. */
  unsignedPayment: { tx: Record<string, unknown>; signature: string };
  /** The admin's session cookie, sent only with GETs of admin routes and pages (which cannot write). */
  sessionCookie: string;
};

export type FuzzRequest = RawRequest & { isApi: boolean };

const oddSegments = [
  "",
  ".",
  "..",
  "%",
  "%Z",
  "%ZZ",
  "%E0%A4",
  "%E0%A4%A",
  "%C0%AF",
  "%00",
  "%2F",
  "%2e%2e",
  "..%2F..%2F",
  "%FF",
  "%uD800",
  "%ED%A0%80",
  "-1",
  "-0",
  "1.5",
  "1e3",
  "0x10",
  "+1",
  "%2B1",
  "00",
  "01",
  "%201",
  "99999999999999999999999",
  "9007199254740993",
  "NaN",
  "Infinity",
  "null",
  "true",
  "[]",
  "%7B%7D",
  "%22",
  "'",
  "<script>",
  "AB".repeat(32),
  "g".repeat(64),
  "a".repeat(63),
  "a".repeat(65),
  ";x=1",
  "%0A",
  "%0D%0A",
  "%20",
];

function isUnsafeRaw(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code <= 0x20 || code === 0x7f || "?#%/".includes(character);
}

/** A character a request line cannot carry raw is sent percent-encoded; every other one (Unicode too) raw. */
function rawSegment(text: string): string {
  return [...text].map((character) => (isUnsafeRaw(character) ? encodeURIComponent(character) : character)).join("");
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

function segment(targets: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constantFrom(String(targets.height), "0", targets.blockHash, targets.txId, targets.account),
    },
    { weight: 4, arbitrary: fc.constantFrom(...oddSegments) },
    { weight: 1, arbitrary: hex64 },
    // Raw Unicode is refused by Node.js's parser before the app (see isParserRefusal), so it is sent less often.
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }).map(rawSegment) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 24 }).map(encodeURIComponent) },
    // Overlong, and well within the 16 KiB Node.js allows for a request's head.
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 4000 }).map((length) => "7".repeat(length)) },
  );
}

const numberish = fc.oneof(
  fc.constantFrom("", "0", "1", "20", "100", "101", "1000", "1001", "-1", "-0", "1.5", "1e3", "0x10", "+5", "NaN"),
  fc.constantFrom("99999999999999999999999", "9007199254740993", "Infinity", " 1", "1 ", "%201", "%ZZ", "%E0%A4"),
  fc.constantFrom("true", "[]", "%5B%5D", "null", "abc", "%00", "%C0%AF", "1%2C2", "MTIz"),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true }).map(String),
  fc.string({ unit: "grapheme", maxLength: 12 }).map(encodeURIComponent),
);

const queryKeys = [
  "limit",
  "before",
  "from",
  "to",
  "kind",
  "account",
  "format",
  "q",
  "next",
  "page",
  "height",
  "size",
  "x",
];

function queryString(targets: FuzzTargets): fc.Arbitrary<string> {
  const value = fc.oneof(numberish, fc.constantFrom(targets.account, targets.txId, "account", "blocks", "csv", "json"));
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 6 }).map(encodeURIComponent)),
    value,
  );
  return fc
    .oneof(
      fc.constant(""),
      fc.constant("?"),
      fc
        .array(pair, { minLength: 1, maxLength: 5 })
        .map((pairs) => `?${pairs.map(([key, item]) => `${key}=${item}`).join("&")}`),
      // The same key twice: which one a route reads must not matter to whether it answers.
      fc.tuple(fc.constantFrom(...queryKeys), numberish, numberish).map(([key, a, b]) => `?${key}=${a}&${key}=${b}`),
      fc.constantFrom(
        "?limit",
        "?limit=&before=",
        "?&&&",
        "?=1",
        "?limit[]=1",
        "?limit=1;before=2",
        "?%ZZ=1",
        "?limit=%",
      ),
      // A raw space would end the request line: it is sent escaped.
    )
    .map((query) => query.replace(/ /g, "%20"));
}

type Route = {
  segments: (string | null)[];
  methods: string[];
  body?: "payment" | "batch" | "account" | "password" | "switch";
};

/** Every route under app/api (null: the fuzzed segment), and the methods each one serves. */
const apiRoutes: Route[] = [
  { segments: ["api", "node"], methods: ["GET"] },
  { segments: ["api", "health"], methods: ["GET"] },
  { segments: ["api", "blocks"], methods: ["GET"] },
  { segments: ["api", "blocks", null], methods: ["GET"] },
  { segments: ["api", "headers"], methods: ["GET"] },
  { segments: ["api", "transactions", null], methods: ["GET"] },
  { segments: ["api", "accounts", null], methods: ["GET"] },
  { segments: ["api", "events"], methods: ["GET"] },
  { segments: ["api", "payments"], methods: ["POST"], body: "payment" },
  { segments: ["api", "payments", "batch"], methods: ["POST"], body: "batch" },
  { segments: ["api", "faucet"], methods: ["POST"], body: "account" },
  { segments: ["api", "admin", "session"], methods: ["POST"], body: "password" },
  { segments: ["api", "admin", "mint"], methods: ["POST"], body: "account" },
  { segments: ["api", "admin", "faucet"], methods: ["POST"], body: "switch" },
  { segments: ["api", "admin", "audit"], methods: ["GET"] },
  { segments: ["api", "admin", "audit", "stream"], methods: ["GET"] },
  { segments: ["api", "admin", "export"], methods: ["GET"] },
  { segments: ["api", null], methods: ["GET", "POST"] },
  { segments: ["api", "node", null], methods: ["GET"] },
];

const pageRoutes: Route[] = [
  { segments: [], methods: ["GET"] },
  { segments: ["receipts", null], methods: ["GET"] },
  { segments: ["admin", "login"], methods: ["GET"] },
  { segments: ["explorer"], methods: ["GET"] },
  { segments: ["explorer", "blocks", null], methods: ["GET"] },
  { segments: ["explorer", "accounts", null], methods: ["GET"] },
  { segments: ["explorer", "transactions", null], methods: ["GET"] },
  { segments: ["explorer", "search"], methods: ["GET"] },
  { segments: ["explorer", "audit"], methods: ["GET"] },
  { segments: ["explorer", "actions"], methods: ["GET"] },
];

/** How a path is bent on its way out: dot segments, doubled or trailing slashes, one segment more. */
const pathShapes = fc.oneof(
  // Mostly plain: Next.js answers every other shape but "extra" with a 308 to the plain path, which reaches no route.
  { weight: 12, arbitrary: fc.constant("plain") },
  { weight: 3, arbitrary: fc.constant("extra") },
  { weight: 2, arbitrary: fc.constantFrom("dot", "dotdot", "double-slash", "trailing") },
);

function pathOf(segments: string[], shape: string, extra: string): string {
  const parts = [...segments];
  if (shape === "dot") parts.splice(1, 0, ".");
  if (shape === "dotdot") parts.splice(1, 0, "x", "..");
  if (shape === "extra") parts.push(extra);
  const joined = `/${parts.join(shape === "double-slash" ? "//" : "/")}`;
  return shape === "trailing" ? `${joined}/` : joined;
}

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

function templateOf(kind: NonNullable<Route["body"]>, targets: FuzzTargets): unknown {
  if (kind === "payment") return targets.unsignedPayment;
  if (kind === "batch") return { payments: [targets.unsignedPayment, targets.recordedPayment] };
  if (kind === "account") return { account: "0".repeat(63) + "1", amount: "100" };
  if (kind === "password") return { password: "not-the-password" };
  return { enabled: "yes" };
}

const jsonContentType = "application/json";
const contentTypes = fc.oneof(
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

function bodyOf(kind: NonNullable<Route["body"]>, targets: FuzzTargets): fc.Arbitrary<Buffer> {
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

const headerValues = fc.constantFrom("", "-1", "abc", "1e3", "99999999999999999999", "0", "1", "%ZZ", "1, 2");

function headersOf(route: Route, method: string, isPage: boolean, targets: FuzzTargets) {
  const isAdmin = route.segments[1] === "admin" || route.segments[0] === "explorer";
  // A session only where nothing can be written with it: GETs. A sign-out would end it for the rest of the run.
  const canCarrySession = method === "GET" && (isAdmin || isPage);
  return fc.record(
    {
      authorization: fc.constantFrom(
        "Bearer wrong",
        "Bearer ",
        "Basic YWRtaW46YWRtaW4=",
        "bearer x",
        "Bearer " + "x".repeat(300),
      ),
      cookie: canCarrySession
        ? fc.oneof(
            // Mostly signed in, so that the explorer's pages and the admin's reads run rather than redirect.
            { weight: 4, arbitrary: fc.constantFrom(targets.sessionCookie, `x=1; ${targets.sessionCookie}`) },
            { weight: 1, arbitrary: fc.constantFrom("chainpay_session=garbage", "a=%ZZ; b") },
          )
        : fc.constantFrom("chainpay_session=garbage", "=;;", "a=%ZZ; b"),
      "last-event-id": headerValues,
      "x-forwarded-for": fc.constantFrom("1.2.3.4", "garbage", "::1, 10.0.0.1", "999.999.999.999"),
      accept: fc.constantFrom("application/json", "text/html", "*/*", "text/event-stream", "text/x-component"),
      // A page's React Server Components request; on an API path Next.js answers it with a 307 that reaches no route.
      ...(isPage ? { rsc: fc.constantFrom("1", "0", "x") } : {}),
    },
    { requiredKeys: canCarrySession ? ["cookie"] : [] },
  );
}

/** A fuzzed request at one of `routes`: its path, query, method, headers and (for a POST) body. */
function requestAt(routes: Route[], isApi: boolean, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom(...routes), segment(targets), pathShapes, segment(targets), queryString(targets), fc.nat())
    .chain(([route, fuzzed, shape, extra, query, roll]) => {
      // Mostly the route's own methods; now and then one it does not serve.
      const method =
        roll % 8 === 0
          ? ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "GET", "POST"][roll % 7]!
          : route.methods[roll % route.methods.length]!;
      const segments = route.segments.map((part) => part ?? fuzzed);
      const target = pathOf(segments, shape, extra) + query;
      const body =
        method === "POST" || method === "PUT" || method === "PATCH"
          ? bodyOf(route.body ?? "payment", targets)
          : fc.constant(null);
      return fc
        .tuple(
          body,
          headersOf(route, method, !isApi, targets),
          body === null ? fc.constant(jsonContentType) : contentTypes,
        )
        .map(([bytes, headers, contentType]): FuzzRequest => ({
          method,
          target,
          headers: bytes === null || contentType === "" ? headers : { ...headers, "content-type": contentType },
          body: bytes,
          isApi,
        }));
    });
}

export function fuzzRequests(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: requestAt(apiRoutes, true, targets) },
    { weight: 1, arbitrary: requestAt(pageRoutes, false, targets) },
  );
}
