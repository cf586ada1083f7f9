/**
 * Hidden tests for 01-bytes/hex. Read as a story: each step builds on the
 * one before, and the first failure is the one the learner sees.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { fromHex, toHex } from "@impl/01-bytes/hex.ts";
import * as ref from "@ref/01-bytes/hex.ts";

// The seed's main mode cookies, as Wireshark prints them.
const CKY_I = "e47a59ffd057587f";
const CKY_R = "a00b8ef0902bb8ec";

describe("step 1: toHex writes bytes the way Wireshark shows them", () => {
  test("the seed's initiator SPI e47a59ffd057587f", () => {
    expectEqual(toHex(fromHexLoose(CKY_I)), CKY_I, {
      what: "toHex(initiator SPI bytes)",
      why: "Wireshark prints the 8 SPI bytes as 16 lower-case hex digits; a learner compares their output with a capture this way.",
    });
  });
  test("every byte takes two digits, even 0x00 and 0x0f", () => {
    expectEqual(toHex(Uint8Array.of(0x00, 0x0f, 0x10, 0xff)), "000f10ff", {
      what: "toHex([0x00, 0x0f, 0x10, 0xff])",
      why: "0x0f must become \"0f\", not \"f\": without the leading zero the next byte's digits slide left and every later field is misread.",
    });
  });
  test("no bytes, no text", () => {
    expectEqual(toHex(new Uint8Array(0)), "", { what: "toHex(empty)" });
  });
  test("random bytes agree with the reference", () => {
    const r = rng("toHex");
    for (let i = 0; i < 50; i++) {
      const b = r.bytes(r.int(1, 40));
      expectEqual(toHex(b), ref.toHex(b), { what: `toHex(${b.length} random bytes)` });
    }
  });
});

describe("step 2: fromHex reads hex text back into bytes", () => {
  test("the seed's responder SPI a00b8ef0902bb8ec", () => {
    expectBytes(fromHex(CKY_R), fromHexLoose(CKY_R), { what: "fromHex(responder SPI)" });
  });
  test("upper case, spaces and colons are accepted", () => {
    expectBytes(fromHex("A0 0B:8E F0"), Uint8Array.of(0xa0, 0x0b, 0x8e, 0xf0), {
      what: 'fromHex("A0 0B:8E F0")',
      why: "hex copied from Wireshark's bytes pane or from a router's debug output comes in all these forms.",
    });
  });
  test("round trip: fromHex(toHex(x)) is x for random bytes", () => {
    const r = rng("fromHex");
    for (let i = 0; i < 50; i++) {
      const b = r.bytes(r.int(0, 64));
      const text = ref.toHex(b);
      const spaced = r.next() < 0.5 ? text.toUpperCase() : text.replace(/(..)(?=.)/g, "$1 ");
      expectBytes(fromHex(spaced), b, { what: `fromHex(${JSON.stringify(spaced.slice(0, 24))}...)` });
    }
  });
});

describe("step 3: bad hex is rejected, never guessed", () => {
  test("an odd number of digits", () => {
    expectThrows(() => fromHex("e47a5"), {
      what: 'fromHex("e47a5")',
      error: "TextFormatError",
      field: "hex text",
      why: "five digits cannot be whole bytes; silently dropping or padding one would shift every later field.",
    });
  });
  test("a character that is not a hex digit", () => {
    expectThrows(() => fromHex("e47g"), { what: 'fromHex("e47g")', error: "TextFormatError", field: "hex text" });
    expectThrows(() => fromHex("0x1234"), {
      what: 'fromHex("0x1234")',
      error: "TextFormatError",
      field: "hex text",
      why: "the 0x prefix belongs to one number in source code; in a hex stream the x is simply not a digit.",
    });
  });
});
