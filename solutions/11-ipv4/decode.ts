/**
 * Exercise 11-ipv4/decode: decode and check a received IPv4 packet (reference solution).
 *
 * RFC 791 section 3.1 and RFC 1122 section 3.2.1: a receiver checks the
 * version, the header length, the total length and the header checksum
 * before it trusts any other field. Each refusal names the field the way
 * Wireshark does, because each one is a different fault on the wire.
 * Lesson: lessons/11-ipv4.md#decode
 */
import { FieldError } from "@course/errors.ts";
import { formatIPv4 } from "../01-bytes/ipv4-address.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { checksumIsValid } from "./checksum.ts";
import { IPV4_HEADER_LENGTH, type Ipv4Header } from "./header.ts";

export interface Ipv4Packet {
  readonly header: Ipv4Header;
  /** The bytes after the header, up to Total Length (a view of the packet or a copy: read it, never write into it). */
  readonly payload: Uint8Array;
}

export function decodeIpv4(packet: Uint8Array): Ipv4Packet {
  const r = new ByteReader(packet);
  const first = r.u8("Version");
  const version = first >>> 4;
  if (version !== 4) throw new FieldError("Version", version, "an IPv4 packet has version 4 in the high nibble of its first byte");
  const ihl = first & 0x0f;
  // IHL counts 32-bit words; below 5 there is no room for the fixed fields.
  if (ihl < 5) throw new FieldError("Header Length", ihl * 4, "at least 20 bytes (IHL 5)");
  // The course's packets carry no options; AH would have to zero some of them (RFC 4302 appendix A1).
  if (ihl > 5) throw new FieldError("Header Length", ihl * 4, "IPv4 options are not supported here: the header must be 20 bytes (IHL 5)");
  const tos = r.u8("Differentiated Services Field");
  const totalLength = r.u16("Total Length");
  const identification = r.u16("Identification");
  const flagsAndOffset = r.u16("Flags");
  const ttl = r.u8("Time to Live");
  const protocol = r.u8("Protocol");
  const checksum = r.u16("Header Checksum");
  const src = formatIPv4(r.bytes(4, "Source Address"));
  const dst = formatIPv4(r.bytes(4, "Destination Address"));
  // Bytes past Total Length are link-layer padding (an Ethernet frame is at least 60 bytes): ignore them.
  // Fewer bytes than Total Length means the packet was cut.
  if (totalLength < IPV4_HEADER_LENGTH) throw new FieldError("Total Length", totalLength, "smaller than the 20-byte header it includes");
  if (totalLength > packet.length) throw new FieldError("Total Length", totalLength, `says more bytes than the ${packet.length} received`);
  if (!checksumIsValid(packet.subarray(0, IPV4_HEADER_LENGTH))) {
    throw new FieldError("Header Checksum", checksum, "the header does not sum to 0xffff: it was damaged in transit");
  }
  return {
    header: { tos, totalLength, identification, flags: flagsAndOffset >>> 13, fragmentOffset: flagsAndOffset & 0x1fff, ttl, protocol, checksum, src, dst },
    // A view, not a copy: every layer of the tunnel's data path decodes the packet again,
    // and copying 1,400 bytes each time costs more than the checks above.
    payload: packet.subarray(IPV4_HEADER_LENGTH, totalLength),
  };
}
