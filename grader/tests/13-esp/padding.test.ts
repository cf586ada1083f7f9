/** Hidden tests for 13-esp/padding: the ESP trailer of RFC 4303 section 2.4, and RFC 3602's sample packets. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { espTrailer, removeTrailer } from "@impl/13-esp/padding.ts";
import * as ref from "@ref/13-esp/padding.ts";
import { ESP_CASES } from "./vectors.ts";

const trailerLayout = (n: number) => [
  { name: "Pad", filter: "esp.pad", offset: 0, length: n - 2 },
  { name: "ESP Pad Length", filter: "esp.pad_len", offset: n - 2, length: 1 },
  { name: "ESP Next Header", filter: "esp.protocol", offset: n - 1, length: 1 },
];

describe("step 1: building the trailer", () => {
  test("the seed's ICMP message (80 bytes) in transport mode: 14 padding bytes, pad length 14, next header ICMP", () => {
    expectBytes(espTrailer(80, 1, 16), fromHexLoose("0102030405060708090a0b0c0d0e 0e 01"), {
      what: "espTrailer(80, ICMP, 16)",
      layout: trailerLayout(16),
      why: "80 + 2 = 82; the next multiple of 16 is 96, so 14 padding bytes 01..0e. With the IV and ICV this gives the seed's 152-byte packet.",
    });
  });
  test("the seed's whole packet (100 bytes) in tunnel mode: 10 padding bytes, next header IPIP", () => {
    expectBytes(espTrailer(100, 4, 16), fromHexLoose("0102030405060708090a 0a 04"), { what: "espTrailer(100, IPIP, 16)", layout: trailerLayout(12), why: "100 + 2 = 102 → 112: 10 padding bytes; the seed's 168-byte tunnel packet." });
  });
  test("no padding when payload + 2 is already aligned", () => {
    expectBytes(espTrailer(14, 6, 16), fromHexLoose("00 06"), { what: "espTrailer(14, TCP, 16)", layout: trailerLayout(2), why: "14 + 2 = 16: pad length 0, and the trailer is just its two bytes." });
  });
  test("RFC 3602's sample packets: the padding they carry", () => {
    for (const c of ESP_CASES) {
      const payloadLength = c.plaintextBeforeEncryption.length - c.padding.length - 2;
      const want = c.plaintextBeforeEncryption.subarray(payloadLength);
      expectBytes(espTrailer(payloadLength, want[want.length - 1]!, 16), want, { what: `espTrailer for RFC 3602 case ${c.case} (${payloadLength} bytes)`, layout: trailerLayout(want.length) });
    }
  });
  test("a block size below 4 still aligns to 4 bytes", () => {
    expectEqual(espTrailer(5, 17, 1).length, 3, { what: "espTrailer(5, UDP, block size 1).length", why: "RFC 4303 section 2.4: the ciphertext must end on a 4-byte boundary whatever the cipher: 5 + 1 + 2 = 8." });
  });
  test("random lengths agree with the reference", () => {
    const r = rng("esp trailer random");
    for (let i = 0; i < 40; i++) {
      const len = r.int(0, 1500);
      const nh = r.pick([1, 4, 6, 17]);
      expectBytes(espTrailer(len, nh, 16), ref.espTrailer(len, nh, 16), { what: `espTrailer(${len}, ${nh}, 16)` });
    }
  });
});

describe("step 2: checking and removing it", () => {
  test("RFC 3602's decrypted sample packets give back the original payload", () => {
    for (const c of ESP_CASES) {
      const got = removeTrailer(c.plaintextBeforeEncryption);
      const wantPayload = c.mode === "tunnel" ? c.originalPacket : c.originalPacket.subarray(20);
      expectBytes(got.payload, wantPayload, { what: `removeTrailer(RFC 3602 case ${c.case}).payload` });
      expectEqual(got.nextHeader, c.mode === "tunnel" ? 4 : 1, { what: `removeTrailer(RFC 3602 case ${c.case}).nextHeader` });
    }
  });
  test("twin: a padding byte out of the 1, 2, 3... pattern", () => {
    const good = fromHexLoose("aabbcc 010203 03 01");
    removeTrailer(good);
    const bad = good.slice();
    bad[4] = 0x07;
    expectThrows(() => removeTrailer(bad), { what: "removeTrailer(padding 01 07 03)", error: "FieldError", field: "Pad", why: "RFC 4303 section 2.4: the receiver checks the default padding. When ESP has no ICV (AH authenticates it, or none at all) a wrong key shows up here." });
  });
  test("twin: a pad length longer than the data", () => {
    expectThrows(() => removeTrailer(fromHexLoose("0102 05 01")), { what: "removeTrailer(2 bytes before a pad length of 5)", error: "FieldError", field: "ESP Pad Length", why: "a pad length that points before the start would read outside the payload." });
  });
  test("twin: fewer than two bytes", () => {
    expectThrows(() => removeTrailer(fromHexLoose("00")), { what: "removeTrailer(1 byte)", error: "TruncatedError", field: "ESP Pad Length" });
  });
});
