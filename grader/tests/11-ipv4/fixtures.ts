/**
 * Shared by the hidden tests of chapters 11-15: the seed's IPv4 headers (every
 * checksum in the seed's captures checks out with these bytes), the seed's
 * ping, field layouts in Wireshark's words, and the SAs the tests use.
 */
import { fieldAt, fromHexLoose, type Layout, type Rng } from "@teach";
import { IP_PROTOCOL_NAMES } from "@course/ip-protocols.ts";
import type { Ipv4Header } from "@ref/11-ipv4/header.ts";
import { pingPacket } from "@ref/11-ipv4/icmp.ts";
import { internetChecksum } from "@ref/11-ipv4/checksum.ts";

export const R1 = "192.168.12.1";
export const R2 = "192.168.12.2";

const proto = (b: Uint8Array) => IP_PROTOCOL_NAMES[b[0]!] ? `${IP_PROTOCOL_NAMES[b[0]!]} (${b[0]})` : String(b[0]);
const u16 = (b: Uint8Array) => String((b[0]! << 8) | b[1]!);

export const ipv4Layout = (base = 0): Layout => [
  { name: "Version / Header Length", filter: "ip.version, ip.hdr_len", offset: base, length: 1 },
  { name: "Differentiated Services Field", filter: "ip.dsfield", offset: base + 1, length: 1 },
  { name: "Total Length", filter: "ip.len", offset: base + 2, length: 2, explain: u16 },
  { name: "Identification", filter: "ip.id", offset: base + 4, length: 2 },
  { name: "Flags / Fragment Offset", filter: "ip.flags, ip.frag_offset", offset: base + 6, length: 2 },
  { name: "Time to Live", filter: "ip.ttl", offset: base + 8, length: 1, explain: (b) => String(b[0]) },
  { name: "Protocol", filter: "ip.proto", offset: base + 9, length: 1, explain: proto },
  { name: "Header Checksum", filter: "ip.checksum", offset: base + 10, length: 2 },
  { name: "Source Address", filter: "ip.src", offset: base + 12, length: 4, explain: (b) => b.join(".") },
  { name: "Destination Address", filter: "ip.dst", offset: base + 16, length: 4, explain: (b) => b.join(".") },
];

export const ahLayout = (base: number, icvBytes: number): Layout => [
  { name: "Next header", filter: "ah.next_header", offset: base, length: 1, explain: proto },
  { name: "Length", filter: "ah.length", offset: base + 1, length: 1, explain: (b) => String(b[0]) },
  { name: "Reserved", filter: "ah.reserved", offset: base + 2, length: 2 },
  { name: "AH SPI", filter: "ah.spi", offset: base + 4, length: 4 },
  { name: "AH Sequence", filter: "ah.sequence", offset: base + 8, length: 4 },
  { name: "AH ICV", filter: "ah.icv", offset: base + 12, length: icvBytes },
];

export const espLayout = (base: number, total: number, icvBytes: number): Layout => [
  { name: "ESP SPI", filter: "esp.spi", offset: base, length: 4 },
  { name: "ESP Sequence", filter: "esp.sequence", offset: base + 4, length: 4 },
  { name: "ESP IV", filter: "esp.iv", offset: base + 8, length: 16 },
  { name: "ESP Encrypted Data (ciphertext of payload and trailer)", filter: "esp.encrypted_data", offset: base + 24, length: total - icvBytes - base - 24 },
  ...(icvBytes ? [{ name: "ESP ICV", filter: "esp.icv", offset: total - icvBytes, length: icvBytes }] : []),
];

/** A layout that names the IPv4 header and then whatever follows it. */
export const packetLayout = (...more: Layout[]): Layout => [...ipv4Layout(0), ...more.flat()];

export interface SeedHeader {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly header: Ipv4Header;
}

const seedHeader = (label: string, hexText: string, totalLength: number, identification: number, protocol: number, checksum: number): SeedHeader => ({
  label,
  bytes: fromHexLoose(hexText),
  header: { tos: 0, totalLength, identification, flags: 0, fragmentOffset: 0, ttl: 255, protocol, checksum, src: R1, dst: R2 },
});

/** Every IPv4 header printed in the seed's AH and ESP captures (lengths, IDs, protocols and checksums as printed). */
export const SEED_HEADERS: readonly SeedHeader[] = [
  seedHeader("AH transport (frame 1)", "4500007c00280000ff3321d3c0a80c01c0a80c02", 124, 0x0028, 51, 0x21d3),
  seedHeader("AH tunnel, outer header", "4500009002150000ff331fd2c0a80c01c0a80c02", 144, 0x0215, 51, 0x1fd2),
  seedHeader("AH tunnel, inner header", "45000064003c0000ff012209c0a80c01c0a80c02", 100, 0x003c, 1, 0x2209),
  seedHeader("ESP transport", "4500009800420000ff32219ec0a80c01c0a80c02", 152, 0x0042, 50, 0x219e),
  seedHeader("ESP tunnel", "450000a8023e0000ff321f92c0a80c01c0a80c02", 168, 0x023e, 50, 0x1f92),
  seedHeader("AH+ESP transport", "450000a400560000ff33217dc0a80c01c0a80c02", 164, 0x0056, 51, 0x217d),
  seedHeader("AH+ESP tunnel", "450000b402510000ff331f72c0a80c01c0a80c02", 180, 0x0251, 51, 0x1f72),
];

/** 72 data bytes, as in the seed's pings (the 0xabcd pattern Cisco IOS fills pings with). */
export const PING_DATA = Uint8Array.from({ length: 72 }, (_, i) => (i % 2 === 0 ? 0xab : 0xcd));

/**
 * The seed's echo request: 100 bytes, 192.168.12.1 → .2, identifier 8,
 * sequence 0, TTL 255. The IPv4 Identification differs per capture: 0x003c in
 * the AH tunnel capture, 0x0028 / 0x0042 / 0x0056 in the transport-mode ones.
 */
export const seedPing = (identification = 0x003c) => pingPacket({ src: R1, dst: R2, identification, echo: { type: 8, identifier: 8, sequence: 0, data: PING_DATA } });
export const SEED_PING = seedPing();

/** A random ping between random private addresses, random sizes and fields. */
export function randomPing(r: Rng, maxData = 300): Uint8Array {
  const addr = () => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
  return pingPacket({
    src: addr(),
    dst: addr(),
    identification: r.int(0, 0xffff),
    ttl: r.int(1, 255),
    echo: { type: r.pick([8, 0] as const), identifier: r.int(0, 0xffff), sequence: r.int(0, 0xffff), data: r.bytes(r.int(0, maxData)) },
  });
}

/** The field a byte offset falls in, for messages. */
export function fieldName(layout: Layout, offset: number): string {
  return fieldAt(layout, offset)?.name ?? `byte ${offset}`;
}

/** A copy with one bit flipped. */
export function flipBit(bytes: Uint8Array, offset: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[offset]! ^= 1 << bit;
  return copy;
}

/** A copy whose IPv4 header checksum is made right again, as a forger would. */
export function fixChecksum(packet: Uint8Array): Uint8Array {
  const copy = packet.slice();
  copy[10] = 0;
  copy[11] = 0;
  const sum = internetChecksum(copy.subarray(0, 20));
  copy[10] = sum >>> 8;
  copy[11] = sum & 0xff;
  return copy;
}

/** The first `length` bytes, with Total Length and checksum saying so: a packet cut, not a header damaged. */
export function cutTo(packet: Uint8Array, length: number): Uint8Array {
  const copy = packet.slice(0, length);
  copy[2] = length >>> 8;
  copy[3] = length & 0xff;
  return fixChecksum(copy);
}
