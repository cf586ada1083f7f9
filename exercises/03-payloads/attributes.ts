/**
 * Exercise 03-payloads/attributes: data attributes, TV and TLV
 *
 * RFC 2408 section 3.3. Each attribute starts with a 2-byte type whose top
 * bit is AF (attribute format):
 *   AF = 1 (TV):  [1|type (15 bits)] [value, 2 bytes]
 *   AF = 0 (TLV): [0|type (15 bits)] [length, 2 bytes] [value, length bytes]
 *
 * - `encodeAttributes(list)`: for each { type, value }:
 *   type must be 1-32767 (else FieldError "Attribute type");
 *   a number 0..0xffff → TV; a number 0x10000..0xffffffff → TLV, length 4;
 *   anything else → FieldError "Attribute value" (the writer's u32 does it);
 *   a Uint8Array → TLV with exactly those bytes.
 * - `decodeAttributes(bytes, base = 0)`: read attributes until the bytes end
 *   (ByteReader(bytes, base); fields "Attribute type", "Attribute length",
 *   "Attribute value"). Type 0 (with or without AF) → FieldError "Attribute
 *   type". TV → value is the number. TLV → value is a copy of the bytes,
 *   EXCEPT a 4-byte TLV whose value is above 0xffff, which comes back as that
 *   number: then decoding and re-encoding always gives the same bytes.
 * - `attributeNumber(a)`: the value as a number: a number as is, bytes of
 *   length 1-4 read big-endian; other lengths: FieldError "Attribute value".
 *
 * Lesson: lessons/03-payloads.md#attributes
 */
import { todo } from "@course/todo.ts";

export interface DataAttribute {
  /** The attribute class, 1-32767 (without the AF bit). */
  type: number;
  /**
   * A number up to 0xffff travels as TV; a number above (up to 0xffffffff)
   * as TLV with 4 bytes; bytes always as TLV, exactly as given.
   */
  value: number | Uint8Array;
}

export function encodeAttributes(attributes: readonly DataAttribute[]): Uint8Array {
  return todo("encodeAttributes");
}

export function decodeAttributes(bytes: Uint8Array, base = 0): DataAttribute[] {
  return todo("decodeAttributes");
}

/** The value as a number, whichever form it travelled in (TLV values of 1-4 bytes). */
export function attributeNumber(a: DataAttribute): number {
  return todo("attributeNumber");
}

