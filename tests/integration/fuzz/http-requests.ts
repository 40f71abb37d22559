// The random requests of the HTTP fuzz run (./http-fuzz.test.ts): fast-check arbitraries for malformed paths (bad
// percent-escapes, overlong segments, raw Unicode, `.` and `..`), query strings (wrong types, repeats, huge,
// negative and fractional numbers, and each route's own parameters together), headers, and bodies
// (./http-bodies.ts), aimed at every route under app/api and a few pages. Nothing here can move the chain: the faucet is off, no credential reaches
// a route that writes, and every payment is unsigned (or one already recorded).
import fc from "fast-check";
import { bodyOf, contentTypes, type BodyKind } from "./http-bodies";
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
  // Past a 32-bit column (PostgreSQL's integer) and the largest a height's 15 digits can say.
  "2147483648",
  "4294967296",
  "999999999999999",
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
  body?: BodyKind;
  /** The query parameters the route reads: sent together, so that a request gets past the first one. */
  query?: string[];
};

/** Every route under app/api (null: the fuzzed segment), and the methods each one serves. */
const apiRoutes: Route[] = [
  { segments: ["api", "node"], methods: ["GET"] },
  { segments: ["api", "health"], methods: ["GET"] },
  { segments: ["api", "blocks"], methods: ["GET"], query: ["limit", "before"] },
  { segments: ["api", "blocks", null], methods: ["GET"] },
  { segments: ["api", "headers"], methods: ["GET"], query: ["from", "limit"] },
  { segments: ["api", "transactions", null], methods: ["GET"] },
  { segments: ["api", "accounts", null], methods: ["GET"], query: ["limit", "before"] },
  { segments: ["api", "events"], methods: ["GET"] },
  { segments: ["api", "payments"], methods: ["POST"], body: "payment" },
  { segments: ["api", "payments", "batch"], methods: ["POST"], body: "batch" },
  { segments: ["api", "faucet"], methods: ["POST"], body: "account" },
  { segments: ["api", "admin", "session"], methods: ["POST"], body: "password" },
  { segments: ["api", "admin", "mint"], methods: ["POST"], body: "account" },
  { segments: ["api", "admin", "faucet"], methods: ["POST"], body: "switch" },
  { segments: ["api", "admin", "audit"], methods: ["GET"] },
  { segments: ["api", "admin", "audit", "stream"], methods: ["GET"] },
  { segments: ["api", "admin", "export"], methods: ["GET"], query: ["kind", "account", "from", "to", "format"] },
  { segments: ["api", null], methods: ["GET", "POST"] },
  { segments: ["api", "node", null], methods: ["GET"] },
];

const pageRoutes: Route[] = [
  { segments: [], methods: ["GET"] },
  { segments: ["receipts", null], methods: ["GET"] },
  { segments: ["admin", "login"], methods: ["GET"], query: ["next"] },
  { segments: ["explorer"], methods: ["GET"], query: ["before"] },
  { segments: ["explorer", "blocks", null], methods: ["GET"], query: ["page"] },
  { segments: ["explorer", "accounts", null], methods: ["GET"], query: ["before"] },
  { segments: ["explorer", "transactions", null], methods: ["GET"] },
  { segments: ["explorer", "search"], methods: ["GET"], query: ["q"] },
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

const headerValues = fc.constantFrom(
  "",
  "-1",
  "abc",
  "1e3",
  "99999999999999999999",
  "0",
  "1",
  "%ZZ",
  "1, 2",
  "2147483648",
);

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

/** Every one of `keys`, each with a value that is plausible (in range, a real account's prefix) or fuzzed. */
function routeQuery(keys: string[], targets: FuzzTargets): fc.Arbitrary<string> {
  const plausible = fc.oneof(
    fc.constantFrom(
      "0",
      "1",
      "2",
      "3",
      "20",
      "99",
      "100",
      "101",
      "999",
      "1000",
      "1001",
      "2147483648",
      "999999999999999",
    ),
    fc.constantFrom(targets.account, targets.account.slice(0, 8), targets.txId.slice(0, 10), targets.blockHash),
    fc.constantFrom("account", "blocks", "csv", "json", "xml", "/explorer", "//evil.example", "/\\evil", "%2F%2Fx"),
    numberish,
  );
  return fc
    .tuple(...keys.map((key) => plausible.map((value) => `${key}=${value}`)))
    .map((pairs) => `?${pairs.join("&")}`.replace(/ /g, "%20"));
}

/**
 * Whether the server routes `target` to the API: by its path as a URL parser reads it, which resolves dot
 * segments, percent-encoded ones too (`/api/%2e%2e/x` is the page path `/x`).
 */
function isApiPath(target: string): boolean {
  // Appended to an origin rather than resolved against it: a target of "//x" is a path here, not a host.
  const { pathname } = new URL(`http://fuzz.invalid${target}`);
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** A fuzzed request at one of `routes`: its path, query, method, headers and (for a POST) body. */
function requestAt(routes: Route[], isApi: boolean, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(fc.constantFrom(...routes), segment(targets), pathShapes, segment(targets), fc.nat())
    .chain(([route, fuzzed, shape, extra, roll]) => {
      const query =
        route.query === undefined
          ? queryString(targets)
          : fc.oneof(queryString(targets), routeQuery(route.query, targets));
      return fc.tuple(fc.constant([route, fuzzed, shape, extra, roll] as const), query);
    })
    .chain(([[route, fuzzed, shape, extra, roll], query]) => {
      // Mostly the route's own methods; now and then one it does not serve.
      const method =
        roll % 8 === 0
          ? ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "GET", "POST"][roll % 7]!
          : route.methods[roll % route.methods.length]!;
      const segments = route.segments.map((part) => part ?? fuzzed);
      const target = pathOf(segments, shape, extra) + query;
      const hasBody = method === "POST" || method === "PUT" || method === "PATCH";
      return fc
        .tuple(
          hasBody ? bodyOf(route.body ?? "payment", targets) : fc.constant(null),
          headersOf(route, method, !isApi, targets),
          hasBody ? contentTypes : fc.constant(""),
        )
        .map(([bytes, headers, contentType]): FuzzRequest => ({
          method,
          target,
          headers: bytes === null || contentType === "" ? headers : { ...headers, "content-type": contentType },
          body: bytes,
          isApi: isApiPath(target),
        }));
    });
}

export function fuzzRequests(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: requestAt(apiRoutes, true, targets) },
    { weight: 1, arbitrary: requestAt(pageRoutes, false, targets) },
  );
}
