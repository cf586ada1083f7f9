/**
 * Exercise 11-ipv4/header: encode an IPv4 header
 *
 * RFC 791 section 3.1. Write `encodeIpv4Header(h)`, returning the 20-byte
 * header (no options) with its checksum filled in:
 *
 *   byte  0     Version (4) and IHL (5 words): always 0x45
 *   byte  1     Differentiated Services Field (h.tos)
 *   bytes 2-3   Total Length (header + payload)
 *   bytes 4-5   Identification
 *   bytes 6-7   Flags (3 bits, on top) and Fragment Offset (13 bits)
 *   byte  8     Time to Live
 *   byte  9     Protocol (1 ICMP, 4 IPIP, 6 TCP, 17 UDP, 50 ESP, 51 AH)
 *   bytes 10-11 Header Checksum: internetChecksum of the 20 bytes written
 *               with this field at 0 (from ./checksum.ts)
 *   bytes 12-15 Source Address, bytes 16-19 Destination Address
 *               (parseIPv4 from "../01-bytes/ipv4-address.ts")
 *
 * Refuse with a `FieldError` from "@course/errors.ts": flags outside 0-7
 * ("Flags"), a fragment offset outside 0-8191 ("Fragment Offset"), a total
 * length below 20 or above 65535 ("Total Length"). ByteWriter with field
 * names does the rest of the range checks for you.
 *
 * Lesson: lessons/11-ipv4.md#header
 */
import { todo } from "@course/todo.ts";

export const IPV4_HEADER_LENGTH = 20;

export interface Ipv4Header {
  /** The whole second byte: DSCP (6 bits) and ECN (2 bits), Wireshark's "Differentiated Services Field". */
  readonly tos: number;
  /** Header plus payload, in bytes. */
  readonly totalLength: number;
  readonly identification: number;
  /** The 3 flag bits: 0x4 reserved, 0x2 Don't Fragment, 0x1 More Fragments. */
  readonly flags: number;
  /** In units of 8 bytes, 13 bits. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  /** Dotted quad, e.g. "192.168.12.1". */
  readonly src: string;
  readonly dst: string;
}

/** What a sender chooses; the checksum is computed, never chosen. */
export type Ipv4HeaderFields = Omit<Ipv4Header, "checksum">;

export function encodeIpv4Header(h: Ipv4HeaderFields): Uint8Array {
  return todo("encodeIpv4Header");
}
