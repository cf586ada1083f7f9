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

interface Subnet {
  readonly network: Uint8Array;
  readonly mask: Uint8Array;
}

function parseSelector(selector: string): Subnet {
  const parts = selector.split("/");
  if (parts.length !== 2 || !/^\d{1,2}$/.test(parts[1]!)) throw new TextFormatError("Traffic selector", selector, 'write "network/prefix", e.g. "192.168.12.0/24"');
  const prefix = Number(parts[1]);
  if (prefix > 32) throw new FieldError("Prefix length", prefix, "0 to 32");
  return { network: parseIPv4(parts[0]!), mask: prefixToMask(prefix) };
}

/**
 * Every packet is looked up, and the policies rarely change: each entry's
 * selectors are parsed the first time they are needed and kept with the entry.
 */
const parsed = new WeakMap<SpdEntry, { src?: Subnet; dst?: Subnet }>();

function selectorOf(entry: SpdEntry, side: "src" | "dst"): Subnet {
  let p = parsed.get(entry);
  if (!p) parsed.set(entry, (p = {}));
  return (p[side] ??= parseSelector(entry[side]));
}

function matches(entry: SpdEntry, side: "src" | "dst", address: Uint8Array): boolean {
  const { network, mask } = selectorOf(entry, side);
  return inSubnet(address, network, mask);
}

/** The first entry that matches the packet's addresses and protocol, or DEFAULT_POLICY. */
export function spdLookup(spd: readonly SpdEntry[], packet: Uint8Array): SpdEntry {
  const { header } = decodeIpv4(packet);
  // decodeIpv4 has checked the header: the addresses are at their RFC 791 offsets, 12 and 16.
  const src = packet.subarray(12, 16);
  const dst = packet.subarray(16, 20);
  for (const entry of spd) {
    if (entry.protocol !== undefined && entry.protocol !== header.protocol) continue;
    if (matches(entry, "src", src) && matches(entry, "dst", dst)) return entry;
  }
  return DEFAULT_POLICY;
}
