/**
 * The teaching assertions are what a learner reads when a test fails, so
 * their messages are tested word for word where it matters.
 */
import { describe, expect, test } from "vitest";
import { diffDump, expectBytes, expectEqual, expectThrows, fromHexLoose, isakmpHeaderLayout, rng, TeachingError } from "../src/teach/index.ts";
import { FieldError } from "../support/errors.ts";
import { TodoError } from "../support/todo.ts";

const MM1 = fromHexLoose("e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 000000a8");

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TeachingError);
    return (e as Error).message;
  }
  throw new Error("expected a TeachingError");
}

describe("expectBytes names the first wrong field in Wireshark's words", () => {
  test("a wrong exchange type", () => {
    const got = MM1.slice();
    got[18] = 0x04;
    const msg = messageOf(() => expectBytes(got, MM1, { what: "the ISAKMP header", layout: isakmpHeaderLayout, why: "main mode is exchange type 2" }));
    expect(msg).toContain(
      'byte 18 is wrong, in field "Exchange type" (isakmp.exchangetype), bytes 18-18: got 0x04 = Aggressive (4), want 0x02 = Identity Protection (Main Mode) (2)',
    );
    expect(msg).toContain("Why it matters: main mode is exchange type 2");
    expect(msg).toContain("^^");
  });
  test("too few bytes names the first missing field", () => {
    const msg = messageOf(() => expectBytes(MM1.subarray(0, 24), MM1, { what: "the header", layout: isakmpHeaderLayout }));
    expect(msg).toMatch(/too few: 28 expected\. The first missing byte belongs to "Length"/);
  });
  test("extra bytes", () => {
    const longer = new Uint8Array(30);
    longer.set(MM1);
    expect(messageOf(() => expectBytes(longer, MM1, { what: "the header" }))).toMatch(/2 extra byte/);
  });
  test("not bytes at all", () => {
    expect(messageOf(() => expectBytes("e47a", MM1, { what: "encodeHeader(...)" }))).toMatch(/expected a Uint8Array of 28 bytes, got "e47a"/);
  });
  test("equal bytes pass silently", () => {
    expect(() => expectBytes(MM1.slice(), MM1, { what: "x" })).not.toThrow();
  });
});

describe("diffDump marks every differing byte", () => {
  test("markers sit under the differing byte in both columns", () => {
    const [, data, marks] = diffDump(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3)).split("\n");
    expect(data).toMatch(/^0000 {4}01 02 03 +01 09 03$/);
    const carets = [...marks!.matchAll(/\^\^/g)].map((m) => m.index);
    expect(carets).toEqual([data!.indexOf("02"), data!.indexOf("09")]);
  });
});

describe("expectEqual", () => {
  test("bytes, bigints and objects compare by value", () => {
    expect(() => expectEqual({ a: Uint8Array.of(1), b: 5n }, { a: Uint8Array.of(1), b: 5n }, { what: "x" })).not.toThrow();
    expect(messageOf(() => expectEqual(3794433217, -500534079, { what: "readU32(message ID)" }))).toBe(
      "readU32(message ID): got 3794433217 (0xe22a74c1), want -500534079.",
    );
  });
  test("undefined says the function forgot to return", () => {
    expect(messageOf(() => expectEqual(undefined, "x", { what: "toHex(...)" }))).toMatch(/forget to return/);
  });
});

describe("expectThrows", () => {
  test("accepts the right error naming the right field", () => {
    expect(() => expectThrows(() => { throw new FieldError("Version", 0x20, "major version must be 1"); }, { what: "decode", error: "FieldError", field: "Version" })).not.toThrow();
  });
  test("says when nothing was thrown", () => {
    expect(messageOf(() => expectThrows(() => 5, { what: "decode(bad)", error: "FieldError", field: "Length" }))).toBe(
      'decode(bad) should be rejected with a FieldError naming the field "Length", but it returned 5 (0x5).',
    );
  });
  test("says when the wrong field is named", () => {
    const msg = messageOf(() => expectThrows(() => { throw new FieldError("Flags", 8, "reserved"); }, { what: "d", error: "FieldError", field: "Length" }));
    expect(msg).toMatch(/names the field "Flags"; it should name "Length"/);
  });
  test("a plain Error is not a typed error", () => {
    expect(messageOf(() => expectThrows(() => { throw new Error("bad"); }, { what: "d", error: "TruncatedError" }))).toMatch(/but it threw Error: bad/);
  });
  test("todo() passes through untouched, so the grader can say 'not written yet'", () => {
    expect(() => expectThrows(() => { throw new TodoError("fromHex"); }, { what: "d", error: "TextFormatError" })).toThrow(TodoError);
  });
});

describe("seeded randomness", () => {
  test("same label and seed, same stream; other label, other stream", () => {
    expect(rng("a", 7).bytes(16)).toEqual(rng("a", 7).bytes(16));
    expect(rng("a", 7).bytes(16)).not.toEqual(rng("b", 7).bytes(16));
    expect(rng("a", 7).bytes(16)).not.toEqual(rng("a", 8).bytes(16));
  });
  test("int stays within bounds, both ends reachable", () => {
    const r = rng("bounds", 1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 6);
      expect(n >= 3 && n <= 6).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});
