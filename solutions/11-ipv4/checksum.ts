/**
 * Exercise 11-ipv4/checksum: the Internet checksum (reference solution).
 *
 * RFC 1071: add the data as 16-bit big-endian words in one's-complement
 * arithmetic (a carry out of bit 15 is added back in at the bottom), then
 * invert. IPv4 (RFC 791) uses it over the header, ICMP (RFC 792) over the
 * whole ICMP message. A block that contains its own correct checksum sums to
 * 0xffff, which is how a receiver checks it without zeroing the field first.
 * Lesson: lessons/11-ipv4.md#checksum
 */

/** The one's-complement sum of `data` as 16-bit words, folded to 16 bits (not inverted). */
export function onesComplementSum(data: Uint8Array): number {
  let sum = 0;
  // An odd final byte is the high half of a word whose low half is zero (RFC 1071 section 4.1).
  for (let i = 0; i < data.length; i += 2) sum += (data[i]! << 8) | (data[i + 1] ?? 0);
  // Fold the carries back in: twice is enough for any length a packet can have, the loop is for clarity.
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The value to put in a checksum field: the inverted sum, computed with that field set to zero. */
export function internetChecksum(data: Uint8Array): number {
  return ~onesComplementSum(data) & 0xffff;
}

/** True when `data`, its checksum field filled in, sums to 0xffff: the receiver's check. */
export function checksumIsValid(data: Uint8Array): boolean {
  return onesComplementSum(data) === 0xffff;
}
