/** Hidden tests for 12-ah/header: the Authentication Header, RFC 4302 section 2. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { ahHeaderLength, decodeAhHeader, encodeAhHeader } from "@impl/12-ah/header.ts";
import * as ref from "@ref/12-ah/header.ts";
import { ahLayout } from "../11-ipv4/fixtures.ts";

/** The seed's AH transport header: Next header ICMP, Length 4 ("24" bytes in Wireshark), SPI 0xcf54ccdf, sequence 30. */
const SEED_AH = { nextHeader: 1, spi: 0xcf54ccdf, sequence: 30, icv: fromHexLoose("aa9cafe5ed06d6c74cb3c671") };
const SEED_AH_BYTES = fromHexLoose("01 04 0000 cf54ccdf 0000001e aa9cafe5ed06d6c74cb3c671");

describe("step 1: the seed's AH header", () => {
  test("encodes to 24 bytes with Payload Len 4", () => {
    expectBytes(encodeAhHeader(SEED_AH), SEED_AH_BYTES, {
      what: "encodeAhHeader(the seed's AH transport header)",
      layout: ahLayout(0, 12),
      why: "Payload Len is the header's length in 32-bit words minus 2: 24 bytes = 6 words, so 4. Wireshark shows the length in bytes (24), the wire holds 4.",
    });
  });
  test("decodes back, ICV included", () => {
    expectEqual(decodeAhHeader(SEED_AH_BYTES, 12), SEED_AH, { what: "decodeAhHeader(the seed's AH header, 12-byte ICV)" });
  });
  test("the header length for each ICV size", () => {
    expectEqual(ahHeaderLength(12), 24, { what: "ahHeaderLength(12)", why: "HMAC-SHA1-96 and HMAC-MD5-96: 12 fixed bytes + 12 ICV bytes." });
    expectEqual(ahHeaderLength(16), 28, { what: "ahHeaderLength(16)", why: "HMAC-SHA-256-128: 12 + 16 = 28 bytes, Payload Len 5." });
    expectThrows(() => ahHeaderLength(10), { what: "ahHeaderLength(10)", error: "FieldError", field: "AH ICV", why: "over IPv4 AH must be a multiple of 32 bits (RFC 4302 section 3.3.3.2.1); a 10-byte ICV would need padding." });
  });
});

describe("step 2: random headers, and SHA-256's 16-byte ICV", () => {
  test("encode agrees with the reference and decodes back", () => {
    const r = rng("ah header random");
    for (let i = 0; i < 40; i++) {
      const icvBytes = r.pick([12, 16]);
      const h = { nextHeader: r.pick([1, 4, 6, 17, 50]), spi: r.int(0, 0xffffffff), sequence: r.int(1, 0xffffffff), icv: r.bytes(icvBytes) };
      const want = ref.encodeAhHeader(h);
      expectBytes(encodeAhHeader(h), want, { what: `encodeAhHeader(next header ${h.nextHeader}, ${icvBytes}-byte ICV)`, layout: ahLayout(0, icvBytes) });
      expectEqual(decodeAhHeader(want, icvBytes), h, { what: `decodeAhHeader(${want.length} bytes, ${icvBytes}-byte ICV)` });
    }
  });
});

describe("step 3: twins that must be refused", () => {
  test("a Payload Len that does not match the SA's ICV size", () => {
    const bad = SEED_AH_BYTES.slice();
    bad[1] = 5;
    expectThrows(() => decodeAhHeader(bad, 12), { what: "decodeAhHeader(Payload Len 5, SA with a 12-byte ICV)", error: "FieldError", field: "Length", why: "the SA fixes the ICV length; a different Payload Len would make you read part of the payload as ICV." });
  });
  test("cut inside the ICV", () => {
    expectThrows(() => decodeAhHeader(SEED_AH_BYTES.subarray(0, 20), 12), { what: "decodeAhHeader(the seed's header cut to 20 bytes)", error: "TruncatedError", field: "AH ICV" });
  });
  test("cut inside the SPI", () => {
    expectThrows(() => decodeAhHeader(SEED_AH_BYTES.subarray(0, 6), 12), { what: "decodeAhHeader(6 bytes)", error: "TruncatedError", field: "AH SPI" });
  });
});
