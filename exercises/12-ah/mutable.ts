/**
 * Exercise 12-ah/mutable: zero what routers may change
 *
 * Write `zeroMutableFields(header)`: given the 20-byte IPv4 header, return a
 * copy with the fields RFC 4302 section 3.3.3.1.1.1 calls mutable set to 0:
 * byte 1 (DS field), bytes 6-7 (flags and fragment offset), byte 8 (TTL)
 * and bytes 10-11 (header checksum). Leave the input untouched. Anything
 * but 20 bytes is a `FieldError` "Header Length" (value: the length).
 *
 * Lesson: lessons/12-ah.md#mutable
 */
import { todo } from "@course/todo.ts";

export function zeroMutableFields(header: Uint8Array): Uint8Array {
  return todo("zeroMutableFields");
}
