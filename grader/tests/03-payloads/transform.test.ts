/** Hidden tests for 03-payloads/transform: the Transform payload body (RFC 2408 section 3.6). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeTransform, encodeTransform } from "@impl/03-payloads/transform.ts";
import * as ref from "@ref/03-payloads/transform.ts";
import { SEED_ATTRIBUTES, SEED_TRANSFORM_BYTES, TRANSFORM_FIELDS, layoutOf } from "./fixtures.ts";

const BODY = SEED_TRANSFORM_BYTES.subarray(4);
const SEED = { number: 1, id: 1, attributes: SEED_ATTRIBUTES };

describe("step 1: the seed's transform", () => {
  test("encodes to 36 body bytes (40 with the generic header)", () => {
    expectBytes(encodeTransform(SEED), BODY, {
      what: "encodeTransform(transform 1, KEY_IKE, the seed's attributes)",
      layout: layoutOf(TRANSFORM_FIELDS.slice(3)),
      why: "Transform number, Transform ID, 2 reserved bytes, then the attributes.",
    });
  });
  test("decodes back", () => {
    expectEqual(decodeTransform(BODY), SEED, { what: "decodeTransform(the seed's transform body)" });
  });
});

describe("step 2: checks", () => {
  test("a non-zero Reserved2 is refused", () => {
    const bad = BODY.slice();
    bad[3] = 1;
    expectThrows(() => decodeTransform(bad), { what: "decodeTransform(Reserved2 = 0x0001)", error: "FieldError", field: "Reserved2", why: "RFC 2408 section 3.6: RESERVED2 must be 0." });
  });
  test("a body shorter than 4 bytes names the missing field", () => {
    expectThrows(() => decodeTransform(fromHexLoose("01")), { what: "decodeTransform(01)", error: "TruncatedError", field: "Transform ID" });
    expectThrows(() => decodeTransform(fromHexLoose("0101 00")), { what: "decodeTransform(010100)", error: "TruncatedError", field: "Reserved2" });
  });
  test("a transform with no attributes is legal", () => {
    expectEqual(decodeTransform(fromHexLoose("02 0c 0000")), { number: 2, id: 12, attributes: [] }, { what: "decodeTransform(02 0c 0000)" });
  });
  test("random transforms match the reference", () => {
    const r = rng("transform");
    for (let i = 0; i < 40; i++) {
      const t = { number: r.int(1, 255), id: r.int(0, 255), attributes: Array.from({ length: r.int(0, 5) }, () => ({ type: r.int(1, 20), value: r.int(0, 0x1ffff) })) };
      const bytes = ref.encodeTransform(t);
      expectBytes(encodeTransform(t), bytes, { what: `encodeTransform(random #${i})` });
      expectEqual(decodeTransform(bytes), ref.decodeTransform(bytes), { what: `decodeTransform(random #${i})` });
    }
  });
});
