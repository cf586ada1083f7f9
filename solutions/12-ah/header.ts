/**
 * Exercise 12-ah/header: the Authentication Header (reference solution).
 *
 * RFC 4302 section 2: Next Header, Payload Len, Reserved, SPI, Sequence
 * Number, then the ICV. Payload Len is the header's length in 32-bit words
 * minus 2 (an IPv6-style rule: the first 8 bytes are not counted), so with a
 * 96-bit ICV the header is 24 bytes and Payload Len is 4, with a 128-bit
 * ICV it is 28 bytes and 5. Over IPv4 the header must be a whole number of
 * 32-bit words (section 3.3.3.2.1).
 * Lesson: lessons/12-ah.md#header
 */
import { FieldError } from "@course/errors.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

/** Bytes before the ICV: Next Header, Payload Len, Reserved (2), SPI (4), Sequence Number (4). */
export const AH_FIXED_LENGTH = 12;

export interface AhHeader {
  readonly nextHeader: number;
  readonly spi: number;
  readonly sequence: number;
  readonly icv: Uint8Array;
}

/** The whole header's length for an ICV of `icvBytes`; refuses an ICV that breaks 32-bit alignment. */
export function ahHeaderLength(icvBytes: number): number {
  if (!Number.isInteger(icvBytes) || icvBytes < 0 || icvBytes % 4 !== 0) {
    throw new FieldError("AH ICV", icvBytes, "over IPv4 the ICV must be a multiple of 4 bytes so the header stays 32-bit aligned");
  }
  return AH_FIXED_LENGTH + icvBytes;
}

export function encodeAhHeader(h: AhHeader): Uint8Array {
  const length = ahHeaderLength(h.icv.length);
  return new ByteWriter()
    .u8(h.nextHeader, "Next header")
    .u8(length / 4 - 2, "Length")
    .u16(0, "Reserved") // must be zero on send (RFC 4302 section 2.3)
    .u32(h.spi, "AH SPI")
    .u32(h.sequence, "AH Sequence")
    .bytes(h.icv)
    .finish();
}

/** Reads the AH header at the start of `bytes`, for an SA whose ICV is `icvBytes` long. */
export function decodeAhHeader(bytes: Uint8Array, icvBytes: number): AhHeader {
  const r = new ByteReader(bytes);
  const nextHeader = r.u8("Next header");
  const payloadLen = r.u8("Length");
  const want = ahHeaderLength(icvBytes) / 4 - 2;
  // The length must be the one this SA's algorithm gives: any other value would move the ICV.
  if (payloadLen !== want) throw new FieldError("Length", payloadLen, `this SA's ${icvBytes}-byte ICV gives a Payload Len of ${want}`);
  r.skip(2, "Reserved"); // ignored on receipt, though covered by the ICV (RFC 4302 section 2.3)
  const spi = r.u32("AH SPI");
  const sequence = r.u32("AH Sequence");
  const icv = r.bytes(icvBytes, "AH ICV").slice();
  return { nextHeader, spi, sequence, icv };
}
