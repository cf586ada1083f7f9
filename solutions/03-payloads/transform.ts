/**
 * Exercise 03-payloads/transform: the Transform payload (reference solution).
 *
 * RFC 2408 section 3.6: after the generic header, a transform number, a
 * transform ID (what KEY_IKE or ESP_AES means depends on the proposal's
 * protocol), two reserved bytes, then the SA attributes.
 * Lesson: lessons/03-payloads.md#transform
 */
import { FieldError } from "@course/errors.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeAttributes, encodeAttributes, type DataAttribute } from "./attributes.ts";

export interface Transform {
  /** 1, 2, ...: lets the responder say which one it picked. */
  number: number;
  /** KEY_IKE (1) in phase 1; ESP_AES (12), AH_SHA (3)... in phase 2. */
  id: number;
  attributes: DataAttribute[];
}

/** The transform body, without its generic header. */
export function encodeTransform(t: Transform): Uint8Array {
  return new ByteWriter()
    .u8(t.number, "Transform number")
    .u8(t.id, "Transform ID")
    .u16(0, "Reserved2")
    .bytes(encodeAttributes(t.attributes))
    .finish();
}

export function decodeTransform(body: Uint8Array, base = 0): Transform {
  const r = new ByteReader(body, base);
  const number = r.u8("Transform number");
  const id = r.u8("Transform ID");
  const reserved = r.u16("Reserved2");
  if (reserved !== 0) throw new FieldError("Reserved2", reserved, "RESERVED2 must be 0 (RFC 2408 section 3.6)");
  return { number, id, attributes: decodeAttributes(r.rest(), base + 4) };
}
