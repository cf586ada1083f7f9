/**
 * Exercise 11-ipv4/decode: decode and check a received IPv4 packet
 *
 * Write `decodeIpv4(packet)`: read the 20-byte header with `ByteReader`
 * ("../01-bytes/reader.ts"), naming each read as Wireshark does ("Version",
 * "Differentiated Services Field", "Total Length", "Identification",
 * "Flags", "Time to Live", "Protocol", "Header Checksum", "Source Address",
 * "Destination Address"), and return the header (addresses as dotted text,
 * flags = top 3 bits of bytes 6-7, fragmentOffset = low 13 bits) and the
 * payload: the bytes from 20 up to Total Length (`subarray` or `slice`:
 * nothing ever writes into it, so a view of `packet` does as well as a copy).
 *
 * Refuse, in this order, with errors from "@course/errors.ts":
 * - cut inside the header: the reader's `TruncatedError` for that field;
 * - version (high nibble of byte 0) not 4: `FieldError` "Version";
 * - IHL (low nibble) below 5 or above 5 (options are not supported
 *   here): `FieldError` "Header Length", value IHL * 4;
 * - Total Length below 20 or above the bytes received: `FieldError`
 *   "Total Length" (more bytes than Total Length is fine: Ethernet pads
 *   short frames, ignore the extra bytes);
 * - a header that does not sum to 0xffff: `FieldError` "Header Checksum".
 *
 * Lesson: lessons/11-ipv4.md#decode
 */
import { todo } from "@course/todo.ts";
import type { Ipv4Header } from "./header.ts";

export interface Ipv4Packet {
  readonly header: Ipv4Header;
  /** The bytes after the header, up to Total Length (a view of the packet or a copy: read it, never write into it). */
  readonly payload: Uint8Array;
}

export function decodeIpv4(packet: Uint8Array): Ipv4Packet {
  return todo("decodeIpv4");
}
