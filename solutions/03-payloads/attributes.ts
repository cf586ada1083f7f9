/**
 * Exercise 03-payloads/attributes: data attributes, TV and TLV (reference
 * solution).
 *
 * RFC 2408 section 3.3: an attribute starts with a 2-byte type whose top bit
 * (AF, attribute format) says how the value follows. AF = 1: the value is
 * the next 2 bytes (TV). AF = 0: a 2-byte length, then that many bytes (TLV).
 * Lesson: lessons/03-payloads.md#attributes
 */
import { FieldError } from "@course/errors.ts";
import { readU32 } from "../01-bytes/integers.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

export interface DataAttribute {
  /** The attribute class, 1-32767 (without the AF bit). */
  type: number;
  /**
   * A number up to 0xffff travels as TV; a number above (up to 0xffffffff)
   * as TLV with 4 bytes; bytes always as TLV, exactly as given.
   */
  value: number | Uint8Array;
}

const AF = 0x8000;

export function encodeAttributes(attributes: readonly DataAttribute[]): Uint8Array {
  const w = new ByteWriter();
  for (const a of attributes) {
    if (!Number.isInteger(a.type) || a.type < 1 || a.type > 0x7fff) {
      throw new FieldError("Attribute type", a.type, "an attribute class is 1-32767: the top bit is the format flag");
    }
    if (a.value instanceof Uint8Array) {
      w.u16(a.type, "Attribute type").u16(a.value.length, "Attribute length").bytes(a.value);
    } else if (Number.isInteger(a.value) && a.value >= 0 && a.value <= 0xffff) {
      w.u16(AF | a.type, "Attribute type").u16(a.value, "Attribute value");
    } else {
      // RFC 2409 Appendix A: a life duration is "variable length"; 86400
      // seconds needs 17 bits, so it must go TLV. 4 bytes is what Cisco and
      // strongSwan send.
      w.u16(a.type, "Attribute type").u16(4, "Attribute length").u32(a.value, "Attribute value");
    }
  }
  return w.finish();
}

export function decodeAttributes(bytes: Uint8Array, base = 0): DataAttribute[] {
  const r = new ByteReader(bytes, base);
  const out: DataAttribute[] = [];
  while (r.remaining > 0) {
    const t = r.u16("Attribute type");
    const type = t & 0x7fff;
    if (type === 0) throw new FieldError("Attribute type", t, "attribute class 0 is reserved");
    if (t & AF) {
      out.push({ type, value: r.u16("Attribute value") });
      continue;
    }
    const length = r.u16("Attribute length");
    const value = r.bytes(length, "Attribute value").slice();
    // A 4-byte value that does not fit TV is the one shape encodeAttributes
    // makes from a number: give it back as that number, so that decoding
    // then encoding returns the same bytes. Anything else stays bytes.
    out.push({ type, value: length === 4 && readU32(value, 0) > 0xffff ? readU32(value, 0) : value });
  }
  return out;
}

/** The value as a number, whichever form it travelled in (TLV values of 1-4 bytes). */
export function attributeNumber(a: DataAttribute): number {
  if (typeof a.value === "number") return a.value;
  if (a.value.length < 1 || a.value.length > 4) {
    throw new FieldError("Attribute value", a.value.length, `attribute ${a.type} holds ${a.value.length} bytes, not a number of 1-4 bytes`);
  }
  return a.value.reduce((n, b) => n * 256 + b, 0);
}
