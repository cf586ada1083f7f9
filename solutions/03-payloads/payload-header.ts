/**
 * Exercise 03-payloads/payload-header: the generic payload header (reference
 * solution).
 *
 * Every ISAKMP payload starts with the same 4 bytes (RFC 2408 section 3.2):
 * the type of the payload that comes *after* this one, a reserved byte, and
 * the length of this payload, header included. That is all a receiver needs
 * to step over a payload it does not understand.
 * Lesson: lessons/03-payloads.md#payload-header
 */
import { FieldError } from "@course/errors.ts";
import type { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

export const GENERIC_HEADER_LENGTH = 4;

export interface GenericHeader {
  /** The type of the next payload (0 = none): RFC 2408 chains payloads forwards. */
  nextPayload: number;
  /** Bytes of this payload, these 4 header bytes included. */
  length: number;
}

/** A whole payload: generic header then body, the length filled in from the body. */
export function encodePayload(nextPayload: number, body: Uint8Array): Uint8Array {
  // The writer refuses a body over 65531 bytes by naming "Payload length":
  // a 16-bit length cannot describe it.
  return new ByteWriter()
    .u8(nextPayload, "Next payload")
    .u8(0, "Reserved")
    .u16(GENERIC_HEADER_LENGTH + body.length, "Payload length")
    .bytes(body)
    .finish();
}

export function readGenericHeader(r: ByteReader): GenericHeader {
  const nextPayload = r.u8("Next payload");
  // RFC 2408 section 3.2: RESERVED is unused and MUST be 0. A set byte means
  // the sender speaks something else (IKEv2 uses this bit as "critical").
  const reserved = r.u8("Reserved");
  if (reserved !== 0) throw new FieldError("Reserved", reserved, "the generic payload header's reserved byte must be 0");
  const length = r.u16("Payload length");
  // A length below 4 cannot even cover the header: a walker that trusted it
  // would step back or stand still, and never reach the end.
  if (length < GENERIC_HEADER_LENGTH) throw new FieldError("Payload length", length, "a payload is at least its 4-byte generic header");
  return { nextPayload, length };
}
