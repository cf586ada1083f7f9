/**
 * Hidden tests for 02-isakmp-header/version-flags: byte 17 (Version) and
 * byte 19 (Flags) of the ISAKMP header, RFC 2408 section 3.1.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng } from "@teach";
import { decodeFlags, decodeVersion, encodeFlags, encodeVersion, type Flags } from "@impl/02-isakmp-header/version-flags.ts";
import * as ref from "@ref/02-isakmp-header/version-flags.ts";

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, "0")}`;

/** Every combination of the three flags, with the byte worked out by hand. */
const FLAG_CASES: readonly { flags: Flags; byte: number; name: string }[] = [0, 1, 2, 3, 4, 5, 6, 7].map((byte) => ({
  byte,
  flags: { encryption: (byte & 1) !== 0, commit: (byte & 2) !== 0, authenticationOnly: (byte & 4) !== 0 },
  name: ["E", "C", "A"].filter((_, i) => (byte >> i) & 1).join("+") || "none",
}));

describe("step 1: the version byte packs two 4-bit numbers", () => {
  test("IKEv1 is version 1.0, sent as 0x10", () => {
    expectEqual(encodeVersion({ major: 1, minor: 0 }), 0x10, {
      what: "encodeVersion({ major: 1, minor: 0 })",
      why: "every message in the seed's captures carries 0x10 in byte 17, which Wireshark prints as \"Version: 1.0\". The major version sits in the high 4 bits: 1 << 4 = 0x10.",
    });
  });
  test("0x10 reads back as major 1, minor 0", () => {
    expectEqual(decodeVersion(0x10), { major: 1, minor: 0 }, {
      what: "decodeVersion(0x10)",
      why: "the high nibble (byte >> 4) is the major version, the low nibble (byte & 0x0f) the minor.",
    });
  });
  test("the two halves do not mix: 2.3 is 0x23, 0.15 is 0x0f, 15.0 is 0xf0", () => {
    for (const [major, minor, byte] of [[2, 3, 0x23], [0, 15, 0x0f], [15, 0, 0xf0], [15, 15, 0xff], [0, 0, 0x00]] as const) {
      expectEqual(encodeVersion({ major, minor }), byte, {
        what: `encodeVersion({ major: ${major}, minor: ${minor} })`,
        why: "the major version goes to bits 4-7 and the minor to bits 0-3; adding them without shifting, or shifting the wrong one, gives a different byte.",
      });
      expectEqual(decodeVersion(byte), { major, minor }, { what: `decodeVersion(${hex2(byte)})` });
    }
  });
  test("all 256 bytes survive decode then encode, and agree with the reference", () => {
    for (let byte = 0; byte < 256; byte++) {
      const v = decodeVersion(byte);
      expectEqual(v, ref.decodeVersion(byte), { what: `decodeVersion(${hex2(byte)})` });
      expectEqual(encodeVersion(v), byte, { what: `encodeVersion(decodeVersion(${hex2(byte)}))` });
    }
  });
  test("random versions agree with the reference", () => {
    const r = rng("encodeVersion");
    for (let i = 0; i < 40; i++) {
      const v = { major: r.int(0, 15), minor: r.int(0, 15) };
      expectEqual(encodeVersion(v), ref.encodeVersion(v), { what: `encodeVersion({ major: ${v.major}, minor: ${v.minor} })` });
    }
  });
});

describe("step 2: a version part that does not fit in 4 bits is refused", () => {
  const bad: readonly [string, number, number][] = [
    ["major 16", 16, 0],
    ["minor 16", 1, 16],
    ["major -1", -1, 0],
    ["minor 1.5", 1, 1.5],
    ["major NaN", NaN, 0],
  ];
  for (const [label, major, minor] of bad) {
    test(label, () => {
      expectThrows(() => encodeVersion({ major, minor }), {
        what: `encodeVersion({ major: ${major}, minor: ${minor} })`,
        error: "FieldError",
        field: "Version",
        why: "each part has only 4 bits (0 to 15). Major 16 would spill into the byte's 5th bit, or past the byte; quietly masking it would send a version you did not mean.",
      });
    });
  }
});

describe("step 3: the flags byte: E = 0x01, C = 0x02, A = 0x04", () => {
  test("no flags is 0x00, as in main mode messages 1 to 4", () => {
    expectEqual(encodeFlags(FLAG_CASES[0]!.flags), 0x00, { what: "encodeFlags(no flags)" });
  });
  test("the Encryption flag alone is 0x01, as in main mode messages 5 and 6", () => {
    expectEqual(encodeFlags({ encryption: true, commit: false, authenticationOnly: false }), 0x01, {
      what: "encodeFlags({ encryption: true })",
      why: "RFC 2408 numbers the flags from the least significant bit: E is bit 0. The seed's messages 5 and 6 show \"Flags: 0x01\" because everything after their header is encrypted.",
    });
  });
  test("Commit is bit 1 (0x02), Authentication Only is bit 2 (0x04)", () => {
    expectEqual(encodeFlags({ encryption: false, commit: true, authenticationOnly: false }), 0x02, {
      what: "encodeFlags({ commit: true })",
      why: "bit 1 is worth 2. Counting bits from the most significant end would give 0x40 instead.",
    });
    expectEqual(encodeFlags({ encryption: false, commit: false, authenticationOnly: true }), 0x04, { what: "encodeFlags({ authenticationOnly: true })" });
  });
  test("all eight combinations, both ways", () => {
    for (const c of FLAG_CASES) {
      expectEqual(encodeFlags(c.flags), c.byte, { what: `encodeFlags(${c.name})`, why: "each flag is its own bit; combined flags are OR-ed together." });
      expectEqual(decodeFlags(c.byte), c.flags, { what: `decodeFlags(${hex2(c.byte)})`, why: "each flag is true exactly when its bit is set." });
    }
  });
});

describe("step 4: reserved flag bits are refused", () => {
  test("0x08, the first reserved bit", () => {
    expectThrows(() => decodeFlags(0x08), {
      what: "decodeFlags(0x08)",
      error: "FieldError",
      field: "Flags",
      why: "RFC 2408 section 3.1 defines bits 0-2 only and says the others MUST be zero. A set reserved bit means a peer or a corrupted byte you do not understand: refuse it rather than guess.",
    });
  });
  test("0x80 and 0xf9: a reserved bit next to valid ones is still refused", () => {
    for (const byte of [0x80, 0xf9, 0x09, 0xff]) {
      expectThrows(() => decodeFlags(byte), {
        what: `decodeFlags(${hex2(byte)})`,
        error: "FieldError",
        field: "Flags",
        why: "ignoring the reserved bits (byte & 0x07) would accept this byte; check that nothing outside 0x07 is set.",
      });
    }
  });
  test("every byte from 0x08 to 0xff is refused", () => {
    for (let byte = 0x08; byte <= 0xff; byte++) {
      expectThrows(() => decodeFlags(byte), { what: `decodeFlags(${hex2(byte)})`, error: "FieldError", field: "Flags" });
    }
  });
});
