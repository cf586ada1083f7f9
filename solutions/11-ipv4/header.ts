/**
 * Exercise 11-ipv4/header: encode an IPv4 header (reference solution).
 *
 * RFC 791 section 3.1. The course sends headers without options, so the
 * header is always 20 bytes and IHL is 5 (five 32-bit words). The checksum
 * covers the header only and is computed with its own field at zero.
 * Lesson: lessons/11-ipv4.md#header
 */
import { FieldError } from "@course/errors.ts";
import { parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { writeU16, writeU8 } from "../01-bytes/integers.ts";
import { internetChecksum } from "./checksum.ts";

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
  if (!Number.isInteger(h.flags) || h.flags < 0 || h.flags > 7) throw new FieldError("Flags", h.flags, "3 bits: 0 to 7");
  if (!Number.isInteger(h.fragmentOffset) || h.fragmentOffset < 0 || h.fragmentOffset > 0x1fff) {
    throw new FieldError("Fragment Offset", h.fragmentOffset, "13 bits: 0 to 8191");
  }
  // Total Length counts the header too, so it can never be below 20.
  if (!Number.isInteger(h.totalLength) || h.totalLength < IPV4_HEADER_LENGTH || h.totalLength > 0xffff) {
    throw new FieldError("Total Length", h.totalLength, "20 to 65535: it counts the 20-byte header as well as the payload");
  }
  // A fixed 20-byte layout (RFC 791 section 3.1), each field at its offset: one small array per header.
  const header = new Uint8Array(IPV4_HEADER_LENGTH);
  writeU8(header, 0, 0x45, "Version"); // version 4 in the high nibble, IHL 5 words in the low one
  writeU8(header, 1, h.tos, "Differentiated Services Field");
  writeU16(header, 2, h.totalLength, "Total Length");
  writeU16(header, 4, h.identification, "Identification");
  writeU16(header, 6, h.flags * 0x2000 + h.fragmentOffset, "Flags");
  writeU8(header, 8, h.ttl, "Time to Live");
  writeU8(header, 9, h.protocol, "Protocol");
  // Bytes 10-11, the Header Checksum, stay zero while the checksum is computed (RFC 791).
  header.set(parseIPv4(h.src), 12);
  header.set(parseIPv4(h.dst), 16);
  const sum = internetChecksum(header);
  header[10] = sum >>> 8;
  header[11] = sum & 0xff;
  return header;
}
