// The endpoint check: the URL's form, and every address its host is or resolves to, in the hostile forms an
// attacker would try to reach the node's own machine or network through (short, hex and decimal IPv4, IPv4-mapped
// IPv6, IPv6 literals, localhost).
import { describe, expect, it } from "vitest";
import { checkEndpointUrl, endpointUrlLengthMax } from "@/lib/server/webhooks/endpoint-address";
import { addressKindOf } from "@/lib/server/webhooks/public-address";

const refused = (url: string) => checkEndpointUrl(url, { allowPrivate: false });

describe("the endpoint URL's form", () => {
  it.each([
    ["ftp://example.com/hook", /http:\/\/ or https:\/\//],
    ["file:///etc/passwd", /http:\/\/ or https:\/\//],
    ["javascript:alert(1)", /http:\/\/ or https:\/\//],
    ["http://user:secret@93.184.215.14/hook", /user name or password/],
    ["http://user@93.184.215.14/hook", /user name or password/],
    ["not a url", /not a valid absolute URL/],
    ["/relative/path", /not a valid absolute URL/],
    [`http://93.184.215.14/${"a".repeat(endpointUrlLengthMax)}`, /at most 2048 characters/],
  ])("refuses %s", async (url, message) => {
    const check = await refused(url);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.message).toMatch(message);
  });

  it("accepts a public http or https address", async () => {
    for (const url of ["http://93.184.215.14/hook", "https://93.184.215.14:8443/a?b=c", "http://[2606:4700::1111]/x"]) {
      const check = await refused(url);
      expect(check).toMatchObject({ ok: true });
      expect(check.ok && check.url.href).toBe(new URL(url).href);
    }
  });
});

describe("addresses that are not public", () => {
  it.each([
    // Loopback in every spelling the URL parser normalises to 127.0.0.1.
    "http://127.0.0.1/",
    "http://127.1/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://0177.0.0.1/",
    "http://2130706433/",
    "http://127.255.255.254:8080/",
    // Private, CGNAT, link-local (the cloud metadata address), benchmarking, documentation.
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://100.127.255.255/",
    "http://169.254.169.254/latest/meta-data/",
    "http://198.18.0.1/",
    "http://192.0.2.1/",
    // IPv6: loopback, unique-local, link-local, site-local, and the IPv4 forms inside IPv6.
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456:789a::1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::127.0.0.1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    // Names that resolve to loopback.
    "http://localhost/",
    "http://localhost.:3000/",
    "http://LOCALHOST/",
    "http://shop.localhost/",
  ])("refuses %s", async (url) => {
    const check = await refused(url);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.message).toMatch(/private, loopback or link-local.*WEBHOOKS_ALLOW_PRIVATE/);
  });

  it.each([
    "http://0.0.0.0/",
    "http://0/",
    "http://[::]/",
    "http://224.0.0.1/",
    "http://239.255.255.250/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://[ff02::1]/",
  ])("refuses %s even when private addresses are allowed", async (url) => {
    for (const allowPrivate of [false, true]) {
      const check = await checkEndpointUrl(url, { allowPrivate });
      expect(check.ok).toBe(false);
      expect(check.ok ? "" : check.message).toMatch(/can never receive a webhook/);
    }
  });

  it("allows private addresses when the setting does", async () => {
    for (const url of ["http://127.0.0.1:4000/hook", "http://[::1]/", "http://localhost:3000/", "http://10.1.2.3/"])
      expect(await checkEndpointUrl(url, { allowPrivate: true })).toMatchObject({ ok: true });
  });

  it("refuses a host that does not resolve", async () => {
    const check = await refused("http://no-such-host.invalid/hook");
    expect(check.ok ? "" : check.message).toMatch(/does not resolve/);
  });

  it("classifies addresses as the registries say", () => {
    expect(addressKindOf("8.8.8.8")).toBe("public");
    expect(addressKindOf("2606:4700::1111")).toBe("public");
    expect(addressKindOf("172.32.0.1")).toBe("public");
    expect(addressKindOf("100.128.0.1")).toBe("public");
    expect(addressKindOf("172.15.255.255")).toBe("public");
    expect(addressKindOf("::ffff:8.8.8.8")).toBe("private");
    expect(addressKindOf("fe80::1")).toBe("private");
    expect(addressKindOf("ff05::2")).toBe("never");
    expect(addressKindOf("not-an-address")).toBe("never");
  });
});
