/**
 * Exercise 01-bytes/integers: big-endian integers (u8, u16, u32, u64)
 *
 * Every multi-byte number in IKE, AH and ESP travels most significant byte
 * first: "network byte order" (RFC 791 Appendix B), and ISAKMP (RFC 2408)
 * follows it for every field. The seed's main mode message 1 has `Length: 168`,
 * which is the four bytes 00 00 00 a8 at offset 24 of the ISAKMP header.
 * Write the eight functions every parser and builder in this course uses.
 *
 * Reading: `readU8/readU16/readU32(buf, offset, field)` return a number,
 * `readU64` returns a bigint (a 64-bit value does not fit in a JS number).
 * - Results are never negative: bytes e2 2a 74 c1 (the seed's quick mode
 *   Message ID) read as 3794433217, not -500534079. Beware `<<`: it makes
 *   signed 32-bit numbers in JavaScript.
 *
 * Writing: `writeU8/writeU16/writeU32(buf, offset, value, field)` and
 * `writeU64(buf, offset, value: bigint, field)` store the value big-endian
 * into `buf` in place and return nothing. They touch only their own bytes.
 *
 * `field` names the field in Wireshark's words ("Length", "Message ID") for
 * error messages. When the caller gives none, it defaults to "u8", "u16",
 * "u32" or "u64" after the function's size.
 *
 * Errors (classes from "@course/errors.ts"), checked before anything is read
 * or written, so a rejected write leaves `buf` unchanged:
 * - a write whose value is not a whole number from 0 to 2^bits - 1 (negative,
 *   too big, 1.5, NaN; for u64 a bigint below 0n or above 2^64 - 1):
 *   `new FieldError(field, value, reason)`. Writes check the value first,
 *   then the room.
 * - an offset that is not a whole number ≥ 0: `new FieldError(field, offset, reason)`.
 * - not enough bytes from `offset` to the end of `buf`:
 *   `new TruncatedError(field, offset, needed, available)` where `needed` is
 *   the field's size (1, 2, 4 or 8) and `available` is how many bytes remain
 *   from `offset` (0 if `offset` is at or beyond the end).
 *
 * RFC 791 Appendix B (byte order); RFC 2408 section 3.1 (the header's fields).
 * Lesson: lessons/01-bytes.md#integers
 */
import { todo } from "@course/todo.ts";

export function readU8(buf: Uint8Array, offset: number, field = "u8"): number {
  return todo("readU8");
}

export function readU16(buf: Uint8Array, offset: number, field = "u16"): number {
  return todo("readU16");
}

export function readU32(buf: Uint8Array, offset: number, field = "u32"): number {
  return todo("readU32");
}

export function readU64(buf: Uint8Array, offset: number, field = "u64"): bigint {
  return todo("readU64");
}

export function writeU8(buf: Uint8Array, offset: number, value: number, field = "u8"): void {
  return todo("writeU8");
}

export function writeU16(buf: Uint8Array, offset: number, value: number, field = "u16"): void {
  return todo("writeU16");
}

export function writeU32(buf: Uint8Array, offset: number, value: number, field = "u32"): void {
  return todo("writeU32");
}

export function writeU64(buf: Uint8Array, offset: number, value: bigint, field = "u64"): void {
  return todo("writeU64");
}
