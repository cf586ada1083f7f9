/**
 * Hidden tests for 05-diffie-hellman/keypair: drawing x, and g^x mod p in
 * its fixed-length form, checked against OpenSSL.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { MODP_GROUPS, modpGroup } from "@course/modp-groups.ts";
import { privateValue, publicValue } from "@impl/05-diffie-hellman/keypair.ts";
import { nextWithLeadingZero, opensslPublic, testPrivate } from "./dh-oracle.ts";

const group2 = modpGroup(2);

/** A random source that hands out the given draws in order and records the sizes asked for. */
function scripted(draws: Uint8Array[]) {
  const asked: number[] = [];
  return {
    asked,
    source: (n: number) => {
      asked.push(n);
      const next = draws.shift();
      if (!next) throw new Error("privateValue asked for more random draws than expected");
      return next;
    },
  };
}

const be = (v: bigint, n: number) => Uint8Array.from(Buffer.from(v.toString(16).padStart(n * 2, "0"), "hex"));

describe("step 1: privateValue", () => {
  test("asks for as many octets as the prime has, and uses them as a big-endian number", () => {
    const r = rng("privateValue draw");
    for (const group of MODP_GROUPS) {
      const draw = r.bytes(group.bytes);
      draw[0] = 0x7f; // below p, whatever follows
      const s = scripted([draw.slice()]);
      const x = privateValue(group, s.source);
      expectEqual(s.asked, [group.bytes], { what: `the sizes privateValue(group ${group.id}) asked the random source for`, why: `x should be as large as the group allows: ${group.bytes} octets for a ${group.bits}-bit prime.` });
      expectEqual(x, BigInt("0x" + Buffer.from(draw).toString("hex")), { what: `privateValue(group ${group.id}) with a draw starting 7f` });
    }
  });
  test("a draw outside [2, p-2] is thrown away and drawn again, not reduced", () => {
    const tooBig = new Uint8Array(group2.bytes).fill(0xff); // above p
    const pMinus1 = be(group2.p - 1n, group2.bytes);
    const one = be(1n, group2.bytes);
    const good = be(2n, group2.bytes);
    const s = scripted([tooBig, pMinus1, one, good]);
    expectEqual(privateValue(group2, s.source), 2n, {
      what: "privateValue(group 2) with draws ff..ff, p-1, 1, then 2",
      why: "ff..ff, p-1 and 1 are all outside [2, p-2]. Reducing mod p would make small values more likely; drawing again keeps every allowed x equally likely. 2 is the smallest allowed value.",
    });
    expectEqual(s.asked.length, 4, { what: "the number of draws" });
  });
  test("the default source is a real random one", () => {
    const a = privateValue(group2);
    const b = privateValue(group2);
    expectTrue(typeof a === "bigint" && typeof b === "bigint" && a !== b && a >= 2n && a <= group2.p - 2n, "two calls to privateValue(group 2) without a source must give two different values in [2, p-2].", "without a source, use node:crypto's randomBytes: a predictable x gives away every key of the exchange.");
    const c = privateValue(group2);
    expectTrue(typeof c === "bigint" && c.toString(16).length > 200, "privateValue(group 2) gave a value much shorter than the prime; it should use all 128 octets of the draw.");
  });
});

describe("step 2: publicValue, against OpenSSL", () => {
  test("random private values in every group", () => {
    const r = rng("publicValue");
    for (const group of MODP_GROUPS) {
      const x = testPrivate(group, r.bytes);
      expectBytes(publicValue(group, x), opensslPublic(group, x), { what: `publicValue(group ${group.id}, x = 0x${x.toString(16).slice(0, 24)}...)`, why: `OpenSSL computed g^x mod p with the same x: the KE payload carries exactly ${group.bytes} octets.` });
    }
  });
  test("a public value that starts with a zero octet keeps it", () => {
    // From a seeded start, the first x whose g^x mod p has a zero top octet (about 1 in 256).
    const x0 = testPrivate(group2, rng("publicValue leading zero").bytes);
    const x = nextWithLeadingZero(group2, x0, group2.g, opensslPublic(group2, x0));
    const want = opensslPublic(group2, x);
    expectTrue(want[0] === 0 && x <= group2.p - 2n, "the test's search for an x with a leading zero went wrong (this should not happen)");
    expectBytes(publicValue(group2, x), want, {
      what: `publicValue(group 2, x = 0x${x.toString(16).slice(0, 24)}...), whose g^x mod p is below 2^1016`,
      why: "RFC 2409 section 5: the public value is zero-prepended to the prime's length. x.toString(16) drops the leading zeros; a 127-octet KE payload is refused by strongSwan, and the HASH and IV computed over it would differ.",
    });
  });
});

describe("step 3: private values outside [2, p-2]", () => {
  test("1, p-1 and 0", () => {
    for (const [x, label] of [[1n, "1"], [group2.p - 1n, "p-1"], [0n, "0"]] as const) {
      expectThrows(() => publicValue(group2, x), { what: `publicValue(group 2, ${label})`, error: "FieldError", field: "Private value", why: "x = 0 or 1 gives a public value of 1 or g, and p-1 gives ±1: anyone could read the secret off them." });
    }
  });
});
