/**
 * Exercise 02-isakmp-header/decode: decode and validate a received header
 *
 * Write `decodeHeader(datagram)`: `datagram` is the whole UDP payload
 * (header followed by the payloads). Read the 8 header fields in order
 * with `ByteReader` from "../01-bytes/reader.ts", naming each read as
 * Wireshark does: "Initiator SPI", "Responder SPI", "Next payload",
 * "Version", "Exchange type", "Flags", "Message ID", "Length". Return an
 * `IsakmpHeader` whose two SPIs are copies (`slice()`), not views into
 * `datagram`.
 *
 * Reject what a responder must not trust (RFC 2408 sections 3.1 and 5.2),
 * each time with a typed error from "@course/errors.ts" naming the field:
 * - fewer than 28 bytes: `TruncatedError` naming the field that ran out
 *   (the reader does this for you: 0 bytes → "Initiator SPI",
 *   27 bytes → "Length");
 * - Version other than 1.0 (0x10): `FieldError` "Version". Major must be 1;
 *   a larger minor version is refused too, because RFC 2408 says never to
 *   accept a minor version larger than your own, and ours is 0;
 * - Exchange type not in EXCHANGE_TYPE_NAMES ("@course/isakmp-names.ts"),
 *   or 0 (NONE, which names no exchange): `FieldError` "Exchange type".
 *   Valid: 1-6, 32 and 33;
 * - a reserved flag bit set: `FieldError` "Flags" (decodeFlags does it);
 * - Length smaller than 28: `FieldError` "Length";
 * - Length different from `datagram.length` (too short or too long):
 *   `FieldError` "Length". Length counts the whole message, header included.
 *
 * Next payload and Message ID are returned as they are; checking them is
 * the job of later steps.
 *
 * Lesson: lessons/02-isakmp-header.md#decode
 */
import { todo } from "@course/todo.ts";
import type { IsakmpHeader } from "./header.ts";

export function decodeHeader(datagram: Uint8Array): IsakmpHeader {
  return todo("decodeHeader");
}
