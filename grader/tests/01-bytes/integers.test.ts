/**
 * Hidden tests for 01-bytes/integers. Reads first (u8 → u64), then writes,
 * then the values and offsets that must be refused.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, isakmpHeaderLayout, rng } from "@teach";
import { readU16, readU32, readU64, readU8, writeU16, writeU32, writeU64, writeU8 } from "@impl/01-bytes/integers.ts";
import * as ref from "@ref/01-bytes/integers.ts";
import { MM1, truncation } from "./seed-vectors.ts";

const MM1_HEADER = MM1.subarray(0, 28);

describe("step 1: readU8 and readU16 read the most significant byte first", () => {
  test("Exchange type is the single byte at offset 18 of the header", () => {
    expectEqual(readU8(MM1_HEADER, 18, "Exchange type"), 2, {
      what: "readU8(main mode message 1 header, 18)",
      why: "2 is Identity Protection (Main Mode); one byte has no byte order to get wrong, but the offset must be honoured.",
    });
  });
  test("Payload length 60 of the SA payload is 00 3c", () => {
    expectEqual(readU16(fromHexLoose("0d 00 00 3c"), 2, "Payload length"), 60, {
      what: "readU16(0d 00 00 3c, 2)",
      why: "the seed's Security Association payload has Payload length: 60, sent as 00 3c: high byte first.",
    });
  });
  test("01 00 is 256, not 1 (network byte order, not little-endian)", () => {
    expectEqual(readU16(Uint8Array.of(0x01, 0x00), 0), 256, {
      what: "readU16(01 00, 0)",
      why: "your PC stores numbers little-endian, but the wire is big-endian (RFC 791 Appendix B): the first byte is the high one.",
    });
  });
  test("80 0e (the seed's Key-Length attribute type) is 32782, not negative", () => {
    expectEqual(readU16(fromHexLoose("80 0e 00 80"), 0), 0x800e, {
      what: "readU16(80 0e ..., 0)",
      why: "the top bit of an attribute type is the AF flag (RFC 2408 section 3.3), not a minus sign; all ISAKMP fields are unsigned.",
    });
    expectEqual(readU16(fromHexLoose("80 0e 00 80"), 2), 128, { what: "readU16(80 0e 00 80, 2): Key-Length 128" });
  });
  test("random bytes at random offsets agree with the reference", () => {
    const r = rng("readU8/readU16");
    for (let i = 0; i < 60; i++) {
      const buf = r.bytes(r.int(2, 20));
      const at = r.int(0, buf.length - 2);
      expectEqual(readU8(buf, at), ref.readU8(buf, at), { what: `readU8(${buf.length} random bytes, ${at})` });
      expectEqual(readU16(buf, at), ref.readU16(buf, at), { what: `readU16(${buf.length} random bytes, ${at})` });
    }
  });
});

describe("step 2: readU32 gives unsigned 32-bit numbers", () => {
  test("Length 168 at offset 24 of main mode message 1 (00 00 00 a8)", () => {
    expectEqual(readU32(MM1_HEADER, 24, "Length"), 168, {
      what: "readU32(main mode message 1 header, 24)",
      why: "Wireshark shows Length: 168 for this message; the header's last four bytes are 00 00 00 a8.",
    });
  });
  test("the quick mode Message ID e2 2a 74 c1 is 3794433217, not negative", () => {
    expectEqual(readU32(fromHexLoose("e22a74c1"), 0, "Message ID"), 3794433217, {
      what: "readU32(e2 2a 74 c1, 0)",
      why: "in JavaScript `0xe2 << 24` is negative (shifts make signed 32-bit numbers). A negative Message ID never matches 0xe22a74c1, so phase 2 would never find its exchange. Multiply by 0x1000000 or finish with `>>> 0`.",
    });
  });
  test("Life-Duration 86400 is 00 01 51 80", () => {
    expectEqual(readU32(fromHexLoose("000c 0004 00015180"), 4, "Life-Duration"), 86400, {
      what: "readU32(00 0c 00 04 00 01 51 80, 4)",
      why: "the seed's phase 1 lifetime, 86400 seconds (one day), sits after the attribute's type and length.",
    });
  });
  test("ff ff ff ff is 4294967295, the largest u32", () => {
    expectEqual(readU32(fromHexLoose("ffffffff"), 0), 4294967295, { what: "readU32(ff ff ff ff, 0)" });
  });
  test("random bytes at random offsets agree with the reference", () => {
    const r = rng("readU32");
    for (let i = 0; i < 80; i++) {
      const buf = r.bytes(r.int(4, 24));
      const at = r.int(0, buf.length - 4);
      expectEqual(readU32(buf, at), ref.readU32(buf, at), { what: `readU32(${buf.length} random bytes, ${at})` });
    }
  });
});

describe("step 3: readU64 returns a bigint", () => {
  test("the initiator SPI e47a59ffd057587f as one 64-bit number", () => {
    expectEqual(readU64(MM1_HEADER, 0, "Initiator SPI"), 0xe47a59ffd057587fn, {
      what: "readU64(main mode message 1 header, 0)",
      why: "a JS number holds only 53 bits exactly; 64-bit values need BigInt, or the low bits of the SPI are silently lost.",
    });
  });
  test("all ones is 2^64 - 1", () => {
    expectEqual(readU64(new Uint8Array(8).fill(0xff), 0), 0xffff_ffff_ffff_ffffn, { what: "readU64(ff × 8, 0)" });
  });
  test("random bytes agree with the reference", () => {
    const r = rng("readU64");
    for (let i = 0; i < 50; i++) {
      const buf = r.bytes(r.int(8, 20));
      const at = r.int(0, buf.length - 8);
      expectEqual(readU64(buf, at), ref.readU64(buf, at), { what: `readU64(${buf.length} random bytes, ${at})` });
    }
  });
});

describe("step 4: writes put the high byte first and touch nothing else", () => {
  test("writing Length 168 completes the main mode message 1 header", () => {
    const header = MM1_HEADER.slice();
    header.fill(0, 24);
    writeU32(header, 24, 168, "Length");
    expectBytes(header, MM1_HEADER, {
      what: "the header after writeU32(header, 24, 168)",
      layout: isakmpHeaderLayout,
      why: "a peer reads 00 00 00 a8 as 168; little-endian a8 00 00 00 would claim a message of 2.8 billion bytes.",
    });
  });
  test("the seed's values: Message ID, Life-Duration, Key-Length, Exchange type, SPI", () => {
    const cases: [string, (b: Uint8Array) => void, number, string][] = [
      ["writeU32(0xe22a74c1)", (b) => writeU32(b, 0, 0xe22a74c1, "Message ID"), 4, "e22a74c1"],
      ["writeU32(86400)", (b) => writeU32(b, 0, 86400, "Life-Duration"), 4, "00015180"],
      ["writeU16(128)", (b) => writeU16(b, 0, 128, "Key-Length"), 2, "0080"],
      ["writeU8(2)", (b) => writeU8(b, 0, 2, "Exchange type"), 1, "02"],
      ["writeU64(0xa00b8ef0902bb8ecn)", (b) => writeU64(b, 0, 0xa00b8ef0902bb8ecn, "Responder SPI"), 8, "a00b8ef0902bb8ec"],
    ];
    for (const [what, write, size, want] of cases) {
      const buf = new Uint8Array(size);
      write(buf);
      expectBytes(buf, fromHexLoose(want), { what, why: "network byte order: the most significant byte goes first (RFC 791 Appendix B)." });
    }
  });
  test("a write changes only its own bytes", () => {
    const buf = new Uint8Array(10).fill(0xee);
    writeU16(buf, 3, 0x1234);
    writeU32(buf, 6, 0);
    expectBytes(buf, fromHexLoose("eeeeee 1234 ee 00000000"), {
      what: "ee × 10 after writeU16(buf, 3, 0x1234) and writeU32(buf, 6, 0)",
      why: "fields sit side by side in a header; spilling into a neighbour corrupts it.",
    });
  });
  test("random writes agree with the reference", () => {
    const r = rng("write");
    for (let i = 0; i < 50; i++) {
      const size = r.int(8, 16);
      const got = new Uint8Array(size);
      const want = new Uint8Array(size);
      const v8 = r.int(0, 0xff), v16 = r.int(0, 0xffff), v32 = r.int(0, 0xffffffff);
      const v64 = ref.readU64(r.bytes(8), 0);
      const at = r.int(0, size - 8);
      for (const [buf, w] of [[got, { writeU8, writeU16, writeU32, writeU64 }], [want, ref]] as const) {
        w.writeU32(buf, size - 4, v32);
        w.writeU64(buf, at, v64);
        w.writeU16(buf, 0, v16);
        w.writeU8(buf, size - 1, v8);
      }
      expectBytes(got, want, { what: `u64 ${v64} at ${at}, u32 ${v32}, u16 ${v16}, u8 ${v8} into ${size} bytes` });
    }
  });
  test("round trip: what writeU32 writes, readU32 reads back", () => {
    const r = rng("roundtrip");
    for (let i = 0; i < 50; i++) {
      const v = r.int(0, 0xffffffff);
      const buf = new Uint8Array(4);
      writeU32(buf, 0, v);
      expectEqual(readU32(buf, 0), v, { what: `readU32 after writeU32(${v})` });
    }
  });
});

describe("step 5: values that do not fit are refused with a FieldError", () => {
  test("0 and the largest value of each size are accepted", () => {
    const buf = new Uint8Array(8);
    writeU8(buf, 0, 0xff);
    writeU16(buf, 0, 0xffff);
    writeU32(buf, 0, 0xffffffff);
    writeU64(buf, 0, 0xffff_ffff_ffff_ffffn);
    writeU32(buf, 4, 0);
    expectBytes(buf, fromHexLoose("ffffffff 00000000"), { what: "buffer after writing the maximum values, then 0 at offset 4" });
  });
  test("one more than the largest value", () => {
    const buf = new Uint8Array(8);
    expectThrows(() => writeU8(buf, 0, 256, "Next payload"), {
      what: "writeU8(buf, 0, 256)",
      error: "FieldError",
      field: "Next payload",
      why: "256 needs 9 bits; storing only its low 8 would send 0, a different payload type, without a word.",
    });
    expectThrows(() => writeU16(buf, 0, 65536, "Payload length"), { what: "writeU16(buf, 0, 65536)", error: "FieldError", field: "Payload length" });
    expectThrows(() => writeU32(buf, 0, 2 ** 32, "Length"), { what: "writeU32(buf, 0, 2^32)", error: "FieldError", field: "Length" });
    expectThrows(() => writeU64(buf, 0, 2n ** 64n, "Initiator SPI"), { what: "writeU64(buf, 0, 2^64)", error: "FieldError", field: "Initiator SPI" });
  });
  test("negative and fractional values", () => {
    const buf = new Uint8Array(8);
    expectThrows(() => writeU32(buf, 0, -1, "Message ID"), {
      what: "writeU32(buf, 0, -1)",
      error: "FieldError",
      field: "Message ID",
      why: "-1 is a sign that a signed number crept in (for example from `<<`); writing it as ff ff ff ff would hide the bug.",
    });
    expectThrows(() => writeU16(buf, 0, 1.5, "Payload length"), { what: "writeU16(buf, 0, 1.5)", error: "FieldError", field: "Payload length" });
    expectThrows(() => writeU8(buf, 0, NaN, "Flags"), { what: "writeU8(buf, 0, NaN)", error: "FieldError", field: "Flags" });
    expectThrows(() => writeU64(buf, 0, -1n, "Responder SPI"), { what: "writeU64(buf, 0, -1n)", error: "FieldError", field: "Responder SPI" });
  });
  test("without a field name the error names the size: u8, u16, u32, u64", () => {
    const buf = new Uint8Array(8);
    expectThrows(() => writeU8(buf, 0, -1), { what: "writeU8(buf, 0, -1)", error: "FieldError", field: "u8" });
    expectThrows(() => writeU16(buf, 0, -1), { what: "writeU16(buf, 0, -1)", error: "FieldError", field: "u16" });
    expectThrows(() => writeU32(buf, 0, -1), { what: "writeU32(buf, 0, -1)", error: "FieldError", field: "u32" });
    expectThrows(() => writeU64(buf, 0, -1n), { what: "writeU64(buf, 0, -1n)", error: "FieldError", field: "u64" });
  });
  test("a refused write leaves the buffer unchanged", () => {
    const buf = new Uint8Array(4).fill(0xee);
    expectThrows(() => writeU32(buf, 0, 2 ** 32 + 5, "Length"), { what: "writeU32(buf, 0, 2^32 + 5)", error: "FieldError", field: "Length" });
    expectBytes(buf, fromHexLoose("eeeeeeee"), { what: "the buffer after the refused write", why: "check the value before touching any byte." });
  });
});

describe("step 6: offsets past the end are refused with a TruncatedError", () => {
  test("a header cut one byte short cannot give its Length", () => {
    const cut = MM1_HEADER.subarray(0, 27);
    const e = truncation(() => readU32(cut, 24, "Length"), "readU32(27-byte header, 24)", "Length",
      "a datagram cut short must be reported, not padded with zeros or undefined: Wireshark would mark it [Malformed Packet].");
    expectEqual({ offset: e.offset, needed: e.needed, available: e.available }, { offset: 24, needed: 4, available: 3 }, {
      what: "the TruncatedError's offset, needed and available",
      why: "these numbers tell the reader of the log exactly how short the packet was.",
    });
  });
  test("every size checks its own room", () => {
    const buf = new Uint8Array(8);
    truncation(() => readU8(buf, 8, "Flags"), "readU8(8 bytes, 8)", "Flags");
    truncation(() => readU16(buf, 7, "Payload length"), "readU16(8 bytes, 7)", "Payload length");
    truncation(() => readU64(buf, 1, "Responder SPI"), "readU64(8 bytes, 1)", "Responder SPI");
    truncation(() => readU32(new Uint8Array(0), 0), "readU32(no bytes, 0)", "u32");
    const far = truncation(() => readU16(buf, 100), "readU16(8 bytes, 100)", "u16");
    expectEqual(far.available, 0, { what: "available, for an offset far beyond the end", why: "nothing remains there; a negative count means nothing." });
  });
  test("writes check their room too, and leave the buffer alone", () => {
    const buf = new Uint8Array(26).fill(0xee);
    truncation(() => writeU32(buf, 24, 168, "Length"), "writeU32(26 bytes, 24, 168)", "Length",
      "writing past the end of a Uint8Array is silently ignored by JavaScript: the field would simply be missing.");
    truncation(() => writeU64(buf, 20, 1n, "Initiator SPI"), "writeU64(26 bytes, 20, 1n)", "Initiator SPI");
    expectBytes(buf, new Uint8Array(26).fill(0xee), { what: "the buffer after the refused writes" });
  });
  test("a negative or fractional offset is a FieldError", () => {
    const buf = new Uint8Array(8);
    expectThrows(() => readU16(buf, -1, "Payload length"), {
      what: "readU16(buf, -1)",
      error: "FieldError",
      field: "Payload length",
      why: "buf[-1] is undefined in JavaScript, not an error: check offsets yourself.",
    });
    expectThrows(() => readU32(buf, 1.5, "Length"), { what: "readU32(buf, 1.5)", error: "FieldError", field: "Length" });
    expectThrows(() => writeU8(buf, -1, 0, "Flags"), { what: "writeU8(buf, -1, 0)", error: "FieldError", field: "Flags" });
  });
});
