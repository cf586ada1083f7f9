/**
 * Exercise 12-ah/header: the Authentication Header
 *
 * RFC 4302 section 2:
 *
 *   byte  0     Next header (what follows AH: 1 ICMP, 4 IPIP, 50 ESP...)
 *   byte  1     Length ("Payload Len"): AH's length in 32-bit words, minus 2
 *   bytes 2-3   Reserved, zero
 *   bytes 4-7   AH SPI
 *   bytes 8-11  AH Sequence
 *   bytes 12-   AH ICV (12 bytes for the -96 algorithms, 16 for SHA-256-128)
 *
 * - `ahHeaderLength(icvBytes)`: 12 + icvBytes; over IPv4 AH must be a
 *   multiple of 4 bytes, so an icvBytes that is not a multiple of 4 (or is
 *   negative or not an integer) is a `FieldError` "AH ICV".
 * - `encodeAhHeader(h)`: the header bytes, Length = length / 4 - 2
 *   (4 with a 12-byte ICV, 5 with a 16-byte one).
 * - `decodeAhHeader(bytes, icvBytes)`: read the header at the start of
 *   `bytes` with ByteReader, fields named as above. The Length must be the
 *   one `icvBytes` gives, else `FieldError` "Length". Reserved is ignored.
 *   Return a copy of the ICV. Short input: the reader's `TruncatedError`.
 *
 * Lesson: lessons/12-ah.md#header
 */
import { todo } from "@course/todo.ts";

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
  return todo("ahHeaderLength");
}

export function encodeAhHeader(h: AhHeader): Uint8Array {
  return todo("encodeAhHeader");
}

/** Reads the AH header at the start of `bytes`, for an SA whose ICV is `icvBytes` long. */
export function decodeAhHeader(bytes: Uint8Array, icvBytes: number): AhHeader {
  return todo("decodeAhHeader");
}
