import { describe, expect, it } from "vitest";
import { formatPolicy, isQuorumMet, parsePolicy, PolicyError } from "@/lib/ledger/log/policy";
import { testLogSigner, testWitness } from "../../support/log-keys";

const log = testLogSigner("chainpay/test");
const [x1, x2, x3, y1, y2, y3] = ["X1", "X2", "X3", "Y1", "Y2", "Y3"].map((name) => testWitness(`${name}.example`));

/** The spec's example policy with real keys (no URLs). */
const specExample = `log ${log.vkey}

witness X1 ${x1!.vkey}
witness X2 ${x2!.vkey}
witness X3 ${x3!.vkey}
group X-witnesses 2 X1 X2 X3

witness Y1 ${y1!.vkey}
witness Y2 ${y2!.vkey}
witness Y3 ${y3!.vkey}
group Y-witnesses any Y1 Y2 Y3

group X-and-Y all X-witnesses Y-witnesses
quorum X-and-Y
`;

function policyErrorOf(text: string): string {
  try {
    parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyError) return error.message;
    throw error;
  }
  throw new Error("expected a PolicyError");
}

describe("parsePolicy", () => {
  it("reads the spec's two-level example", () => {
    const policy = parsePolicy(specExample);
    expect(policy.logs.map((key) => key.vkey)).toEqual([log.vkey]);
    expect(policy.witnesses.map((witness) => [witness.name, witness.key.name, witness.url])).toEqual([
      ["X1", "X1.example", null],
      ["X2", "X2.example", null],
      ["X3", "X3.example", null],
      ["Y1", "Y1.example", null],
      ["Y2", "Y2.example", null],
      ["Y3", "Y3.example", null],
    ]);
    expect(policy.groups).toEqual([
      { name: "X-witnesses", threshold: 2, members: ["X1", "X2", "X3"] },
      { name: "Y-witnesses", threshold: 1, members: ["Y1", "Y2", "Y3"] },
      { name: "X-and-Y", threshold: 2, members: ["X-witnesses", "Y-witnesses"] },
    ]);
    expect(policy.quorum).toBe("X-and-Y");
  });

  it("reads URLs, comments, tabs and surrounding whitespace", () => {
    const policy = parsePolicy(
      `# the node\n  log\t${log.vkey}\thttps://node.example/\n\t# a witness\nwitness  w1 ${x1!.vkey} https://w1.example/prefix  \n \nquorum w1`,
    );
    expect(policy.witnesses[0]!.url).toBe("https://w1.example/prefix");
    expect(policy.quorum).toBe("w1");
  });

  it("reads `quorum none` with no witnesses and no logs", () => {
    expect(parsePolicy("quorum none\n")).toEqual({ logs: [], witnesses: [], groups: [], quorum: "none" });
  });

  const refusals: [string, string, RegExp][] = [
    ["no quorum line", `log ${log.vkey}\n`, /exactly one quorum/],
    ["two quorum lines", "quorum none\nquorum none\n", /line 2: the quorum is already defined on line 1/],
    ["a quorum naming nothing", "quorum w1\n", /line 1: the quorum w1 is not/],
    ["a quorum defined before its witness", `quorum w1\nwitness w1 ${x1!.vkey}\n`, /line 1/],
    ["an unknown keyword", "wittness w1\nquorum none\n", /line 1: unknown keyword/],
    ["a witness with a type 0x01 key", `witness w1 ${log.vkey}\nquorum none\n`, /line 1: .*0x04/],
    ["a log with a type 0x04 key", `log ${x1!.vkey}\nquorum none\n`, /line 1: .*0x01/],
    ["a bad vkey", `log ${log.vkey.slice(0, -2)}\nquorum none\n`, /line 1: the log's vkey does not parse/],
    ["a log line without a key", "log\nquorum none\n", /line 1/],
    ["a duplicate log", `log ${log.vkey}\nlog ${log.vkey}\nquorum none\n`, /line 2: the same log key/],
    [
      "a duplicate witness key under another name",
      `witness a ${x1!.vkey}\nwitness b ${testWitness("other", x1!.key).vkey}\nquorum none\n`,
      /line 2: the same witness key/,
    ],
    ["a name defined twice", `witness a ${x1!.vkey}\nwitness a ${x2!.vkey}\nquorum none\n`, /line 2: .*twice/],
    ["a witness named none", `witness none ${x1!.vkey}\nquorum none\n`, /line 1: `none`/],
    ["a witness URL that is not http(s)", `witness a ${x1!.vkey} ftp://x/\nquorum none\n`, /line 1: .*http/],
    ["a witness URL that is no URL", `witness a ${x1!.vkey} not-a-url\nquorum none\n`, /line 1/],
    ["a witness line with extra items", `witness a ${x1!.vkey} https://a/ more\nquorum none\n`, /line 1/],
    ["a group without members", `witness a ${x1!.vkey}\ngroup g all\nquorum g\n`, /line 2/],
    ["a group naming an unknown member", `witness a ${x1!.vkey}\ngroup g any a b\nquorum g\n`, /line 2: .*b is not/],
    ["a group naming itself", `witness a ${x1!.vkey}\ngroup g any a g\nquorum g\n`, /line 2: .*g is not/],
    ["a group naming none", `witness a ${x1!.vkey}\ngroup g any a none\nquorum g\n`, /line 2: `none`/],
    ["a threshold of 0", `witness a ${x1!.vkey}\ngroup g 0 a\nquorum g\n`, /line 2/],
    ["a threshold above the member count", `witness a ${x1!.vkey}\ngroup g 2 a\nquorum g\n`, /line 2/],
    ["a threshold with a leading zero", `witness a ${x1!.vkey}\ngroup g 01 a\nquorum g\n`, /line 2/],
    ["a threshold word it does not know", `witness a ${x1!.vkey}\ngroup g most a\nquorum g\n`, /line 2/],
    [
      "a member listed twice in one group",
      `witness a ${x1!.vkey}\ngroup g any a a\nquorum g\n`,
      /line 2: a is already/,
    ],
    [
      "a member of two groups",
      `witness a ${x1!.vkey}\nwitness b ${x2!.vkey}\ngroup g any a\ngroup h any a b\nquorum h\n`,
      /line 4: a is already a member/,
    ],
    ["a carriage return", "quorum none\r\n", /line 1: control/],
    ["a control character", "# \u0001\nquorum none\n", /line 1: control/],
  ];
  it.each(refusals)("refuses %s", (_, text, message) => {
    expect(policyErrorOf(text)).toMatch(message);
  });

  it("refuses a policy over its size limit", () => {
    expect(policyErrorOf(`${"#".repeat(70_000)}\nquorum none\n`)).toMatch(/at most/);
  });
});

describe("formatPolicy", () => {
  it("writes what parsePolicy reads back identically", () => {
    const policy = parsePolicy(specExample);
    const text = formatPolicy(policy);
    expect(parsePolicy(text)).toEqual(policy);
    expect(formatPolicy(parsePolicy(text))).toBe(text);
  });

  it("writes the node's policy: its log line first, witness URLs, the quorum last", () => {
    const text = formatPolicy({
      logs: [log.verifierKey],
      witnesses: [{ name: "w1", key: x1!.verifierKey, url: "https://w1.example/" }],
      groups: [],
      quorum: "w1",
    });
    expect(text).toBe(`log ${log.vkey}\nwitness w1 ${x1!.vkey} https://w1.example/\nquorum w1\n`);
    expect(formatPolicy({ logs: [log.verifierKey], witnesses: [], groups: [], quorum: "none" })).toBe(
      `log ${log.vkey}\nquorum none\n`,
    );
  });

  it("refuses to write a policy that would not read back", () => {
    expect(() => formatPolicy({ logs: [], witnesses: [], groups: [], quorum: "nobody" })).toThrow(PolicyError);
  });
});

describe("isQuorumMet", () => {
  const policy = parsePolicy(specExample);
  const met = (...names: string[]) => isQuorumMet(policy, new Set(names));

  it("needs two X witnesses and one Y witness", () => {
    expect(met("X1", "X2", "Y3")).toBe(true);
    expect(met("X1", "X3", "Y1", "Y2")).toBe(true);
    expect(met("X1", "Y1", "Y2", "Y3")).toBe(false);
    expect(met("X1", "X2", "X3")).toBe(false);
    expect(met()).toBe(false);
  });

  it("counts only names that are witnesses (a group name or a stranger is no cosigner)", () => {
    expect(met("X-witnesses", "Y-witnesses")).toBe(false);
    expect(met("X1", "X2", "Z9")).toBe(false);
  });

  it("is always met with quorum none, and by the one witness a quorum names", () => {
    expect(isQuorumMet(parsePolicy("quorum none\n"), new Set())).toBe(true);
    const single = parsePolicy(`witness w1 ${x1!.vkey}\nwitness w2 ${x2!.vkey}\nquorum w1\n`);
    expect(isQuorumMet(single, new Set(["w1"]))).toBe(true);
    expect(isQuorumMet(single, new Set(["w2"]))).toBe(false);
  });

  it("reads all, any and k", () => {
    const witnesses = `witness a ${x1!.vkey}\nwitness b ${x2!.vkey}\nwitness c ${x3!.vkey}\n`;
    const of = (threshold: string, ...names: string[]) =>
      isQuorumMet(parsePolicy(`${witnesses}group g ${threshold} a b c\nquorum g\n`), new Set(names));
    expect(of("all", "a", "b")).toBe(false);
    expect(of("all", "a", "b", "c")).toBe(true);
    expect(of("any", "c")).toBe(true);
    expect(of("any")).toBe(false);
    expect(of("2", "a")).toBe(false);
    expect(of("2", "a", "c")).toBe(true);
    expect(of("3", "a", "b", "c")).toBe(true);
  });
});
