/**
 * Exercise 15-sad/spd: the security policy database (reference solution).
 *
 * RFC 4301 section 4.4.1: every packet is matched against an ordered list of
 * policies, and the first that matches decides: PROTECT (send it through an
 * SA), BYPASS (send it in the clear) or DISCARD. A packet no entry matches is
 * discarded. On a Cisco router the crypto map's access-list plays this role:
 * its "permit" lines are the traffic to protect.
 * Lesson: lessons/15-sad.md#spd
 */
import { FieldError, TextFormatError } from "@course/errors.ts";
import { parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { inSubnet, prefixToMask } from "../01-bytes/subnet.ts";
import { decodeIpv4 } from "../11-ipv4/decode.ts";

export type SpdAction = "protect" | "bypass" | "discard";

export interface SpdEntry {
  readonly action: SpdAction;
  /** Source and destination selectors as "network/prefix", e.g. "192.168.12.0/24"; "0.0.0.0/0" is any. */
  readonly src: string;
  readonly dst: string;
  /** IP protocol number to match; absent matches every protocol (an ACL's "ip"). */
  readonly protocol?: number;
  /** For "protect": the SPI of the outbound SA to use. */
  readonly spi?: number;
}

/** What a packet that matches nothing gets (RFC 4301 section 4.4.1). */
export const DEFAULT_POLICY: SpdEntry = { action: "discard", src: "0.0.0.0/0", dst: "0.0.0.0/0" };

function matches(selector: string, address: string): boolean {
  const parts = selector.split("/");
  if (parts.length !== 2 || !/^\d{1,2}$/.test(parts[1]!)) throw new TextFormatError("Traffic selector", selector, 'write "network/prefix", e.g. "192.168.12.0/24"');
  const prefix = Number(parts[1]);
  if (prefix > 32) throw new FieldError("Prefix length", prefix, "0 to 32");
  return inSubnet(parseIPv4(address), parseIPv4(parts[0]!), prefixToMask(prefix));
}

/** The first entry that matches the packet's addresses and protocol, or DEFAULT_POLICY. */
export function spdLookup(spd: readonly SpdEntry[], packet: Uint8Array): SpdEntry {
  const { header } = decodeIpv4(packet);
  for (const entry of spd) {
    if (entry.protocol !== undefined && entry.protocol !== header.protocol) continue;
    if (matches(entry.src, header.src) && matches(entry.dst, header.dst)) return entry;
  }
  return DEFAULT_POLICY;
}
