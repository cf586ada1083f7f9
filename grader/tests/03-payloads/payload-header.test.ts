/**
 * Hidden tests for 03-payloads/payload-header: the 4-byte generic payload
 * header of RFC 2408 section 3.2.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { ByteReader } from "@impl/01-bytes/reader.ts";
import { encodePayload, readGenericHeader } from "@impl/03-payloads/payload-header.ts";
import * as ref from "@ref/03-payloads/payload-header.ts";
import { VID_NATT_02N, VID_RFC3947, layoutOf } from "./fixtures.ts";

const LAYOUT = layoutOf([
  ["Next payload", 1],
  ["Reserved", 1],
  ["Payload length", 2],
  ["payload body", 1000],
]);

describe("step 1: encodePayload writes the header in front of a body", () => {
  test("the seed's RFC 3947 vendor ID, followed by another vendor ID", () => {
    expectBytes(encodePayload(13, VID_RFC3947), fromHexLoose("0d 00 0014 4a131c81070358455c5728f20e95452f"), {
      what: "encodePayload(13, the RFC 3947 vendor ID)",
      layout: LAYOUT,
      why: "Next payload names the payload that comes AFTER this one (another Vendor ID, 13), and Payload length counts the 4 header bytes too: 4 + 16 = 20 = 0x14.",
    });
  });
  test("the last vendor ID of main mode message 1 ends the chain", () => {
    expectBytes(encodePayload(0, VID_NATT_02N), fromHexLoose("00 00 0014 90cb80913ebb696e086381b5ec427b1f"), {
      what: "encodePayload(0, the draft -02 vendor ID)",
      layout: LAYOUT,
      why: "the last payload of a message says NONE (0) as its next payload.",
    });
  });
  test("an empty body gives a 4-byte payload", () => {
    expectBytes(encodePayload(11, new Uint8Array(0)), fromHexLoose("0b 00 0004"), { what: "encodePayload(11, no body)", layout: LAYOUT });
  });
  test("a body too long for a 16-bit length is refused", () => {
    expectThrows(() => encodePayload(4, new Uint8Array(65532)), {
      what: "encodePayload(4, 65532 bytes)",
      error: "FieldError",
      field: "Payload length",
      why: "4 + 65532 = 65536 does not fit the 2-byte Payload length.",
    });
  });
  test("random bodies match the reference", () => {
    const r = rng("encodePayload");
    for (let i = 0; i < 50; i++) {
      const next = r.int(0, 255);
      const body = r.bytes(r.int(0, 300));
      expectBytes(encodePayload(next, body), ref.encodePayload(next, body), { what: `encodePayload(${next}, ${body.length} random bytes)`, layout: LAYOUT });
    }
  });
});

describe("step 2: readGenericHeader reads and checks the 4 bytes", () => {
  test("reads next payload and length, and moves the reader by 4", () => {
    const r = new ByteReader(fromHexLoose("0d 00 003c 00000001"));
    expectEqual(readGenericHeader(r), { nextPayload: 13, length: 60 }, { what: "readGenericHeader(0d 00 003c ...), the seed's SA payload" });
    expectEqual(r.offset, 4, { what: "the reader's offset afterwards", why: "the body starts right after the 4 header bytes; do not read into it." });
  });
  test("a non-zero reserved byte is refused", () => {
    expectThrows(() => readGenericHeader(new ByteReader(fromHexLoose("0d 80 0014"))), {
      what: "readGenericHeader(0d 80 0014)",
      error: "FieldError",
      field: "Reserved",
      why: "RFC 2408 section 3.2: RESERVED must be 0. 0x80 there is IKEv2's critical bit: this is not an IKEv1 payload.",
    });
  });
  test("a length below 4 is refused: it would not even cover the header", () => {
    for (const len of [0, 1, 3]) {
      expectThrows(() => readGenericHeader(new ByteReader(Uint8Array.of(13, 0, 0, len))), {
        what: `readGenericHeader(Payload length ${len})`,
        error: "FieldError",
        field: "Payload length",
        why: "a walker that trusts a length of 0 stands still forever. Refusing it here is what makes every later loop finite.",
      });
    }
  });
  test("a header cut short names the field that ran out", () => {
    const cases: [string, string][] = [["", "Next payload"], ["0d", "Reserved"], ["0d00", "Payload length"], ["0d0000", "Payload length"]];
    for (const [h, field] of cases) {
      expectThrows(() => readGenericHeader(new ByteReader(fromHexLoose(h))), { what: `readGenericHeader(${h || "no bytes"})`, error: "TruncatedError", field });
    }
  });
});
