/**
 * Hidden tests for 05-diffie-hellman/modpow: square and multiply on BigInt.
 * Small cases are worked out here by hand; the big ones are checked against
 * OpenSSL's Diffie-Hellman with the real MODP primes.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng } from "@teach";
import { MODP_GROUPS, modpGroup } from "@course/modp-groups.ts";
import { modPow } from "@impl/05-diffie-hellman/modpow.ts";
import { opensslPublic, testPrivate } from "./dh-oracle.ts";

const asBig = (b: Uint8Array) => BigInt("0x" + (Buffer.from(b).toString("hex") || "0"));

describe("step 1: small numbers you can check on paper", () => {
  const cases: [bigint, bigint, bigint, bigint, string][] = [
    [2n, 10n, 1000n, 24n, "2^10 = 1024, and 1024 mod 1000 = 24"],
    [3n, 4n, 7n, 4n, "3^4 = 81 = 11*7 + 4"],
    [5n, 3n, 23n, 10n, "the classic textbook Diffie-Hellman: g = 5, p = 23, 5^3 = 125 = 5*23 + 10"],
    [5n, 0n, 23n, 1n, "anything to the power 0 is 1"],
    [0n, 5n, 23n, 0n, "0 to any positive power is 0"],
    [7n, 1n, 5n, 2n, "the base itself, reduced: 7 mod 5 = 2"],
    [123456789n, 3n, 1n, 0n, "every number is 0 mod 1 (so the start value must be 1 % modulus, not 1)"],
    [-2n, 3n, 7n, 6n, "(-2)^3 = -8, which is 6 mod 7: bring the base into 0..m-1 first"],
  ];
  for (const [b, e, m, want, why] of cases) {
    test(`${b}^${e} mod ${m}`, () => {
      expectEqual(modPow(b, e, m), want, { what: `modPow(${b}n, ${e}n, ${m}n)`, why });
    });
  }
});

describe("step 2: the MODP groups, against OpenSSL", () => {
  test("g^x mod p for every group, for random private values", () => {
    const r = rng("modPow openssl");
    for (const group of MODP_GROUPS) {
      for (let i = 0; i < 2; i++) {
        const x = testPrivate(group, r.bytes);
        expectEqual(modPow(group.g, x, group.p), asBig(opensslPublic(group, x)), {
          what: `modPow(2n, x, p) in group ${group.id} (${group.bits}-bit prime), x = 0x${x.toString(16).slice(0, 24)}...`,
          why: "OpenSSL computed the same public value with the same prime and private value; a difference means a bit of the exponent was skipped or read in the wrong order.",
        });
      }
    }
  });
  test("Fermat's little theorem: a^(p-1) = 1 mod p for the group 2 prime", () => {
    const p = modpGroup(2).p;
    const r = rng("modPow fermat");
    for (let i = 0; i < 3; i++) {
      const a = asBig(r.bytes(64)) + 2n;
      expectEqual(modPow(a, p - 1n, p), 1n, { what: `modPow(a, p-1, p) with a = 0x${a.toString(16).slice(0, 16)}...`, why: "p is prime, so any a not divisible by p gives 1: an exponent with 1024 bits, nearly all 1s, exercises every step." });
    }
  });
  test("the safe-prime property: 2^q = 1 mod p with q = (p-1)/2, so g = 2 generates the order-q subgroup", () => {
    for (const group of MODP_GROUPS) {
      expectEqual(modPow(2n, (group.p - 1n) / 2n, group.p), 1n, { what: `modPow(2n, (p-1)/2, p) in group ${group.id}` });
    }
  });
});

describe("step 3: bad arguments", () => {
  test("a negative exponent", () => {
    expectThrows(() => modPow(2n, -1n, 23n), { what: "modPow(2n, -1n, 23n)", error: "FieldError", field: "Exponent", why: "a negative power would need a modular inverse; Diffie-Hellman never needs one." });
  });
  test("a modulus of 0 or less", () => {
    expectThrows(() => modPow(2n, 3n, 0n), { what: "modPow(2n, 3n, 0n)", error: "FieldError", field: "Modulus", why: "x mod 0 is undefined (BigInt throws a RangeError: catch the case first)." });
    expectThrows(() => modPow(2n, 3n, -7n), { what: "modPow(2n, 3n, -7n)", error: "FieldError", field: "Modulus" });
  });
});
