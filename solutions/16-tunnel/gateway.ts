/**
 * Exercise 16-tunnel/gateway: the data path of an IPsec gateway, between a
 * TUN device and UDP port 4500 (reference solution).
 *
 * RFC 4301 section 5 is the whole of it. Outbound (section 5.1): a packet
 * from the protected network meets the SPD; PROTECT sends it through the
 * outbound SA the policy points at, anything else is discarded. Inbound
 * (section 5.2): an ESP packet finds its SA by SPI in the SAD (replay,
 * ICV, lifetime: chapter 15), and the inner packet it carried must then
 * match that SA's selectors, or a peer holding the keys could inject
 * traffic for networks it was never given.
 *
 * The gateway speaks ESP in UDP (RFC 3948): the kernel's UDP socket on
 * port 4500 builds and strips the outer IPv4 and UDP headers, so outbound
 * the IPv4 header the SAD puts in front of ESP is not sent, and inbound it
 * is rebuilt from the datagram's source address for the SAD to read.
 *
 * Rekeying is make-before-break: a new CHILD SA is installed next to the
 * old one; from then on outbound uses the newest, while the old inbound SA
 * keeps accepting what the peer sent before it switched, until removed.
 * Lesson: lessons/16-tunnel.md#gateway
 */
import { FieldError, TextFormatError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { formatIPv4, parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { readU32 } from "../01-bytes/integers.ts";
import { inSubnet, prefixToMask } from "../01-bytes/subnet.ts";
import type { Endpoint } from "../07-main-mode/exchange.ts";
import { sadEntries } from "../09-quick-mode/child-sa.ts";
import type { ChildSa } from "../09-quick-mode/proxy-id.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";
import type { LifetimeState } from "../15-sad/lifetime.ts";
import { classify4500 } from "../15-sad/natt.ts";
import { Sad } from "../15-sad/sad.ts";
import { spdLookup, type SpdEntry } from "../15-sad/spd.ts";

/** A subnet ready for inSubnet: network address and mask. */
export interface Selector {
  readonly network: Uint8Array;
  readonly mask: Uint8Array;
}

/** An installed CHILD SA and what its inbound SA may carry (RFC 4301 section 4.4.2: the SA's traffic selectors). */
export interface InstalledChild {
  readonly child: ChildSa;
  /** Inner Source Address: the peer's protected subnet. */
  readonly src: Selector;
  /** Inner Destination Address: ours. */
  readonly dst: Selector;
}

export interface Gateway {
  /** Our underlay address and IKE port, and the peer's (the tunnel's outer ends). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** The protected subnets, as "network/prefix". */
  readonly localSubnet: string;
  readonly remoteSubnet: string;
  readonly sad: Sad;
  /** One PROTECT entry localSubnet -> remoteSubnet; its `spi` is the newest outbound SA (none: no SA yet). */
  spd: SpdEntry[];
  /** The installed CHILD SAs by inbound SPI, oldest first, their selectors parsed once. */
  readonly children: Map<number, InstalledChild>;
}

export type FromTun =
  /** `datagram`: the UDP payload to send from our port 4500 to the peer's 4500; `spi`: the outbound SA used. */
  | { readonly kind: "esp"; readonly spi: number; readonly datagram: Uint8Array; readonly lifetime: LifetimeState }
  /** The policy says PROTECT but no SA exists yet: hold the packet and start IKE. */
  | { readonly kind: "no-sa" }
  /** No PROTECT policy for this packet: dropped (RFC 4301 section 5.1, DISCARD). */
  | { readonly kind: "discard" };

export type FromUdp =
  /** `packet`: the inner IPv4 packet to write to the TUN device; `spi`: the inbound SA that carried it. */
  | { readonly kind: "packet"; readonly spi: number; readonly packet: Uint8Array; readonly lifetime: LifetimeState }
  /** An IKE message (the non-ESP marker removed): for the IKE daemon. */
  | { readonly kind: "ike"; readonly message: Uint8Array }
  /** A NAT-keepalive (RFC 3948 section 2.3): nothing to do. */
  | { readonly kind: "keepalive" };

function selector(cidr: string, field: string): Selector {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m) throw new TextFormatError(field, cidr, 'a subnet is written "network/prefix", e.g. "10.1.0.0/24"');
  return { network: parseIPv4(m[1]!), mask: prefixToMask(Number(m[2])) };
}

function protect(gw: Gateway, spi: number | undefined): SpdEntry[] {
  const entry: SpdEntry = { action: "protect", src: gw.localSubnet, dst: gw.remoteSubnet };
  return [spi === undefined ? entry : { ...entry, spi }];
}

/** A gateway with its policy and no SA yet: everything it protects will be "no-sa" until installChild. */
export function createGateway(local: Endpoint, remote: Endpoint, localSubnet: string, remoteSubnet: string): Gateway {
  selector(localSubnet, "Local Subnet"); // refuse a typo now, not on the first packet
  selector(remoteSubnet, "Remote Subnet");
  const gw: Gateway = { local, remote, localSubnet, remoteSubnet, sad: new Sad(), spd: [], children: new Map() };
  gw.spd = protect(gw, undefined);
  return gw;
}

/** Adds both SAs of a CHILD SA; outbound traffic moves to it at once (make-before-break). */
export function installChild(gw: Gateway, child: ChildSa, now: number): void {
  // ESP in UDP carries ESP only, and a gateway protects subnets: tunnel mode (RFC 4301 section 4.1).
  if (child.protocol !== "ESP") throw new FieldError("Protocol", child.protocol, "the tunnel carries ESP in UDP 4500 (RFC 3948); AH cannot cross a NAT");
  if (child.mode !== "tunnel") throw new FieldError("Mode", child.mode, "a gateway protects subnets behind it: tunnel mode");
  const [inbound, outbound] = sadEntries(child, gw.local, gw.remote);
  gw.sad.add(inbound!, now);
  gw.sad.add(outbound!, now);
  // The peer's subnet is the inner source of what arrives, ours the inner destination.
  gw.children.set(child.inbound.spi, { child, src: selector(child.remoteSubnet, "Remote Subnet"), dst: selector(child.localSubnet, "Local Subnet") });
  gw.spd = protect(gw, child.outbound.spi);
}

/** Deletes both SAs of a CHILD SA (a Delete arrived, or it expired); outbound falls back to the newest left. */
export function removeChild(gw: Gateway, child: ChildSa): void {
  gw.sad.remove("inbound", "ESP", child.inbound.spi);
  gw.sad.remove("outbound", "ESP", child.outbound.spi);
  gw.children.delete(child.inbound.spi);
  let newest: ChildSa | undefined;
  for (const c of gw.children.values()) newest = c.child; // a Map iterates in insertion order: the last is the newest
  gw.spd = protect(gw, newest?.outbound.spi);
}

/**
 * A packet the TUN device delivered. `iv` is for tests only: without it
 * every packet gets a fresh random IV (RFC 3602 section 3).
 */
export function fromTun(gw: Gateway, packet: Uint8Array, now: number, iv?: Uint8Array): FromTun {
  // The kernel hands the TUN device IPv6 too (router solicitations): no IPv4 policy can protect it.
  if (packet.length === 0 || packet[0]! >>> 4 !== 4) return { kind: "discard" };
  const policy = spdLookup(gw.spd, packet);
  if (policy.action !== "protect") return { kind: "discard" };
  if (policy.spi === undefined) return { kind: "no-sa" };
  const out = gw.sad.outbound("ESP", policy.spi, packet, now, iv);
  // The SAD built outer IPv4 | ESP; the UDP socket sends only the ESP part (RFC 3948 section 2.1).
  return { kind: "esp", spi: policy.spi, datagram: out.packet.subarray(IPV4_HEADER_LENGTH), lifetime: out.lifetime };
}

/** A datagram that arrived on our UDP port 4500 from `from`. Throws the course's typed errors for what must be dropped. */
export function fromUdp(gw: Gateway, datagram: Uint8Array, from: Endpoint, now: number): FromUdp {
  const c = classify4500(datagram);
  if (c.kind !== "esp") return c;
  // Only our peer holds these SAs: ESP from elsewhere is refused before any cryptography is spent on it.
  if (from.address !== gw.remote.address) throw new FieldError("Source Address", from.address, `ESP for this tunnel comes from the peer ${gw.remote.address}`);
  const spi = readU32(c.esp, 0, "ESP SPI");
  // The kernel took the outer IPv4 and UDP headers off; the SAD reads an IPv4 | ESP packet (RFC 3948 section 3.2).
  const outer = encodeIpv4Header({
    tos: 0,
    totalLength: IPV4_HEADER_LENGTH + c.esp.length,
    identification: 0,
    flags: 0,
    fragmentOffset: 0,
    ttl: 64,
    protocol: IP_PROTOCOL.ESP,
    src: from.address,
    dst: gw.local.address,
  });
  const opened = gw.sad.inbound(concatBytes(outer, c.esp), now);
  // Sad.inbound succeeded, so the SPI is one installChild added.
  const sa = gw.children.get(spi)!;
  const inner = opened.packet;
  // RFC 4301 section 5.2 step 4: the decapsulated packet must match the SA's selectors.
  // Source Address is at offset 12 of the inner IPv4 header, Destination Address at 16.
  const src = inner.subarray(12, 16);
  if (!inSubnet(src, sa.src.network, sa.src.mask)) throw new FieldError("Source Address", formatIPv4(src), `this SA carries traffic from ${sa.child.remoteSubnet} only`);
  const dst = inner.subarray(16, 20);
  if (!inSubnet(dst, sa.dst.network, sa.dst.mask)) throw new FieldError("Destination Address", formatIPv4(dst), `this SA carries traffic to ${sa.child.localSubnet} only`);
  return { kind: "packet", spi, packet: inner, lifetime: opened.lifetime };
}
