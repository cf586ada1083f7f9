/** Hidden tests for 15-sad/lifetime: soft and hard limits in bytes and seconds, RFC 4301 section 4.4.2.1. */
import { describe, test } from "vitest";
import { expectEqual, expectThrows } from "@teach";
import { LifetimeMeter } from "@impl/15-sad/lifetime.ts";

describe("step 1: bytes", () => {
  test("ok, then soft at the soft limit, then refused past the hard limit", () => {
    const m = new LifetimeMeter({ softBytes: 300, hardBytes: 400 }, 1000);
    expectEqual(m.charge(100, 1000), "ok", { what: "charge(100) of 300 soft / 400 hard" });
    expectEqual(m.charge(100, 1001), "ok", { what: "charge(100) → 200 bytes" });
    expectEqual(m.charge(100, 1002), "soft", { what: "charge(100) → 300 bytes", why: "the soft limit is reached: start negotiating the next SA now, while this one still carries traffic." });
    expectThrows(() => m.charge(101, 1003), { what: "charge(101) at 300 of a 400-byte hard limit", error: "SaExpiredError", field: "lifetime bytes", why: "this packet would cross the hard limit: the SA must not carry it (RFC 4301 section 4.4.2.1)." });
    expectEqual(m.bytes, 300, { what: "bytes after the refused packet", why: "a refused packet was not sent and is not counted." });
    expectEqual(m.charge(100, 1004), "soft", { what: "charge(100) → exactly 400 bytes", why: "reaching the hard limit exactly is still allowed; crossing it is not." });
  });
});

describe("step 2: seconds", () => {
  test("the seed's 3600-second phase 2 lifetime with a soft limit at 90 %", () => {
    const m = new LifetimeMeter({ softSeconds: 3240, hardSeconds: 3600 }, 50_000);
    expectEqual(m.charge(100, 50_000 + 3239), "ok", { what: "charge at 3239 s" });
    expectEqual(m.charge(100, 50_000 + 3240), "soft", { what: "charge at 3240 s", why: "soft limit: rekey now." });
    expectThrows(() => m.charge(100, 50_000 + 3600), { what: "charge at 3600 s", error: "SaExpiredError", field: "lifetime seconds", why: "the hard lifetime is over: the SA is dead even if it carried few bytes." });
  });
  test("no limits: always ok", () => {
    const m = new LifetimeMeter({}, 0);
    expectEqual(m.charge(1e9, 1e9), "ok", { what: "charge on an SA without limits" });
  });
});
