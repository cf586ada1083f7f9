/**
 * Exercise 01-bytes/ipv4-address: dotted quad ↔ 4 bytes
 *
 * People write an IPv4 address as four decimal numbers; on the wire it is
 * 4 bytes, most significant first (RFC 791 section 3.1). ISAKMP's ID_IPV4_ADDR
 * identity (RFC 2407 section 4.6.2.2) carries exactly those 4 bytes: the
 * seed's responder 192.168.12.2 appears in its Identification payload as
 * c0 a8 0c 02. Write the four conversions.
 *
 * Every error below names the field "IPv4 address" (classes from
 * "@course/errors.ts").
 *
 * - `parseIPv4(text)`: "192.168.12.1" → Uint8Array [192, 168, 12, 1].
 *   Strict: exactly four parts separated by single dots, each part 1 to 3
 *   ASCII digits with a value from 0 to 255 and no leading zero ("0" is fine,
 *   "01" is not: some parsers read it as octal). No spaces, signs, empty
 *   parts or hex. Anything else throws
 *   `new TextFormatError("IPv4 address", text, reason)`. Rejected, for
 *   example: "192.168.12", "192.168.12.1.5", "256.1.1.1", "01.2.3.4",
 *   "1.2.3.-4", " 1.2.3.4", "1..3.4", "", "a.b.c.d".
 * - `formatIPv4(bytes)`: the reverse, "192.168.12.1" (no leading zeros).
 *   Input that is not exactly 4 bytes throws
 *   `new FieldError("IPv4 address", bytes.length, reason)`.
 * - `ipv4ToNumber(bytes)`: the 4 bytes as one unsigned 32-bit number:
 *   192.168.12.2 → 3232238594 (0xc0a80c02), never negative. Input that is
 *   not exactly 4 bytes throws `new FieldError("IPv4 address", bytes.length, reason)`.
 * - `numberToIPv4(value)`: the reverse, a new 4-byte Uint8Array. A value that
 *   is not a whole number from 0 to 4294967295 throws
 *   `new FieldError("IPv4 address", value, reason)`.
 *
 * Your own `readU32` / `writeU32` from `./integers.ts` (the previous exercise)
 * do the last two for you if you pass "IPv4 address" as their field name:
 * `import { readU32, writeU32 } from "./integers.ts";`
 *
 * RFC 791 section 3.1 (addresses); RFC 2407 section 4.6.2.2 (ID_IPV4_ADDR).
 * Lesson: lessons/01-bytes.md#ipv4-address
 */
import { todo } from "@course/todo.ts";

export function parseIPv4(text: string): Uint8Array {
  return todo("parseIPv4");
}

export function formatIPv4(bytes: Uint8Array): string {
  return todo("formatIPv4");
}

export function ipv4ToNumber(bytes: Uint8Array): number {
  return todo("ipv4ToNumber");
}

export function numberToIPv4(value: number): Uint8Array {
  return todo("numberToIPv4");
}
