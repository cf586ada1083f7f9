/**
 * Hidden tests for 01-bytes/writer: append fields, hand back exactly what was
 * written, refuse values that do not fit, and fill lengths in last, up to the
 * whole of the seed's main mode message 1.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, fromHexLoose, isakmpHeaderLayout, rng, type Layout } from "@teach";
import { ByteWriter } from "@impl/01-bytes/writer.ts";
import * as ref from "@ref/01-bytes/writer.ts";
import { MM1, MM1_VENDOR_IDS } from "./seed-vectors.ts";

/** Field names for all 168 bytes of main mode message 1, so a wrong byte is named. */
const MM1_LAYOUT: Layout = [
  ...isakmpHeaderLayout,
  { name: "SA: Next payload", offset: 28, length: 1 },
  { name: "SA: Reserved", offset: 29, length: 1 },
  { name: "SA: Payload length", offset: 30, length: 2 },
  { name: "Domain of interpretation", offset: 32, length: 4 },
  { name: "Situation", offset: 36, length: 4 },
  { name: "Proposal: Next payload", offset: 40, length: 1 },
  { name: "Proposal: Reserved", offset: 41, length: 1 },
  { name: "Proposal: Payload length", offset: 42, length: 2 },
  { name: "Proposal number, Protocol ID, SPI size, Proposal transforms", offset: 44, length: 4 },
  { name: "Transform: Next payload", offset: 48, length: 1 },
  { name: "Transform: Reserved", offset: 49, length: 1 },
  { name: "Transform: Payload length", offset: 50, length: 2 },
  { name: "Transform number, Transform ID, Reserved", offset: 52, length: 4 },
  { name: "Transform attributes", offset: 56, length: 32 },
  ...MM1_VENDOR_IDS.flatMap((_, i) => {
    const at = 88 + 20 * i;
    return [
      { name: `Vendor ID #${i + 1}: Next payload`, offset: at, length: 1 },
      { name: `Vendor ID #${i + 1}: Reserved`, offset: at + 1, length: 1 },
      { name: `Vendor ID #${i + 1}: Payload length`, offset: at + 2, length: 2 },
      { name: `Vendor ID #${i + 1}`, offset: at + 4, length: 16 },
    ];
  }),
];

/** The SA's six TV attributes: type (without the AF bit), value (RFC 2409 Appendix A). */
const TV_ATTRIBUTES: [number, number][] = [[1, 7], [14, 128], [2, 2], [4, 2], [3, 1], [11, 1]];

/** Writes a payload's generic header and body, and fills its Payload length in last (RFC 2408 section 3.2). */
function payload(w: ByteWriter, nextPayload: number, body: () => void): void {
  const start = w.length;
  w.u8(nextPayload, "Next payload").u8(0, "Reserved");
  const length = w.placeholder16("Payload length");
  body();
  length(w.length - start);
}

describe("step 1: append fields in network byte order", () => {
  test("the ISAKMP header of main mode message 1, field by field", () => {
    const w = new ByteWriter();
    w.bytes(MM1.subarray(0, 8)).u64(0n, "Responder SPI");
    w.u8(1, "Next payload").u8(0x10, "Version").u8(2, "Exchange type").u8(0, "Flags");
    w.u32(0, "Message ID").u32(168, "Length");
    expectEqual(w.length, 28, { what: "length after the header", why: "the ISAKMP header is always 28 bytes (RFC 2408 section 3.1)." });
    expectBytes(w.finish(), MM1.subarray(0, 28), { what: "the header you wrote", layout: isakmpHeaderLayout });
  });
  test("every append returns the writer itself, so calls chain", () => {
    const w = new ByteWriter();
    const returned = [w.u8(1), w.u16(2), w.u32(3), w.u64(4n), w.bytes(new Uint8Array(1))];
    expectTrue(returned.every((x) => x === w), "u8, u16, u32, u64 and bytes must each `return this`.",
      "chained calls like w.u8(1).u8(0x10) are how the rest of the course builds headers.");
    expectBytes(w.finish(), fromHexLoose("01 0002 00000003 0000000000000004 00"), { what: "u8(1) u16(2) u32(3) u64(4n) bytes([0])" });
  });
  test("the seed's big numbers: Message ID 0xe22a74c1, Life-Duration 86400", () => {
    const w = new ByteWriter().u32(0xe22a74c1, "Message ID").u16(12).u16(4).u32(86400, "Life-Duration");
    expectBytes(w.finish(), fromHexLoose("e22a74c1 000c 0004 00015180"), {
      what: "u32(0xe22a74c1) then the Life-Duration attribute",
      why: "0xe22a74c1 does not fit a signed 32-bit number; it must still come out as e2 2a 74 c1.",
    });
  });
  test("random appends agree with the reference", () => {
    const r = rng("writer-random");
    for (let round = 0; round < 30; round++) {
      const mine = new ByteWriter();
      const theirs = new ref.ByteWriter();
      for (let step = r.int(0, 30); step > 0; step--) {
        const op = r.int(0, 4);
        const data = r.bytes(r.int(0, 9));
        const v = r.int(0, 0xffffffff);
        for (const w of [mine, theirs]) {
          if (op === 0) w.u8(v & 0xff);
          else if (op === 1) w.u16(v & 0xffff);
          else if (op === 2) w.u32(v);
          else if (op === 3) w.u64((BigInt(v) << 32n) | BigInt(data.length));
          else w.bytes(data);
        }
      }
      expectBytes(mine.finish(), theirs.finish(), { what: `${theirs.length} bytes of random appends` });
    }
  });
});

describe("step 2: finish() hands back a copy of exactly what was written", () => {
  test("exactly `length` bytes, not the whole buffer", () => {
    expectBytes(new ByteWriter().finish(), new Uint8Array(0), { what: "finish() of an empty writer", why: "the spare room at the end of the buffer is not part of the message." });
    expectBytes(new ByteWriter().u16(60).finish(), fromHexLoose("003c"), { what: "finish() after u16(60)" });
  });
  test("the result is a copy: later writes and edits do not leak", () => {
    const w = new ByteWriter().u32(168, "Length");
    const first = w.finish();
    first[3] = 0;
    w.u8(0xff);
    expectBytes(w.finish(), fromHexLoose("000000a8 ff"), {
      what: "finish() after editing the first result and appending ff",
      why: "a message handed to the network must not change under the caller's feet, and the caller must not be able to change the writer.",
    });
    expectBytes(first, fromHexLoose("00000000"), { what: "the first result after more appends" });
  });
  test("bytes(data) copies data", () => {
    const data = fromHexLoose(MM1_VENDOR_IDS[0]!);
    const w = new ByteWriter().bytes(data);
    data.fill(0);
    expectBytes(w.finish(), fromHexLoose(MM1_VENDOR_IDS[0]!), { what: "finish() after the caller zeroed the array it passed to bytes()" });
  });
});

describe("step 3: values that do not fit are refused, and leave no trace", () => {
  test("out-of-range values name their field", () => {
    const w = new ByteWriter();
    expectThrows(() => w.u16(65536, "Payload length"), {
      what: 'u16(65536, "Payload length")',
      error: "FieldError",
      field: "Payload length",
      why: "an ISAKMP payload cannot be longer than 65535 bytes; writing 00 00 instead would produce a payload that claims to be empty.",
    });
    expectThrows(() => w.u8(-1, "Next payload"), { what: 'u8(-1, "Next payload")', error: "FieldError", field: "Next payload" });
    expectThrows(() => w.u32(2 ** 32, "Length"), { what: 'u32(2^32, "Length")', error: "FieldError", field: "Length" });
    expectThrows(() => w.u64(2n ** 64n, "Initiator SPI"), { what: 'u64(2^64, "Initiator SPI")', error: "FieldError", field: "Initiator SPI" });
  });
  test("without a field name the error names the size", () => {
    const w = new ByteWriter();
    expectThrows(() => w.u8(256), { what: "u8(256)", error: "FieldError", field: "u8" });
    expectThrows(() => w.u16(1.5), { what: "u16(1.5)", error: "FieldError", field: "u16" });
    expectThrows(() => w.u32(-1), { what: "u32(-1)", error: "FieldError", field: "u32" });
    expectThrows(() => w.u64(-1n), { what: "u64(-1n)", error: "FieldError", field: "u64" });
  });
  test("a refused value does not move the length", () => {
    const w = new ByteWriter().u8(1);
    expectThrows(() => w.u16(70000, "Payload length"), { what: 'u16(70000, "Payload length")', error: "FieldError", field: "Payload length" });
    w.u8(2);
    expectEqual(w.length, 2, { what: "length after u8(1), a refused u16, u8(2)", why: "stray bytes from a failed write would shift every later field." });
    expectBytes(w.finish(), fromHexLoose("01 02"), { what: "finish() after u8(1), a refused u16, u8(2)" });
  });
});

describe("step 4: placeholders fill a length in after the fact", () => {
  test("a placeholder is zero until filled, then holds its value", () => {
    const w = new ByteWriter().u8(13).u8(0);
    const fill = w.placeholder16("Payload length");
    w.bytes(fromHexLoose(MM1_VENDOR_IDS[1]!));
    expectBytes(w.finish().subarray(0, 4), fromHexLoose("0d 00 0000"), { what: "the generic payload header before filling" });
    fill(20);
    expectBytes(w.finish(), fromHexLoose(`0d 00 0014 ${MM1_VENDOR_IDS[1]!}`), {
      what: "a Vendor ID payload after fill(20)",
      why: "Payload length counts the 4-byte generic header too: 4 + 16 = 20 (RFC 2408 section 3.2).",
    });
  });
  test("a placeholder filled after the buffer grew past 64 bytes", () => {
    const r = rng("placeholder-grow");
    const head = r.bytes(62);
    const body = r.bytes(100);
    const w = new ByteWriter().bytes(head);
    const fill = w.placeholder32("Length"); // bytes 62-65: across the first 64-byte boundary
    w.bytes(body);
    fill(166);
    const want = new Uint8Array(166);
    want.set(head);
    want.set(fromHexLoose("000000a6"), 62);
    want.set(body, 66);
    expectBytes(w.finish(), want, {
      what: "62 random bytes, a 32-bit placeholder, 100 random bytes, then fill(166)",
      why: "growing replaces the buffer with a bigger one; a fill function that kept the old buffer writes where nobody looks, and Length stays 0.",
    });
  });
  test("a fill value that does not fit names the placeholder's field", () => {
    const w = new ByteWriter();
    const fill16 = w.placeholder16("Payload length");
    const fill32 = w.placeholder32("Length");
    expectThrows(() => fill16(65536), { what: 'fill 65536 into placeholder16("Payload length")', error: "FieldError", field: "Payload length" });
    expectThrows(() => fill32(-1), { what: 'fill -1 into placeholder32("Length")', error: "FieldError", field: "Length" });
    expectBytes(w.finish(), new Uint8Array(6), { what: "the placeholders after the refused fills" });
  });
  test("main mode message 1: 168 bytes, every length filled in last", () => {
    const w = new ByteWriter();
    w.bytes(MM1.subarray(0, 8)).u64(0n, "Responder SPI");
    w.u8(1, "Next payload").u8(0x10, "Version").u8(2, "Exchange type").u8(0, "Flags").u32(0, "Message ID");
    const length = w.placeholder32("Length");
    payload(w, 13, () => {
      w.u32(1, "Domain of interpretation").u32(1, "Situation");
      payload(w, 0, () => {
        w.u8(1, "Proposal number").u8(1, "Protocol ID").u8(0, "SPI size").u8(1, "Proposal transforms");
        payload(w, 0, () => {
          w.u8(1, "Transform number").u8(1, "Transform ID").u16(0, "Reserved");
          for (const [type, value] of TV_ATTRIBUTES) w.u16(0x8000 | type, "Attribute type").u16(value, "Attribute value");
          w.u16(12, "Attribute type").u16(4, "Attribute length").u32(86400, "Life-Duration");
        });
      });
    });
    MM1_VENDOR_IDS.forEach((vid, i) => payload(w, i < MM1_VENDOR_IDS.length - 1 ? 13 : 0, () => w.bytes(fromHexLoose(vid))));
    length(w.length);
    expectBytes(w.finish(), MM1, {
      what: "main mode message 1 built with placeholders",
      layout: MM1_LAYOUT,
      why: "Wireshark shows Length: 168 and Payload lengths 60, 48, 40 and 20; each is only known once what it measures is written.",
    });
  });
  test("random placeholders agree with the reference", () => {
    const r = rng("placeholder-random");
    for (let round = 0; round < 30; round++) {
      const mine = new ByteWriter();
      const theirs = new ref.ByteWriter();
      const fills: [(v: number) => void, (v: number) => void, number][] = [];
      for (let step = r.int(1, 12); step > 0; step--) {
        const data = r.bytes(r.int(0, 40));
        mine.bytes(data);
        theirs.bytes(data);
        const wide = r.next() < 0.5;
        fills.push(wide ? [mine.placeholder32("Length"), theirs.placeholder32("Length"), r.int(0, 0xffffffff)] : [mine.placeholder16("Payload length"), theirs.placeholder16("Payload length"), r.int(0, 0xffff)]);
      }
      for (const [fillMine, fillTheirs, v] of fills.reverse()) {
        fillMine(v);
        fillTheirs(v);
      }
      expectBytes(mine.finish(), theirs.finish(), { what: `${theirs.length} bytes with ${fills.length} placeholders filled last-first` });
    }
  });
});
