/**
 * Exercise 13-esp/padding: the ESP trailer (reference solution).
 *
 * RFC 4303 section 2.4: before encryption the payload gets Padding, a Pad
 * Length byte and a Next Header byte, so that the whole is a multiple of the
 * cipher's block size (16 for AES-CBC, RFC 3602 section 2.4) and the
 * ciphertext ends on a 4-byte boundary. The default padding bytes are
 * 1, 2, 3, ..., and a receiver checks them: that check is what notices a
 * wrong key or a damaged packet when ESP has no ICV of its own.
 * Lesson: lessons/13-esp.md#padding
 */
import { FieldError, TruncatedError } from "@course/errors.ts";

export function espTrailer(payloadLength: number, nextHeader: number, blockBytes: number): Uint8Array {
  // At least 4: the ICV that follows must start on a 32-bit boundary (section 2.4).
  const align = Math.max(4, blockBytes);
  const padLength = (align - ((payloadLength + 2) % align)) % align;
  const trailer = new Uint8Array(padLength + 2);
  for (let i = 0; i < padLength; i++) trailer[i] = i + 1;
  trailer[padLength] = padLength;
  trailer[padLength + 1] = nextHeader;
  return trailer;
}

export interface Unpadded {
  readonly payload: Uint8Array;
  readonly nextHeader: number;
}

/** Checks and removes the trailer of a decrypted ESP payload. */
export function removeTrailer(plaintext: Uint8Array): Unpadded {
  if (plaintext.length < 2) throw new TruncatedError("ESP Pad Length", plaintext.length, 2, plaintext.length);
  const padLength = plaintext[plaintext.length - 2]!;
  const nextHeader = plaintext[plaintext.length - 1]!;
  const end = plaintext.length - 2 - padLength;
  if (end < 0) throw new FieldError("ESP Pad Length", padLength, `more padding than the ${plaintext.length - 2} bytes before it`);
  for (let i = 0; i < padLength; i++) {
    // Section 2.4: the receiver should check the 1, 2, 3... pattern.
    if (plaintext[end + i] !== i + 1) throw new FieldError("Pad", plaintext[end + i]!, `padding byte ${i + 1} must be ${i + 1}`);
  }
  // A view: the plaintext is the decryption's own fresh buffer, nobody else holds it.
  return { payload: plaintext.subarray(0, end), nextHeader };
}
