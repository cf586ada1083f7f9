/**
 * Exercise 02-isakmp-header/header: encode the 28-byte header (reference
 * solution).
 *
 * Every ISAKMP message starts with the same fixed header (RFC 2408 section
 * 3.1, Figure 2): two 8-byte cookies, four one-byte fields, then two 32-bit
 * fields in network byte order.
 * Lesson: lessons/02-isakmp-header.md#header
 */
import { FieldError } from "@course/errors.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { encodeFlags, encodeVersion, type Flags, type Version } from "./version-flags.ts";

export const ISAKMP_HEADER_LENGTH = 28;

export interface IsakmpHeader {
  initiatorSpi: Uint8Array;
  responderSpi: Uint8Array;
  nextPayload: number;
  version: Version;
  exchangeType: number;
  flags: Flags;
  messageId: number;
  length: number;
}

/** RFC 2408 section 3.1: each cookie is exactly 8 octets. */
const COOKIE_LENGTH = 8;

function checkCookie(cookie: Uint8Array, field: string): void {
  // A 7- or 9-byte cookie would slide every later field by a byte, and the
  // peer would read garbage for the exchange type, flags and length.
  if (cookie.length !== COOKIE_LENGTH) throw new FieldError(field, cookie.length, `a cookie is exactly ${COOKIE_LENGTH} bytes`);
}

export function encodeHeader(h: IsakmpHeader): Uint8Array {
  checkCookie(h.initiatorSpi, "Initiator SPI");
  checkCookie(h.responderSpi, "Responder SPI");
  // The writer checks that each number fits its field and names the field if not.
  return new ByteWriter()
    .bytes(h.initiatorSpi)
    .bytes(h.responderSpi)
    .u8(h.nextPayload, "Next payload")
    .u8(encodeVersion(h.version), "Version")
    .u8(h.exchangeType, "Exchange type")
    .u8(encodeFlags(h.flags), "Flags")
    .u32(h.messageId, "Message ID")
    .u32(h.length, "Length")
    .finish();
}
