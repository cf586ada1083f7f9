/**
 * Shared by the 16-tunnel hidden tests and the data plane's self-tests: the
 * lab's two gateways (left 192.168.12.1 with 10.1.0.0/24 behind it, right
 * 192.168.12.2 with 10.2.0.0/24), CHILD SAs as quick mode would hand them
 * over (each side's inbound keys are the other side's outbound keys), and
 * packets between the two subnets.
 */
import type { Rng } from "@teach";
import type { Endpoint } from "@ref/07-main-mode/exchange.ts";
import type { ChildKeys, ChildSa } from "@ref/09-quick-mode/proxy-id.ts";
import type { Lifetime } from "@ref/04-negotiation/ipsec-transform.ts";
import { pingPacket } from "@ref/11-ipv4/icmp.ts";

export const LEFT: Endpoint = { address: "192.168.12.1", port: 4500 };
export const RIGHT: Endpoint = { address: "192.168.12.2", port: 4500 };
export const LEFT_LAN = "10.1.0.0/24";
export const RIGHT_LAN = "10.2.0.0/24";

/** The two halves of one CHILD SA: `left` as the left gateway holds it, `right` as the right one does. */
export interface ChildPair {
  readonly left: ChildSa;
  readonly right: ChildSa;
}

/** ESP tunnel mode in UDP 4500, random SPIs and keys; AES-128 + HMAC-SHA-1-96 (the seed's transform set) unless `strong`. */
export function childPair(r: Rng, options: { lifetime?: Lifetime; strong?: boolean } = {}): ChildPair {
  const strong = options.strong ?? false;
  const keys = (): ChildKeys => ({ spi: r.int(0x100, 0xffffffff), encKey: r.bytes(strong ? 32 : 16), integKey: r.bytes(strong ? 32 : 20) });
  const toRight = keys();
  const toLeft = keys();
  const common = {
    protocol: "ESP",
    mode: "tunnel",
    udpEncapsulation: true,
    encryption: strong ? "aes-256-cbc" : "aes-128-cbc",
    integrity: strong ? "hmac-sha256-128" : "hmac-sha1-96",
    lifetime: options.lifetime ?? { seconds: 3600, kilobytes: 4608000 },
    messageId: r.int(1, 0xffffffff),
    pfs: false,
  } as const;
  return {
    left: { ...common, inbound: toLeft, outbound: toRight, localSubnet: LEFT_LAN, remoteSubnet: RIGHT_LAN },
    right: { ...common, inbound: toRight, outbound: toLeft, localSubnet: RIGHT_LAN, remoteSubnet: LEFT_LAN },
  };
}

/** A host address inside "a.b.c.0/24". */
export const host = (lan: string, n: number): string => lan.replace(/\.0\/24$/, `.${n}`);

/** A ping from a host in `fromLan` to a host in `toLan`, random fields, minData to maxData bytes of data. */
export function lanPing(r: Rng, fromLan: string, toLan: string, maxData = 1300, minData = 0): Uint8Array {
  return pingPacket({
    src: host(fromLan, r.int(1, 254)),
    dst: host(toLan, r.int(1, 254)),
    identification: r.int(0, 0xffff),
    ttl: r.int(2, 64),
    echo: { type: 8, identifier: r.int(0, 0xffff), sequence: r.int(0, 0xffff), data: r.bytes(r.int(minData, maxData)) },
  });
}
