/**
 * Exercise 02-isakmp-header/cookie: anti-clogging cookies
 *
 * The 8-byte SPIs of the header are the "cookies" of RFC 2408 section
 * 2.5.3. The RFC describes what a cookie must achieve (tied to the two
 * peers, computable only by its maker, fast) and suggests hashing the
 * addresses, ports, a local secret and the time, but leaves the exact
 * algorithm to each implementation. This course's recipe:
 *
 *   cookie = first 8 bytes of SHA-256 over, in this order,
 *     secret            (all its bytes)
 *     peer IPv4 address (4 bytes)
 *     peer port         (u16, big-endian)
 *     local IPv4 address (4 bytes)
 *     local port        (u16, big-endian)
 *     time              (u32, big-endian, seconds)
 *
 * Write `makeCookie(input)`. Build the bytes with `ByteWriter`
 * ("../01-bytes/writer.ts") and `parseIPv4` ("../01-bytes/ipv4-address.ts"),
 * hash them with `sha256` from "@noble/hashes/sha2.js" (it takes and
 * returns a Uint8Array), and return the first 8 bytes.
 *
 * Errors: a bad address is rejected by parseIPv4 (`TextFormatError`,
 * field "IPv4 address"); a port that does not fit in 16 bits or a time
 * that does not fit in 32 bits is rejected by the writer, so pass it the
 * field names "Peer port", "Local port" and "Time" (`FieldError`).
 *
 * Lesson: lessons/02-isakmp-header.md#cookie
 */
import { todo } from "@course/todo.ts";

export interface CookieInput {
  /** Known only to this host: without it nobody else can compute our cookies. */
  secret: Uint8Array;
  localAddress: string;
  localPort: number;
  peerAddress: string;
  peerPort: number;
  /** Seconds (for example since 1970), so two SAs set up at different times get different cookies. */
  time: number;
}

export function makeCookie(input: CookieInput): Uint8Array {
  return todo("makeCookie");
}
