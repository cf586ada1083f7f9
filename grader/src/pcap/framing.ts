/**
 * What a capture wraps around an IKE message or an IPsec packet: IPv4
 * (RFC 791), UDP (RFC 768) and Ethernet II. This is the grader's own framing,
 * kept apart from the learner's chapter-11 IPv4 code so that a capture of
 * chapter 03's messages never depends on later chapters.
 */

export const IPPROTO_UDP = 17;

/** The Internet checksum (RFC 1071): one's complement of the one's-complement sum of 16-bit words. */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += (part[i]! << 8) | (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function address(text: string): Uint8Array {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${text}`);
  return Uint8Array.from(parts);
}

export interface IpOptions {
  readonly src: string;
  readonly dst: string;
  readonly protocol: number;
  readonly payload: Uint8Array;
  /** Identification field; captures look real when it counts up per sender. */
  readonly id?: number;
  readonly ttl?: number;
}

/** A 20-byte IPv4 header (no options, DF clear) with a correct header checksum, then the payload. */
export function ipv4Packet(o: IpOptions): Uint8Array {
  const total = 20 + o.payload.length;
  if (total > 0xffff) throw new Error(`IPv4 packet of ${total} bytes does not fit the Total Length field`);
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  p[0] = 0x45; // version 4, IHL 5 words
  v.setUint16(2, total);
  v.setUint16(4, (o.id ?? 0) & 0xffff);
  p[8] = o.ttl ?? 255; // the seed's routers send with TTL 255
  p[9] = o.protocol;
  p.set(address(o.src), 12);
  p.set(address(o.dst), 16);
  v.setUint16(10, internetChecksum(p.subarray(0, 20)));
  p.set(o.payload, 20);
  return p;
}

export interface UdpOptions extends Omit<IpOptions, "protocol"> {
  readonly sport: number;
  readonly dport: number;
}

/** An IPv4 packet carrying one UDP datagram, the UDP checksum computed over the pseudo-header (RFC 768). */
export function udpPacket(o: UdpOptions): Uint8Array {
  const length = 8 + o.payload.length;
  const udp = new Uint8Array(length);
  const v = new DataView(udp.buffer);
  v.setUint16(0, o.sport);
  v.setUint16(2, o.dport);
  v.setUint16(4, length);
  udp.set(o.payload, 8);
  const pseudo = new Uint8Array(12);
  pseudo.set(address(o.src), 0);
  pseudo.set(address(o.dst), 4);
  pseudo[9] = IPPROTO_UDP;
  new DataView(pseudo.buffer).setUint16(10, length);
  // A computed zero is sent as 0xffff: zero on the wire means "no checksum".
  v.setUint16(6, internetChecksum(pseudo, udp) || 0xffff);
  return ipv4Packet({ ...o, protocol: IPPROTO_UDP, payload: udp });
}

/**
 * Ethernet II around an IPv4 packet. The MAC addresses are locally
 * administered (02:00) and end in the IPv4 address, so each host keeps one
 * MAC throughout the capture.
 */
export function ethernetFrame(ip: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + ip.length);
  const mac = (a: Uint8Array) => [0x02, 0x00, ...a];
  frame.set(mac(ip.subarray(16, 20)), 0);
  frame.set(mac(ip.subarray(12, 16)), 6);
  frame[12] = 0x08; // EtherType 0x0800: IPv4
  frame[13] = 0x00;
  frame.set(ip, 14);
  return frame;
}
