/**
 * Exercise 16-tunnel/gateway: the data path of your IPsec gateway, between
 * the TUN device and UDP port 4500
 *
 * RFC 4301 section 5. The daemon (`ipsec-course tunnel up`) reads packets
 * from the TUN device, gives them to `fromTun`, and sends what comes back
 * from its UDP port 4500 to the peer's 4500; datagrams arriving on 4500 go
 * to `fromUdp`, and the inner packets it returns are written to the TUN
 * device. IKE (your chapters 07-10) calls `installChild`/`removeChild`.
 * Everything lives in the `Gateway` object; `now` is in seconds, the clock
 * of chapter 15.
 *
 * - `createGateway(local, remote, localSubnet, remoteSubnet)`: a `Gateway`
 *   with a new `Sad`, no children, and an SPD of ONE entry
 *   `{ action: "protect", src: localSubnet, dst: remoteSubnet }` without
 *   `spi` (no SA yet). Parse both subnets now: "network/prefix", anything
 *   else is a `TextFormatError` "Local Subnet" / "Remote Subnet".
 * - `installChild(gw, child, now)`: only ESP (else `FieldError` "Protocol")
 *   in tunnel mode (else `FieldError` "Mode"). `sadEntries(child, gw.local,
 *   gw.remote)` (chapter 09) gives [inbound, outbound]: `sad.add` both at
 *   `now`. Remember the child under `child.inbound.spi` with its selectors:
 *   src = child.remoteSubnet, dst = child.localSubnet. Then point the SPD
 *   entry's `spi` at `child.outbound.spi`: outbound moves to the newest SA
 *   at once, while older inbound SAs keep working (make-before-break).
 * - `removeChild(gw, child)`: `sad.remove` both SAs ("inbound" with
 *   child.inbound.spi, "outbound" with child.outbound.spi), forget the
 *   child, and point the SPD at the outbound SPI of the newest child left
 *   (none left: no `spi`).
 * - `fromTun(gw, packet, now, iv?)`: a packet whose first nibble is not 4
 *   (the kernel sends IPv6 too) → `{ kind: "discard" }`. `spdLookup`: not
 *   "protect" → discard; no `spi` → `{ kind: "no-sa" }`. Otherwise
 *   `sad.outbound("ESP", spi, packet, now, iv)`: its packet is outer IPv4
 *   (20 bytes) | ESP. Return `{ kind: "esp", spi, datagram, lifetime }`
 *   where `datagram` is the ESP part only: the socket writes the outer IPv4
 *   and UDP headers (RFC 3948 section 2.1).
 * - `fromUdp(gw, datagram, from, now)`: `classify4500`; "ike" and
 *   "keepalive" are returned as they are. For ESP:
 *   1. `from.address` must be `gw.remote.address`, else `FieldError`
 *      "Source Address" (before any cryptography);
 *   2. the SPI is the first 4 bytes;
 *   3. rebuild the IPv4 header the kernel removed, `encodeIpv4Header` with
 *      tos 0, identification 0, flags 0, fragmentOffset 0, ttl 64, protocol
 *      50, src `from.address`, dst `gw.local.address`, totalLength 20 + ESP
 *      length, and give header | ESP to `sad.inbound` (its errors are the
 *      drops: unknown SPI, replay, ICV, lifetime);
 *   4. RFC 4301 section 5.2: the inner packet's Source Address (bytes
 *      12-15) must be in the SA's child.remoteSubnet, else `FieldError`
 *      "Source Address"; its Destination Address (16-19) in
 *      child.localSubnet, else `FieldError` "Destination Address";
 *   5. return `{ kind: "packet", spi, packet: inner, lifetime }`.
 *
 * Lesson: lessons/16-tunnel.md#gateway
 */
import { todo } from "@course/todo.ts";
import type { Endpoint } from "../07-main-mode/exchange.ts";
import type { ChildSa } from "../09-quick-mode/proxy-id.ts";
import type { LifetimeState } from "../15-sad/lifetime.ts";
import type { Sad } from "../15-sad/sad.ts";
import type { SpdEntry } from "../15-sad/spd.ts";

/** A subnet ready for inSubnet (chapter 01): network address and mask. */
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

/** A gateway with its policy and no SA yet: everything it protects will be "no-sa" until installChild. */
export function createGateway(local: Endpoint, remote: Endpoint, localSubnet: string, remoteSubnet: string): Gateway {
  return todo("createGateway");
}

/** Adds both SAs of a CHILD SA; outbound traffic moves to it at once (make-before-break). */
export function installChild(gw: Gateway, child: ChildSa, now: number): void {
  return todo("installChild");
}

/** Deletes both SAs of a CHILD SA (a Delete arrived, or it expired); outbound falls back to the newest left. */
export function removeChild(gw: Gateway, child: ChildSa): void {
  return todo("removeChild");
}

/**
 * A packet the TUN device delivered. `iv` is for tests only: without it
 * every packet gets a fresh random IV (RFC 3602 section 3).
 */
export function fromTun(gw: Gateway, packet: Uint8Array, now: number, iv?: Uint8Array): FromTun {
  return todo("fromTun");
}

/** A datagram that arrived on our UDP port 4500 from `from`. Throws the course's typed errors for what must be dropped. */
export function fromUdp(gw: Gateway, datagram: Uint8Array, from: Endpoint, now: number): FromUdp {
  return todo("fromUdp");
}
