// The protocol's error codes, statuses and limits, pinned to PROTOCOL.md: a change here is a protocol change.
import { describe, expect, it } from "vitest";
import { assert, errorStatusByCode, LedgerError, type ErrorCode } from "@/lib/ledger/errors";
import * as limits from "@/lib/ledger/limits";

describe("errorStatusByCode", () => {
  it("gives every protocol error code its documented status", () => {
    expect(errorStatusByCode).toEqual({
      invalid_json: 400,
      invalid_request: 400,
      invalid_signature: 400,
      wrong_chain: 400,
      stale_timestamp: 400,
      insufficient_funds: 409,
      supply_exceeded: 409,
      not_found: 404,
      unauthorized: 401,
      faucet_disabled: 403,
      payload_too_large: 413,
      unsupported_media_type: 415,
      rate_limited: 429,
      overloaded: 503,
      internal_error: 500,
    });
  });
});

describe("LedgerError", () => {
  it("carries code, message, field and status, and writes the protocol's error body", () => {
    const error = new LedgerError("invalid_request", "The amount must be a string.", "tx.amount");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("LedgerError");
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({
      error: { code: "invalid_request", message: "The amount must be a string.", field: "tx.amount" },
    });
  });

  it("leaves field out of the body when no single field is at fault", () => {
    const body = new LedgerError("insufficient_funds", "Not enough money.").toBody();
    expect(body).toEqual({ error: { code: "insufficient_funds", message: "Not enough money." } });
    expect(Object.keys(body.error)).not.toContain("field");
  });

  it.each(Object.entries(errorStatusByCode) as [ErrorCode, number][])("%s answers %i", (code, status) => {
    expect(new LedgerError(code, "message").status).toBe(status);
  });
});

describe("assert", () => {
  it("passes a true condition and stops on a false one", () => {
    expect(() => assert(true, "never")).not.toThrow();
    expect(() => assert(false, "balances add up")).toThrow("assertion failed: balances add up");
  });
});

describe("limits match PROTOCOL.md", () => {
  it.each([
    { name: "memoCodePointsMax", value: limits.memoCodePointsMax, expected: 140 },
    { name: "balanceMinorMax", value: limits.balanceMinorMax, expected: 9223372036854775807n },
    { name: "timestampSkewMaxMs", value: limits.timestampSkewMaxMs, expected: 10 * 60 * 1000 },
    { name: "blockTransactionsMax", value: limits.blockTransactionsMax, expected: 1000 },
    { name: "bodyBytesMax", value: limits.bodyBytesMax, expected: 8192 },
    { name: "batchBodyBytesMax", value: limits.batchBodyBytesMax, expected: 1048576 },
    { name: "batchPaymentsMax", value: limits.batchPaymentsMax, expected: 1000 },
    { name: "pageLimitDefault", value: limits.pageLimitDefault, expected: 20 },
    { name: "pageLimitMax", value: limits.pageLimitMax, expected: 100 },
    { name: "headersLimitMax", value: limits.headersLimitMax, expected: 1000 },
    { name: "eventsReplayMax", value: limits.eventsReplayMax, expected: 1000 },
    { name: "pendingPaymentsMax", value: limits.pendingPaymentsMax, expected: 10000 },
    { name: "blockVersion", value: limits.blockVersion, expected: 1 },
    { name: "genesisPrevHash", value: limits.genesisPrevHash, expected: "0".repeat(64) },
  ])("$name is $expected", ({ value, expected }) => {
    expect(value).toBe(expected);
  });

  it("amountPattern is ^[1-9][0-9]{0,15}$", () => {
    expect(limits.amountPattern.source).toBe("^[1-9][0-9]{0,15}$");
    expect(limits.amountPattern.flags).toBe("");
  });
});
