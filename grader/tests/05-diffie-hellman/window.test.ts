/**
 * Hidden tests for 05-diffie-hellman/window: the odd-window decomposition of
 * the exponent, worked out here by hand and checked for its defining
 * properties, and the exponentiation against OpenSSL.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, expectTrue, rng, show } from "@teach";
import { MODP_GROUPS } from "@course/modp-groups.ts";
import { modPowWindow, windowDigits } from "@impl/05-diffie-hellman/window.ts";
import * as ref from "@ref/05-diffie-hellman/window.ts";
import { opensslPublic, testPrivate } from "./dh-oracle.ts";

const asBig = (b: Uint8Array) => BigInt("0x" + Buffer.from(b).toString("hex"));

describe("step 1: windowDigits", () => {
  test("0b1011000111 with 3-bit windows", () => {
    expectEqual(windowDigits(0b1011000111n, 3), [{ digit: 5, shift: 7 }, { digit: 1, shift: 6 }, { digit: 7, shift: 0 }], {
      what: "windowDigits(0b1011000111n, 3)",
      why: "from the top: 101 (5) ends at bit 7; then 1 followed by 00 is cut back to 1 (a window must end in a 1 bit), at bit 6; 000 is skipped; 111 (7) at bit 0.",
    });
  });
  test("small cases", () => {
    expectEqual(windowDigits(0n, 4), [], { what: "windowDigits(0n, 4)", why: "zero has no 1 bits, so no windows." });
    expectEqual(windowDigits(1n, 4), [{ digit: 1, shift: 0 }], { what: "windowDigits(1n, 4)" });
    expectEqual(windowDigits(0b10000n, 4), [{ digit: 1, shift: 4 }], { what: "windowDigits(0b10000n, 4)", why: "the window 1000 is cut back to 1; the four 0 bits below it cost squarings only." });
    expectEqual(windowDigits(0b11111111n, 1), Array.from({ length: 8 }, (_, i) => ({ digit: 1, shift: 7 - i })), { what: "windowDigits(0xffn, 1)", why: "with w = 1 every 1 bit is its own window: plain square and multiply." });
  });
  test("random exponents: odd digits below 2^w that add up to the exponent, from the top", () => {
    const r = rng("windowDigits");
    for (let i = 0; i < 40; i++) {
      const w = r.int(1, 8);
      const e = asBig(r.bytes(r.int(1, 40)));
      const got = windowDigits(e, w);
      expectEqual(got, ref.windowDigits(e, w), { what: `windowDigits(0x${e.toString(16)}n, ${w})` });
      let sum = 0n;
      let previous = Infinity;
      for (const { digit, shift } of got) {
        expectTrue(digit % 2 === 1 && digit < 2 ** w && shift < previous, `windowDigits(0x${e.toString(16)}n, ${w}) gave ${show(got)}: each digit must be odd, below 2^w, and the shifts must go down.`);
        sum += BigInt(digit) << BigInt(shift);
        previous = shift;
      }
      expectEqual(sum, e, { what: `the sum of digit << shift over windowDigits(0x${e.toString(16)}n, ${w})`, why: "the windows are the exponent, cut into pieces: together they must give it back." });
    }
  });
});

describe("step 2: modPowWindow", () => {
  test("small cases for every window size", () => {
    for (let w = 1; w <= 8; w++) {
      for (const [b, e, m, want] of [[5n, 3n, 23n, 10n], [2n, 10n, 1000n, 24n], [3n, 0n, 7n, 1n], [9n, 5n, 1n, 0n], [2n, 0b1011000111n, 1000003n, 2n ** 0b1011000111n % 1000003n]] as const) {
        expectEqual(modPowWindow(b, e, m, w), want, { what: `modPowWindow(${b}n, ${e}n, ${m}n, ${w})` });
      }
    }
  });
  test("the MODP groups, against OpenSSL, with the default window", () => {
    const r = rng("modPowWindow openssl");
    for (const group of MODP_GROUPS) {
      const x = testPrivate(group, r.bytes);
      expectEqual(modPowWindow(group.g, x, group.p), asBig(opensslPublic(group, x)), { what: `modPowWindow(2n, x, p) in group ${group.id}, x = 0x${x.toString(16).slice(0, 24)}...` });
    }
  });
});

describe("step 3: bad arguments", () => {
  test("window sizes 0, 9 and 2.5", () => {
    for (const w of [0, 9, 2.5]) expectThrows(() => windowDigits(5n, w), { what: `windowDigits(5n, ${w})`, error: "FieldError", field: "Window size", why: "the table of odd powers has 2^(w-1) entries: 1 to 8 bits keeps it between 1 and 128." });
  });
  test("a negative exponent, a modulus of 0", () => {
    expectThrows(() => windowDigits(-5n, 4), { what: "windowDigits(-5n, 4)", error: "FieldError", field: "Exponent" });
    expectThrows(() => modPowWindow(2n, 3n, 0n), { what: "modPowWindow(2n, 3n, 0n)", error: "FieldError", field: "Modulus" });
  });
});
