/**
 * Hidden tests for 03-payloads/attributes: data attributes in TV and TLV
 * form (RFC 2408 section 3.3, RFC 2409 Appendix A, RFC 2407 section 4.5).
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { attributeNumber, decodeAttributes, encodeAttributes } from "@impl/03-payloads/attributes.ts";
import * as ref from "@ref/03-payloads/attributes.ts";
import { SEED_ATTRIBUTES, SEED_TRANSFORM_BYTES, TRANSFORM_FIELDS, layoutOf } from "./fixtures.ts";

const SEED_ATTR_BYTES = SEED_TRANSFORM_BYTES.subarray(8);
const ATTR_LAYOUT = layoutOf(TRANSFORM_FIELDS.slice(6));

describe("step 1: encode the seed's phase 1 attributes", () => {
  test("seven attributes, six TV and one TLV, 32 bytes", () => {
    expectBytes(encodeAttributes(SEED_ATTRIBUTES), SEED_ATTR_BYTES, {
      what: "encodeAttributes(the seed's transform attributes)",
      layout: ATTR_LAYOUT,
      why: "a value up to 0xffff goes TV: the type with the AF bit (0x8000) set, then the 2-byte value. 86400 needs 17 bits, so Life-Duration goes TLV: type without AF, length 4, then 4 bytes.",
    });
  });
  test("the edges: 0xffff stays TV, 0x10000 goes TLV", () => {
    expectBytes(encodeAttributes([{ type: 2, value: 0xffff }]), fromHexLoose("8002 ffff"), { what: "encodeAttributes(SA-Life-Duration 65535)" });
    expectBytes(encodeAttributes([{ type: 2, value: 0x10000 }]), fromHexLoose("0002 0004 00010000"), {
      what: "encodeAttributes(SA-Life-Duration 65536)",
      why: "65536 does not fit in the 2 bytes of a TV value.",
    });
  });
  test("a byte value always goes TLV, as given", () => {
    expectBytes(encodeAttributes([{ type: 2, value: Uint8Array.of(0x00, 0x01, 0x86, 0xa0) }]), fromHexLoose("0002 0004 000186a0"), {
      what: "encodeAttributes(SA-Life-Duration as the bytes 000186a0)",
      why: "RFC 2408 section 3.3's own example: 100000 kilobytes as a 4-byte TLV.",
    });
  });
  test("type 0, a type with the AF bit, a negative or too large value are refused", () => {
    expectThrows(() => encodeAttributes([{ type: 0, value: 1 }]), { what: "encodeAttributes(type 0)", error: "FieldError", field: "Attribute type" });
    expectThrows(() => encodeAttributes([{ type: 0x8001, value: 1 }]), {
      what: "encodeAttributes(type 0x8001)",
      error: "FieldError",
      field: "Attribute type",
      why: "the top bit is the format flag, not part of the type: a type is 1-32767.",
    });
    expectThrows(() => encodeAttributes([{ type: 2, value: 2 ** 32 }]), { what: "encodeAttributes(value 2^32)", error: "FieldError", field: "Attribute value" });
  });
});

describe("step 2: decode attributes", () => {
  test("the seed's 32 bytes give back the seven attributes", () => {
    expectEqual(decodeAttributes(SEED_ATTR_BYTES), SEED_ATTRIBUTES, {
      what: "decodeAttributes(the seed's attributes)",
      why: "TV values come back as numbers; a 4-byte TLV value above 0xffff comes back as a number too (86400).",
    });
  });
  test("a TLV that could have been TV stays bytes, so it re-encodes the same", () => {
    expectEqual(decodeAttributes(fromHexLoose("0002 0004 00000e10")), [{ type: 2, value: Uint8Array.of(0, 0, 0x0e, 0x10) }], {
      what: "decodeAttributes(SA-Life-Duration 3600 sent as a 4-byte TLV)",
      why: "if this came back as the number 3600, encoding it again would give TV bytes, not what the peer sent.",
    });
    expectEqual(decodeAttributes(fromHexLoose("0005 0000")), [{ type: 5, value: new Uint8Array(0) }], { what: "decodeAttributes(a TLV of length 0)" });
  });
  test("a TLV longer than what is left, or a cut attribute, names the field", () => {
    expectThrows(() => decodeAttributes(fromHexLoose("000c 0004 0001")), {
      what: "decodeAttributes(Life-Duration says 4 bytes, 2 follow)",
      error: "TruncatedError",
      field: "Attribute value",
      why: "never read past the end of the transform: the length is from the wire and may lie.",
    });
    expectThrows(() => decodeAttributes(fromHexLoose("8001")), { what: "decodeAttributes(8001)", error: "TruncatedError", field: "Attribute value" });
    expectThrows(() => decodeAttributes(fromHexLoose("000c")), { what: "decodeAttributes(000c)", error: "TruncatedError", field: "Attribute length" });
    expectThrows(() => decodeAttributes(fromHexLoose("80")), { what: "decodeAttributes(80)", error: "TruncatedError", field: "Attribute type" });
    expectThrows(() => decodeAttributes(fromHexLoose("8000 0001")), { what: "decodeAttributes(8000 0001)", error: "FieldError", field: "Attribute type" });
  });
  test("attributeNumber reads either form", () => {
    expectEqual(attributeNumber({ type: 12, value: 86400 }), 86400, { what: "attributeNumber(86400)" });
    expectEqual(attributeNumber({ type: 2, value: Uint8Array.of(0, 0, 0x0e, 0x10) }), 3600, { what: "attributeNumber(bytes 00000e10)" });
    expectThrows(() => attributeNumber({ type: 2, value: new Uint8Array(5) }), { what: "attributeNumber(5 bytes)", error: "FieldError", field: "Attribute value" });
  });
  test("random attribute lists round-trip and match the reference", () => {
    const r = rng("attributes");
    for (let i = 0; i < 60; i++) {
      const list = Array.from({ length: r.int(0, 8) }, () => {
        const k = r.int(0, 2);
        const value = k === 0 ? r.int(0, 0xffff) : k === 1 ? r.int(0x10000, 0xffffffff) : r.bytes(r.int(0, 9));
        return { type: r.int(1, 0x7fff), value };
      });
      const bytes = ref.encodeAttributes(list);
      expectBytes(encodeAttributes(list), bytes, { what: `encodeAttributes(random list #${i})` });
      expectEqual(decodeAttributes(bytes), ref.decodeAttributes(bytes), { what: `decodeAttributes(random list #${i})` });
    }
  });
});
