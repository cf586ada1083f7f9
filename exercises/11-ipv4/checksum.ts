/**
 * Exercise 11-ipv4/checksum: the Internet checksum
 *
 * RFC 1071. Three functions:
 * - `onesComplementSum(data)`: add `data` as 16-bit big-endian words
 *   (bytes 0-1, 2-3, ...). An odd last byte is the high byte of a word whose
 *   low byte is 0. Fold carries back in: while the sum is above 0xffff,
 *   replace it by (sum & 0xffff) + (sum >>> 16). Return the folded sum,
 *   not inverted (0 to 0xffff).
 * - `internetChecksum(data)`: the value for a checksum field, computed while
 *   that field holds zero: the sum inverted, `~sum & 0xffff`.
 * - `checksumIsValid(data)`: true when `data`, with its checksum field
 *   filled in, sums to 0xffff (how a receiver checks, without zeroing).
 *
 * The seed's AH transport packet has the header
 * 45 00 00 7c 00 28 00 00 ff 33 21 d3 c0 a8 0c 01 c0 a8 0c 02:
 * its checksum is 0x21d3, and the whole header sums to 0xffff.
 *
 * Lesson: lessons/11-ipv4.md#checksum
 */
import { todo } from "@course/todo.ts";

/** The one's-complement sum of `data` as 16-bit words, folded to 16 bits (not inverted). */
export function onesComplementSum(data: Uint8Array): number {
  return todo("onesComplementSum");
}

/** The value to put in a checksum field: the inverted sum, computed with that field set to zero. */
export function internetChecksum(data: Uint8Array): number {
  return todo("internetChecksum");
}

/** True when `data`, its checksum field filled in, sums to 0xffff: the receiver's check. */
export function checksumIsValid(data: Uint8Array): boolean {
  return todo("checksumIsValid");
}
