/**
 * Exercise 03-payloads/payload-header: the generic payload header
 *
 * Every payload starts with 4 bytes (RFC 2408 section 3.2):
 *   byte 0     Next payload: the type of the payload AFTER this one (0 = none)
 *   byte 1     Reserved: must be 0
 *   bytes 2-3  Payload length: this payload's size, these 4 bytes included
 *
 * - `encodePayload(nextPayload, body)`: the 4 header bytes followed by the
 *   body, Payload length = 4 + body.length. Use ByteWriter from
 *   "../01-bytes/writer.ts" and name the fields "Next payload", "Reserved",
 *   "Payload length", so a body over 65531 bytes is refused with a FieldError
 *   naming "Payload length".
 * - `readGenericHeader(reader)`: read the 4 bytes from a ByteReader
 *   ("../01-bytes/reader.ts"), with the same field names, so a short input
 *   gives the reader's TruncatedError naming the field that ran out. Refuse
 *   a non-zero Reserved byte (FieldError "Reserved") and a Payload length
 *   below 4 (FieldError "Payload length"). Return { nextPayload, length }.
 *
 * Lesson: lessons/03-payloads.md#payload-header
 */
import { todo } from "@course/todo.ts";
import type { ByteReader } from "../01-bytes/reader.ts";

export const GENERIC_HEADER_LENGTH = 4;

export interface GenericHeader {
  /** The type of the next payload (0 = none): RFC 2408 chains payloads forwards. */
  nextPayload: number;
  /** Bytes of this payload, these 4 header bytes included. */
  length: number;
}

/** A whole payload: generic header then body, the length filled in from the body. */
export function encodePayload(nextPayload: number, body: Uint8Array): Uint8Array {
  return todo("encodePayload");
}

export function readGenericHeader(r: ByteReader): GenericHeader {
  return todo("readGenericHeader");
}

