/**
 * Exercise 05-diffie-hellman/encoding: big numbers as fixed-length bytes
 *
 * A KE payload carries g^x mod p as a big-endian number of exactly the
 * prime's length, zeros in front when the number is smaller (RFC 2409
 * section 5): 128 octets in group 2, 256 in group 14. The shared secret goes
 * into the key derivation in the same form.
 *
 * 1. `bigIntToBytes(value, length, field)`: `value` as `length` big-endian
 *    octets. Errors: value < 0, or value too big for `length` octets →
 *    FieldError(field, value, reason).
 * 2. `bytesToBigInt(bytes)`: the unsigned big-endian number (empty → 0n).
 *
 * Lesson: lessons/05-diffie-hellman.md#encoding
 */
import { todo } from "@course/todo.ts";

export function bigIntToBytes(value: bigint, length: number, field: string): Uint8Array {
  return todo("bigIntToBytes");
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return todo("bytesToBigInt");
}
