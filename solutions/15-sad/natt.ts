/**
 * Exercise 15-sad/natt: ESP in UDP for NAT traversal (reference solution).
 *
 * RFC 3948: a NAT cannot rewrite ports on ESP (it has none), so behind a NAT
 * ESP travels inside UDP on port 4500, which IKE also uses after it has
 * detected the NAT (RFC 3947). The two share the port by the first four bytes:
 * IKE messages there start with a four-byte zero "non-ESP marker", while an
 * ESP packet starts with its SPI, which is never zero (section 2.2). A single
 * 0xff byte is a NAT-keepalive (section 2.3), sent to keep the NAT's mapping.
 * Lesson: lessons/15-sad.md#natt
 */
import { FieldError, TruncatedError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";

export const NAT_T_PORT = 4500;
export const UDP_HEADER_LENGTH = 8;

export type Port4500Payload =
  | { readonly kind: "keepalive" }
  | { readonly kind: "ike"; readonly message: Uint8Array }
  | { readonly kind: "esp"; readonly esp: Uint8Array };

/** Sorts a UDP payload received on port 4500. */
export function classify4500(payload: Uint8Array): Port4500Payload {
  if (payload.length === 1 && payload[0] === 0xff) return { kind: "keepalive" };
  const marker = new ByteReader(payload).u32("Non-ESP Marker");
  // Zero cannot be an SPI (RFC 4303 section 2.1), so four zero bytes can only be the marker.
  if (marker === 0) return { kind: "ike", message: payload.slice(4) };
  if (payload.length < 8) throw new TruncatedError("ESP Sequence", 4, 4, payload.length - 4);
  // The datagram itself: ESP inbound only reads it.
  return { kind: "esp", esp: payload };
}

/** IPv4 | ESP → IPv4 | UDP 4500 | ESP (RFC 3948 section 2.1), UDP checksum zero. */
export function espInUdp(packet: Uint8Array, sport = NAT_T_PORT, dport = NAT_T_PORT): Uint8Array {
  const { header, payload } = decodeIpv4(packet);
  if (header.protocol !== IP_PROTOCOL.ESP) throw new FieldError("Protocol", header.protocol, "only ESP (50) is carried in UDP");
  // Section 2.1: the checksum is sent as zero; ESP's ICV protects the contents already.
  const udp = new ByteWriter().u16(sport, "Source Port").u16(dport, "Destination Port").u16(UDP_HEADER_LENGTH + payload.length, "Length").u16(0, "Checksum").finish();
  const ip = encodeIpv4Header({ ...header, protocol: IP_PROTOCOL.UDP, totalLength: IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH + payload.length });
  return concatBytes(ip, udp, payload);
}

/** IPv4 | UDP 4500 | ESP → IPv4 | ESP, ready for ESP inbound processing (section 3.2). */
export function espFromUdp(packet: Uint8Array): Uint8Array {
  const { header, payload } = decodeIpv4(packet);
  if (header.protocol !== IP_PROTOCOL.UDP) throw new FieldError("Protocol", header.protocol, "not UDP (17)");
  const r = new ByteReader(payload);
  r.skip(2, "Source Port");
  const dport = r.u16("Destination Port");
  if (dport !== NAT_T_PORT) throw new FieldError("Destination Port", dport, "ESP in UDP arrives on port 4500");
  const length = r.u16("Length");
  if (length !== payload.length) throw new FieldError("Length", length, `the UDP datagram is ${payload.length} bytes`);
  r.skip(2, "Checksum");
  const inner = classify4500(r.rest());
  if (inner.kind !== "esp") throw new FieldError("Non-ESP Marker", 0, "this datagram is not ESP (IKE or a keepalive)");
  const ip = encodeIpv4Header({ ...header, protocol: IP_PROTOCOL.ESP, totalLength: IPV4_HEADER_LENGTH + inner.esp.length });
  return concatBytes(ip, inner.esp);
}
