/**
 * Hidden tests for 01-bytes/reader: read the seed's main mode message 1 field
 * by field, then cut it short, then let its length fields lie.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng, type ThrowExpectation } from "@teach";
import { ByteReader } from "@impl/01-bytes/reader.ts";
import * as ref from "@ref/01-bytes/reader.ts";
import { MM1, MM1_VENDOR_IDS, truncation } from "./seed-vectors.ts";

/** Where the reader stands: compared as one value so the message shows both numbers. */
const position = (r: ByteReader | ref.ByteReader) => ({ offset: r.offset, remaining: r.remaining });

describe("step 1: read the ISAKMP header field by field", () => {
  test("a new reader stands at offset 0 with every byte remaining", () => {
    expectEqual(position(new ByteReader(MM1)), { offset: 0, remaining: 168 }, { what: "a reader over the 168 bytes of main mode message 1" });
  });
  test("the eight header fields of main mode message 1 come out in order", () => {
    const r = new ByteReader(MM1);
    const fields: [string, () => unknown, unknown][] = [
      ["Initiator SPI", () => r.bytes(8, "Initiator SPI"), fromHexLoose("e47a59ffd057587f")],
      ["Responder SPI", () => r.bytes(8, "Responder SPI"), new Uint8Array(8)],
      ["Next payload", () => r.u8("Next payload"), 1],
      ["Version", () => r.u8("Version"), 0x10],
      ["Exchange type", () => r.u8("Exchange type"), 2],
      ["Flags", () => r.u8("Flags"), 0],
      ["Message ID", () => r.u32("Message ID"), 0],
      ["Length", () => r.u32("Length"), 168],
    ];
    for (const [name, read, want] of fields) {
      expectEqual(read(), want, {
        what: `the field "${name}"`,
        why: "each read must start where the previous one stopped; one byte too many or too few and every later field is shifted.",
      });
    }
    expectEqual(position(r), { offset: 28, remaining: 140 }, { what: "the reader's position after the 28-byte header" });
  });
  test("u16 and u64: the SA Payload length and the SPI as one number", () => {
    const r = new ByteReader(MM1);
    expectEqual(r.u64("Initiator SPI"), 0xe47a59ffd057587fn, { what: 'u64("Initiator SPI")', why: "8 bytes need a bigint: a JS number keeps only 53 bits exactly." });
    r.skip(20, "rest of the header");
    r.skip(2, "Next payload and Reserved");
    expectEqual(r.u16("Payload length"), 60, { what: 'u16("Payload length") of the SA payload' });
  });
  test("u32 is unsigned: the quick mode Message ID 0xe22a74c1", () => {
    expectEqual(new ByteReader(fromHexLoose("e22a74c1")).u32("Message ID"), 3794433217, {
      what: 'u32("Message ID") over e2 2a 74 c1',
      why: "a negative Message ID would never match the exchange it belongs to.",
    });
  });
  test("random reads agree with the reference", () => {
    const r = rng("reader-random");
    for (let round = 0; round < 30; round++) {
      const data = r.bytes(r.int(0, 40));
      const mine = new ByteReader(data);
      const theirs = new ref.ByteReader(data);
      for (let step = 0; step < 12; step++) {
        const op = r.pick(["u8", "u16", "u32", "u64", "bytes", "skip"] as const);
        const n = r.int(0, 6);
        const field = `field ${step}`;
        const run = (x: ByteReader | ref.ByteReader): unknown =>
          op === "bytes" ? x.bytes(n, field) : op === "skip" ? x.skip(n, field) : x[op](field);
        const what = `${op === "bytes" || op === "skip" ? `${op}(${n})` : `${op}()`} at offset ${theirs.offset} of ${data.length} random bytes`;
        let want: unknown;
        try {
          want = run(theirs);
        } catch (err) {
          expectThrows(() => run(mine), { what, error: (err as Error).name as ThrowExpectation["error"], field });
          continue;
        }
        expectEqual(run(mine), want, { what });
        expectEqual(position(mine), position(theirs), { what: `the position after ${what}` });
      }
    }
  });
});

describe("step 2: a short packet gives a TruncatedError naming the missing field", () => {
  test("a header cut one byte short cannot give its Length", () => {
    const r = new ByteReader(MM1.subarray(0, 27));
    r.skip(24, "header before Length");
    const e = truncation(() => r.u32("Length"), 'u32("Length") with 3 bytes left', "Length",
      "a datagram cut short must be reported, not read as zeros: Wireshark would mark it [Malformed Packet].");
    expectEqual({ offset: e.offset, needed: e.needed, available: e.available }, { offset: 24, needed: 4, available: 3 }, {
      what: "the TruncatedError's offset, needed and available",
      why: "offset is where the field starts in the datagram, needed its size, available what was left.",
    });
  });
  test("a failed read consumes nothing", () => {
    const r = new ByteReader(MM1.subarray(0, 27));
    r.skip(24, "header before Length");
    expectThrows(() => r.u32("Length"), { what: 'u32("Length") with 3 bytes left', error: "TruncatedError", field: "Length" });
    expectEqual(position(r), { offset: 24, remaining: 3 }, {
      what: "the position after the failed read",
      why: "check the room before moving, so the reader still tells the truth about where it stands.",
    });
    expectEqual(r.u16("first two of the three bytes"), 0, { what: "a u16 read after the failed u32" });
  });
  test("every kind of read checks the room", () => {
    const spi = fromHexLoose("e47a59ffd057587f");
    truncation(() => new ByteReader(spi).bytes(9, "Initiator SPI"), "bytes(9) over 8 bytes", "Initiator SPI",
      "the seed's printout of message 1 shows a 9-byte SPI (fdf47a59ffd057587f), a typo: a real SPI is 8 bytes.");
    truncation(() => new ByteReader(spi).skip(9, "Reserved"), "skip(9) over 8 bytes", "Reserved");
    truncation(() => new ByteReader(spi.subarray(0, 7)).u64("Initiator SPI"), "u64() over 7 bytes", "Initiator SPI");
    truncation(() => new ByteReader(new Uint8Array(1)).u16("Payload length"), "u16() over 1 byte", "Payload length");
    truncation(() => new ByteReader(new Uint8Array(0)).u8("Next payload"), "u8() over no bytes", "Next payload");
  });
  test("the error's offset counts from the datagram, using base", () => {
    const r = new ByteReader(fromHexLoose("0d 00"), 88);
    r.u8("Next payload");
    const e = truncation(() => r.u16("Reserved and Payload length"), "u16() one byte before the end of a reader with base 88", "Reserved and Payload length");
    expectEqual(e.offset, 89, {
      what: "the TruncatedError's offset",
      why: "base 88 + 1 byte read: whoever compares the error with Wireshark's bytes pane needs the position in the whole datagram.",
    });
  });
  test("a length that is negative or fractional is a FieldError", () => {
    expectThrows(() => new ByteReader(MM1).bytes(-1, "Nonce DATA"), {
      what: 'bytes(-1, "Nonce DATA")',
      error: "FieldError",
      field: "Nonce DATA",
      why: "lengths come from computations like Payload length - 4; a negative result means the payload is broken.",
    });
    expectThrows(() => new ByteReader(MM1).skip(1.5, "Reserved"), { what: 'skip(1.5, "Reserved")', error: "FieldError", field: "Reserved" });
    expectThrows(() => new ByteReader(MM1).sub(NaN, "Proposal"), { what: 'sub(NaN, "Proposal")', error: "FieldError", field: "Proposal" });
  });
});

describe("step 3: bytes, skip and rest", () => {
  test("bytes(n) gives the next n bytes; bytes(0) gives none and stays put", () => {
    const r = new ByteReader(MM1);
    r.skip(88, "header and SA payload");
    r.skip(4, "Vendor ID payload header");
    expectBytes(r.bytes(0, "nothing"), new Uint8Array(0), { what: "bytes(0)" });
    expectBytes(r.bytes(16, "Vendor ID"), fromHexLoose(MM1_VENDOR_IDS[0]!), {
      what: "the first Vendor ID (RFC 3947 NAT-Traversal)",
      why: "it starts at byte 92: 28 header + 60 SA + 4 payload header.",
    });
    expectEqual(r.offset, 108, { what: "offset after the first Vendor ID payload" });
  });
  test("rest() gives what is left and leaves nothing", () => {
    const r = new ByteReader(MM1);
    r.skip(148, "everything before the last Vendor ID payload");
    expectBytes(r.rest(), fromHexLoose(`00 00 0014 ${MM1_VENDOR_IDS[3]!}`), { what: "rest() of the last 20 bytes" });
    expectEqual(position(r), { offset: 168, remaining: 0 }, { what: "the position after rest()" });
    expectBytes(r.rest(), new Uint8Array(0), { what: "rest() once more", why: "an empty rest is not an error: the reader is simply at its end." });
  });
});

describe("step 4: sub-readers keep each payload inside its own length", () => {
  test("walk SA → Proposal → Transform to the Life-Duration 86400", () => {
    const r = new ByteReader(MM1);
    r.skip(28, "ISAKMP header");
    r.skip(2, "Next payload and Reserved");
    const sa = r.sub(r.u16("Payload length") - 4, "Security Association");
    expectEqual({ base: sa.base, remaining: sa.remaining }, { base: 32, remaining: 56 }, {
      what: "the SA sub-reader's base and remaining",
      why: "base is where the SA body starts in the datagram (28 + 4); 60 - 4 bytes belong to it.",
    });
    expectEqual(position(r), { offset: 88, remaining: 80 }, { what: "the parent's position after sub()", why: "sub() consumes the bytes it hands out." });
    expectEqual([sa.u32("Domain of interpretation"), sa.u32("Situation")], [1, 1], { what: "DOI and Situation" });
    sa.skip(2, "Next payload and Reserved");
    const proposal = sa.sub(sa.u16("Payload length") - 4, "Proposal");
    proposal.skip(4, "Proposal number, Protocol ID, SPI size, transforms");
    proposal.skip(2, "Next payload and Reserved");
    const transform = proposal.sub(proposal.u16("Payload length") - 4, "Transform");
    expectEqual(transform.base, 52, { what: "the Transform sub-reader's base", why: "bases add up: the SA body starts at 32, the Proposal body 12 bytes later (DOI, Situation, its 4-byte header) at 44, the Transform body 8 bytes after that at 52." });
    transform.skip(4 + 6 * 4, "Transform number, Transform ID, Reserved, six TV attributes");
    expectEqual([transform.u16("Attribute type"), transform.u16("Attribute length"), transform.u32("Life-Duration")], [12, 4, 86400], {
      what: "the last attribute: type, length, Life-Duration",
    });
    for (const [name, sub] of [["Transform", transform], ["Proposal", proposal], ["Security Association", sa]] as const) {
      sub.expectEnd(name);
    }
  });
  test("reading past a sub-reader's end fails, even though the parent has bytes", () => {
    const r = new ByteReader(MM1);
    r.skip(88, "header and SA payload");
    const vid = r.sub(20, "Vendor ID payload");
    vid.skip(20, "the whole payload");
    const e = truncation(() => vid.u8("Next payload"), "u8() just past the end of a 20-byte sub-reader", "Next payload",
      "a parser that reads one payload must not wander into the next one, whatever the datagram holds after it.");
    expectEqual(e.offset, 108, { what: "the TruncatedError's offset", why: "88 + 20: the end of the Vendor ID payload, in datagram terms." });
    expectEqual(r.remaining, 60, { what: "the parent's remaining bytes", why: "the parent still has three Vendor ID payloads; the sub-reader must not see them." });
  });
  test("a Payload length that claims more than the datagram holds is refused", () => {
    const r = new ByteReader(MM1.subarray(0, 68));
    r.skip(28, "ISAKMP header");
    r.skip(2, "Next payload and Reserved");
    const length = r.u16("Payload length");
    truncation(() => r.sub(length - 4, "Security Association"), "sub(56) with 36 bytes left", "Security Association",
      "never trust a length field: an attacker or a broken peer can write any number there.");
  });
  test("bases add up for nested sub-readers", () => {
    const r = new ByteReader(new Uint8Array(30), 100);
    r.skip(10, "head");
    const outer = r.sub(20, "outer");
    outer.skip(5, "pad");
    const inner = outer.sub(10, "inner");
    inner.skip(10, "all");
    expectEqual([outer.base, inner.base], [110, 115], { what: "[outer.base, inner.base]" });
    const e = truncation(() => inner.u8("one more"), "u8() past the end of the inner sub-reader", "one more");
    expectEqual(e.offset, 125, { what: "the TruncatedError's offset", why: "100 + 10 + 5 + 10." });
  });
});

describe("step 5: expectEnd catches bytes a parser forgot", () => {
  test("no complaint when everything was read", () => {
    const r = new ByteReader(fromHexLoose("00000001"));
    r.u32("Domain of interpretation");
    r.expectEnd("Security Association");
  });
  test("leftover bytes are a FieldError naming the part", () => {
    const r = new ByteReader(fromHexLoose("00000001 00000001"));
    r.u32("Domain of interpretation");
    expectThrows(() => r.expectEnd("Security Association"), {
      what: "expectEnd() with 4 bytes unread",
      error: "FieldError",
      field: "Security Association",
      why: "bytes left inside a payload mean its length lied or a field was skipped by mistake.",
    });
  });
  test("a header Length shorter than the datagram leaves bytes behind", () => {
    const lying = MM1.slice();
    lying[27] = 160; // Length: 160, but the datagram holds 168 bytes
    const r = new ByteReader(lying);
    r.skip(24, "header before Length");
    const message = r.sub(r.u32("Length") - 28, "Payload");
    message.rest();
    expectThrows(() => r.expectEnd("Length"), {
      what: "expectEnd() with 8 bytes after a 160-byte message",
      error: "FieldError",
      field: "Length",
      why: "RFC 2408 section 3.1: Length is the whole message; a mismatch with the UDP payload means a broken or tampered packet.",
    });
  });
});
