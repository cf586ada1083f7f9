/**
 * Exercise 12-ah/protect: AH outbound in transport and tunnel mode
 *
 * - `tunnelHeader(inner, outer)`: the outer header's fields for tunnel mode:
 *   DS field copied from the inner header, flags = the inner DF bit only
 *   (inner.flags & 2), fragment offset 0, TTL `outer.ttl ?? 255`,
 *   identification and addresses from `outer`.
 * - `ahTransport(packet, sa, sequence)`: decode `packet` (decodeIpv4), and
 *   return header' | AH | payload, where header' is the original header
 *   with Protocol 51 and the new Total Length, and AH's Next header is the
 *   original Protocol.
 * - `ahTunnel(packet, sa, sequence, outer)`: outer header (tunnelHeader,
 *   Protocol 51) | AH (Next header 4, IPIP) | the whole original packet.
 *
 * The ICV (computeIcv with the SA's algorithm and key) covers, in order:
 * the final IPv4 header with its mutable fields zeroed (zeroMutableFields),
 * the AH header with its ICV field all zero, and everything after AH. Then
 * put the ICV in the AH header. A sequence number outside 1..2^32-1 is a
 * `FieldError` "AH Sequence" (0 is never sent).
 * The seed's ping (100 bytes) becomes 124 bytes in transport mode and 144
 * in tunnel mode with HMAC-SHA1-96.
 *
 * Lesson: lessons/12-ah.md#protect
 */
import { todo } from "@course/todo.ts";
import type { IntegrityName } from "@course/ipsec-algorithms.ts";
import type { Ipv4Header, Ipv4HeaderFields } from "../11-ipv4/header.ts";

export interface AhSa {
  readonly spi: number;
  readonly integrity: IntegrityName;
  readonly integrityKey: Uint8Array;
}

/** The new outer header of tunnel mode: the tunnel's two ends, not the hosts behind them. */
export interface TunnelEndpoints {
  readonly src: string;
  readonly dst: string;
  readonly identification: number;
  /** 255 unless given, like the seed's routers. */
  readonly ttl?: number;
}

/** The header fields a mode chooses; Protocol and Total Length follow from what is put behind the header. */
export type HeaderTemplate = Omit<Ipv4HeaderFields, "protocol" | "totalLength">;

/**
 * The outer header of tunnel mode. RFC 4301 section 5.1.2.1: the DS field
 * and the DF bit are copied from the inner header; the rest is the tunnel's own.
 */
export function tunnelHeader(inner: Ipv4Header, outer: TunnelEndpoints): HeaderTemplate {
  return todo("tunnelHeader");
}

export function ahTransport(packet: Uint8Array, sa: AhSa, sequence: number): Uint8Array {
  return todo("ahTransport");
}

export function ahTunnel(packet: Uint8Array, sa: AhSa, sequence: number, outer: TunnelEndpoints): Uint8Array {
  return todo("ahTunnel");
}
