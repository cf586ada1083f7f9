/**
 * Hidden tests for 02-isakmp-header/header: the 28-byte ISAKMP header,
 * RFC 2408 section 3.1, Figure 2. Expected bytes are written out by hand in
 * fixtures.ts, field by field, from the seed's captures.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, hex, isakmpHeaderLayout, rng } from "@teach";
import { ISAKMP_HEADER_LENGTH, encodeHeader, type IsakmpHeader } from "@impl/02-isakmp-header/header.ts";
import * as ref from "@ref/02-isakmp-header/header.ts";
import * as refDecode from "@ref/02-isakmp-header/decode.ts";
import { AGGRESSIVE_1, MAIN_MODE_1, MAIN_MODE_2, MAIN_MODE_5, QUICK_MODE_1, QUICK_MODE_3, SEED_HEADERS, datagramFor, randomHeader } from "./fixtures.ts";

/** The seed's main mode message 1 with one field changed. */
const mm1With = (change: Partial<IsakmpHeader>): IsakmpHeader => ({ ...MAIN_MODE_1.header, ...change });

describe("step 1: main mode message 1, byte for byte", () => {
  test("ISAKMP_HEADER_LENGTH is 28", () => {
    expectEqual(ISAKMP_HEADER_LENGTH, 28, {
      what: "ISAKMP_HEADER_LENGTH",
      why: "two 8-byte cookies, four 1-byte fields and two 4-byte fields: 8 + 8 + 4 + 4 + 4 = 28 (RFC 2408 section 3.1).",
    });
  });
  test("the header of the first message a router sends", () => {
    expectBytes(encodeHeader(MAIN_MODE_1.header), MAIN_MODE_1.bytes, {
      what: "encodeHeader(main mode message 1)",
      layout: isakmpHeaderLayout,
      why: "this is the header of the seed's frame 1: cookie e47a59ffd057587f, no responder cookie yet, an SA payload next, version 0x10, main mode (2), no flags, message ID 0 and 168 bytes in all. A peer that finds any byte out of place drops the message.",
    });
  });
});

describe("step 2: the other messages of the seed", () => {
  test("main mode message 2 carries the responder's cookie a00b8ef0902bb8ec", () => {
    expectBytes(encodeHeader(MAIN_MODE_2.header), MAIN_MODE_2.bytes, {
      what: "encodeHeader(main mode message 2)",
      layout: isakmpHeaderLayout,
      why: "the responder copies the initiator's cookie into bytes 0-7 and puts its own in bytes 8-15: the pair names this ISAKMP SA from now on.",
    });
  });
  test("main mode message 5 sets the E flag (0x01) and starts with an Identification payload", () => {
    expectBytes(encodeHeader(MAIN_MODE_5.header), MAIN_MODE_5.bytes, {
      what: "encodeHeader(main mode message 5)",
      layout: isakmpHeaderLayout,
      why: "from message 5 on, everything after the header is encrypted; byte 19 = 0x01 tells the receiver to decrypt first.",
    });
  });
  test("aggressive mode message 1 has exchange type 4", () => {
    expectBytes(encodeHeader(AGGRESSIVE_1.header), AGGRESSIVE_1.bytes, {
      what: "encodeHeader(aggressive mode message 1)",
      layout: isakmpHeaderLayout,
      why: "byte 18 tells the responder which exchange this is: 2 for main mode, 4 for aggressive mode.",
    });
  });
  test("quick mode messages carry a nonzero message ID, big-endian", () => {
    for (const s of [QUICK_MODE_1, QUICK_MODE_3]) {
      expectBytes(encodeHeader(s.header), s.bytes, {
        what: `encodeHeader(${s.label})`,
        layout: isakmpHeaderLayout,
        why: "each quick mode exchange has its own random message ID (0xe22a74c1, 0x635a2e6a), written most significant byte first in bytes 20-23. A value above 0x7fffffff is still unsigned.",
      });
    }
  });
  test("all nine seed headers", () => {
    for (const s of SEED_HEADERS) {
      expectBytes(encodeHeader(s.header), s.bytes, { what: `encodeHeader(${s.label})`, layout: isakmpHeaderLayout });
    }
  });
});

describe("step 3: random headers", () => {
  test("agree with the reference, byte for byte", () => {
    const r = rng("encodeHeader");
    for (let i = 0; i < 60; i++) {
      const h = randomHeader(r);
      expectBytes(encodeHeader(h), ref.encodeHeader(h), { what: `encodeHeader(random header #${i})`, layout: isakmpHeaderLayout });
    }
  });
  test("the reference decoder reads back what you wrote", () => {
    const r = rng("encodeHeader round trip");
    for (let i = 0; i < 40; i++) {
      const h = randomHeader(r);
      const bytes = encodeHeader(h);
      expectEqual(refDecode.decodeHeader(datagramFor(bytes, h.length)), h, {
        what: `reference decodeHeader(your encodeHeader(random header #${i}) = ${hex(bytes)})`,
        why: "a peer must be able to read every field back exactly as you meant it.",
      });
    }
  });
});

describe("step 4: a header that cannot be sent is refused, naming the field", () => {
  test("the seed's misprinted 9-byte initiator SPI fdf47a59ffd057587f", () => {
    expectThrows(() => encodeHeader(mm1With({ initiatorSpi: Uint8Array.of(0xfd, 0xf4, 0x7a, 0x59, 0xff, 0xd0, 0x57, 0x58, 0x7f) })), {
      what: "encodeHeader(initiator SPI of 9 bytes)",
      error: "FieldError",
      field: "Initiator SPI",
      why: "the seed prints message 1's SPI with 18 hex digits; the field has room for 8 bytes only. Writing 9 would push every later field one byte to the right.",
    });
  });
  test("cookies of 7 and 0 bytes", () => {
    expectThrows(() => encodeHeader(mm1With({ initiatorSpi: new Uint8Array(7) })), { what: "encodeHeader(initiator SPI of 7 bytes)", error: "FieldError", field: "Initiator SPI" });
    expectThrows(() => encodeHeader(mm1With({ responderSpi: new Uint8Array(0) })), {
      what: "encodeHeader(responder SPI of 0 bytes)",
      error: "FieldError",
      field: "Responder SPI",
      why: "before the responder has answered, its cookie is 8 zero bytes, not an empty field.",
    });
    expectThrows(() => encodeHeader(mm1With({ responderSpi: new Uint8Array(9) })), { what: "encodeHeader(responder SPI of 9 bytes)", error: "FieldError", field: "Responder SPI" });
  });
  test("one-byte fields above 255", () => {
    expectThrows(() => encodeHeader(mm1With({ nextPayload: 256 })), { what: "encodeHeader(next payload 256)", error: "FieldError", field: "Next payload" });
    expectThrows(() => encodeHeader(mm1With({ exchangeType: 300 })), {
      what: "encodeHeader(exchange type 300)",
      error: "FieldError",
      field: "Exchange type",
      why: "byte 18 holds 0 to 255; writing 300 & 0xff = 44 would start an exchange nobody asked for. Give the writer the field name so it can say which field overflowed.",
    });
    expectThrows(() => encodeHeader(mm1With({ exchangeType: -1 })), { what: "encodeHeader(exchange type -1)", error: "FieldError", field: "Exchange type" });
  });
  test("a version part above 15", () => {
    expectThrows(() => encodeHeader(mm1With({ version: { major: 16, minor: 0 } })), { what: "encodeHeader(version 16.0)", error: "FieldError", field: "Version" });
  });
  test("32-bit fields above 0xffffffff", () => {
    expectThrows(() => encodeHeader(mm1With({ messageId: 2 ** 32 })), { what: "encodeHeader(message ID 2^32)", error: "FieldError", field: "Message ID" });
    expectThrows(() => encodeHeader(mm1With({ length: 2 ** 32 })), {
      what: "encodeHeader(length 2^32)",
      error: "FieldError",
      field: "Length",
      why: "Length is an unsigned 32-bit number; the writer rejects it when it is told the field's name.",
    });
  });
});
