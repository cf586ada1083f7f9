/**
 * Exercise 13-esp/padding: the ESP trailer
 *
 * RFC 4303 section 2.4. Before encryption ESP appends Padding, Pad Length
 * (1 byte) and Next Header (1 byte) so that payload + trailer is a multiple
 * of the block size (and of 4 at least).
 *
 * - `espTrailer(payloadLength, nextHeader, blockBytes)`: the trailer bytes.
 *   Use the fewest padding bytes that align payloadLength + padding + 2 to
 *   max(4, blockBytes); the padding bytes are 1, 2, 3, ...; then the pad
 *   length, then nextHeader. The seed's ICMP message (80 bytes) with AES
 *   (16) gets 14 padding bytes: 80 + 14 + 2 = 96.
 * - `removeTrailer(plaintext)`: the reverse, after decryption. Fewer than 2
 *   bytes: `TruncatedError` "ESP Pad Length" (offset, needed 2, available
 *   = plaintext.length). Pad length larger than the bytes before the two
 *   trailer bytes: `FieldError` "ESP Pad Length". A padding byte that breaks
 *   the 1, 2, 3... pattern: `FieldError` "Pad" (value: the wrong byte).
 *   Return the payload (a view of `plaintext` or a copy) and the next header.
 *
 * Lesson: lessons/13-esp.md#padding
 */
import { todo } from "@course/todo.ts";

export function espTrailer(payloadLength: number, nextHeader: number, blockBytes: number): Uint8Array {
  return todo("espTrailer");
}

export interface Unpadded {
  readonly payload: Uint8Array;
  readonly nextHeader: number;
}

/** Checks and removes the trailer of a decrypted ESP payload. */
export function removeTrailer(plaintext: Uint8Array): Unpadded {
  return todo("removeTrailer");
}
