/**
 * Exercise 12-ah/protect: AH outbound, transport and tunnel mode (reference solution).
 *
 * Transport mode (RFC 4302 section 3.1.1) puts AH between the original IPv4
 * header and its payload; tunnel mode (section 3.1.2) builds a new outer
 * header and protects the whole original packet behind AH with Next Header
 * 4 (IPIP). Either way the ICV covers the outer header with its mutable
 * fields zeroed, the AH header with its ICV zeroed, and everything after it
 * (section 3.3.3). The header goes on the wire with its real values and a
 * checksum computed last, after the ICV is in place.
 * Lesson: lessons/12-ah.md#protect
 */
import { FieldError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { INTEGRITY, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH, type Ipv4Header, type Ipv4HeaderFields } from "../11-ipv4/header.ts";
import { ahHeaderLength, encodeAhHeader } from "./header.ts";
import { computeIcv } from "./integrity.ts";
import { zeroMutableFields } from "./mutable.ts";

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
  return { tos: inner.tos, identification: outer.identification, flags: inner.flags & 0x2, fragmentOffset: 0, ttl: outer.ttl ?? 255, src: outer.src, dst: outer.dst };
}

/** Builds header + AH + payload with the ICV computed over the immutable parts. */
function authenticate(header: HeaderTemplate, nextHeader: number, payload: Uint8Array, sa: AhSa, sequence: number): Uint8Array {
  // Sequence number 0 is never sent: the counter starts at 1 (RFC 4302 section 3.3.2).
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 0xffffffff) throw new FieldError("AH Sequence", sequence, "1 to 2^32-1");
  const icvBytes = INTEGRITY[sa.integrity].icvBytes;
  const ahLength = ahHeaderLength(icvBytes);
  // Total Length and Protocol are immutable: they must hold their final values before the ICV is computed.
  const ipHeader = encodeIpv4Header({ ...header, protocol: IP_PROTOCOL.AH, totalLength: IPV4_HEADER_LENGTH + ahLength + payload.length });
  const fields = { nextHeader, spi: sa.spi, sequence };
  const blank = encodeAhHeader({ ...fields, icv: new Uint8Array(icvBytes) });
  const icv = computeIcv(sa.integrity, sa.integrityKey, concatBytes(zeroMutableFields(ipHeader), blank, payload));
  return concatBytes(ipHeader, encodeAhHeader({ ...fields, icv }), payload);
}

export function ahTransport(packet: Uint8Array, sa: AhSa, sequence: number): Uint8Array {
  const { header, payload } = decodeIpv4(packet);
  // AH takes the original header's place in the protocol chain: Next Header says what came after it.
  return authenticate(header, header.protocol, payload, sa, sequence);
}

export function ahTunnel(packet: Uint8Array, sa: AhSa, sequence: number, outer: TunnelEndpoints): Uint8Array {
  return authenticate(tunnelHeader(decodeIpv4(packet).header, outer), IP_PROTOCOL.IPIP, packet, sa, sequence);
}
