/**
 * Exercise 12-ah/verify: AH inbound (reference solution).
 *
 * RFC 4302 section 3.4: find the SA by SPI, recompute the ICV over the
 * packet as received (mutable fields zeroed, ICV field zeroed), and compare
 * in constant time. Only a packet whose ICV matches is given back: in
 * transport mode the original packet with AH taken out, in tunnel mode the
 * inner packet.
 * Lesson: lessons/12-ah.md#verify
 */
import { FieldError, IntegrityError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { INTEGRITY } from "@course/ipsec-algorithms.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";
import { AH_FIXED_LENGTH, ahHeaderLength, decodeAhHeader } from "./header.ts";
import { computeIcv, constantTimeEqual } from "./integrity.ts";
import { zeroMutableFields } from "./mutable.ts";
import type { AhSa } from "./protect.ts";

export interface AhInbound {
  readonly sequence: number;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet without AH. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function ahVerify(packet: Uint8Array, sa: AhSa): AhInbound {
  const { header, payload } = decodeIpv4(packet);
  if (header.protocol !== IP_PROTOCOL.AH) throw new FieldError("Protocol", header.protocol, "not AH (51)");
  const icvBytes = INTEGRITY[sa.integrity].icvBytes;
  const ah = decodeAhHeader(payload, icvBytes);
  if (ah.spi !== sa.spi) throw new FieldError("AH SPI", ah.spi, `this SA's SPI is 0x${sa.spi.toString(16).padStart(8, "0")}`);
  const ahLength = ahHeaderLength(icvBytes);
  const blank = payload.slice(0, ahLength);
  blank.fill(0, AH_FIXED_LENGTH); // the ICV field counts as zero, the Reserved bytes as received
  const body = payload.subarray(ahLength);
  const want = computeIcv(sa.integrity, sa.integrityKey, concatBytes(zeroMutableFields(packet.subarray(0, IPV4_HEADER_LENGTH)), blank, body));
  if (!constantTimeEqual(want, ah.icv)) throw new IntegrityError("AH ICV", "the ICV does not match: the packet was changed, or sent with another key");
  if (ah.nextHeader === IP_PROTOCOL.IPIP) {
    decodeIpv4(body); // the inner packet must be a sound IPv4 packet before it is forwarded
    return { sequence: ah.sequence, mode: "tunnel", packet: body.slice() };
  }
  const original = encodeIpv4Header({ ...header, protocol: ah.nextHeader, totalLength: IPV4_HEADER_LENGTH + body.length });
  return { sequence: ah.sequence, mode: "transport", packet: concatBytes(original, body) };
}
