/**
 * Exercise 02-isakmp-header/cookie: anti-clogging cookies (reference
 * solution).
 *
 * RFC 2408 section 2.5.3 asks for cookies that are tied to the two parties,
 * that only their maker can produce, and that are fast to compute; it
 * suggests hashing the addresses, ports, a local secret and the time, but
 * fixes no algorithm. The recipe below is this course's choice:
 *
 *   first 8 bytes of SHA-256( secret | peer IPv4 | peer port (u16)
 *                             | local IPv4 | local port (u16) | time (u32) )
 *
 * Lesson: lessons/02-isakmp-header.md#cookie
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

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

/** RFC 2408 section 3.1: a cookie fills an 8-byte SPI field. */
const COOKIE_LENGTH = 8;

export function makeCookie(input: CookieInput): Uint8Array {
  const message = new ByteWriter()
    .bytes(input.secret)
    .bytes(parseIPv4(input.peerAddress))
    .u16(input.peerPort, "Peer port")
    .bytes(parseIPv4(input.localAddress))
    .u16(input.localPort, "Local port")
    .u32(input.time, "Time")
    .finish();
  return sha256(message).slice(0, COOKIE_LENGTH);
}
