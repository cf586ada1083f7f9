/**
 * Hidden tests for 12-ah/protect: AH outbound (RFC 4302 sections 3.1 and 3.3).
 * The seed's ping protected with HMAC-SHA1-96 must come out at the seed's
 * sizes and headers, 124 bytes in transport mode and 144 in tunnel mode, and
 * its ICV is recomputed here with node:crypto, independently of the course's code.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { ahTransport, ahTunnel, tunnelHeader } from "@impl/12-ah/protect.ts";
import * as ref from "@ref/12-ah/protect.ts";
import { decodeIpv4 } from "@ref/11-ipv4/decode.ts";
import { ahLayout, packetLayout, randomPing, SEED_HEADERS, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { AH_TRANSPORT_SA, AH_TUNNEL_SA, randomAhSa, SHA1_KEY, TUNNEL } from "./sas.ts";

/** The ICV by hand: HMAC-SHA1 over the packet with DS field, flags/offset, TTL, checksum and ICV zeroed, first 12 bytes. */
function handIcv(packet: Uint8Array): Uint8Array {
  const z = packet.slice();
  z[1] = 0;
  z.fill(0, 6, 9);
  z.fill(0, 10, 12);
  z.fill(0, 32, 44);
  return createHmac("sha1", SHA1_KEY).update(z).digest().subarray(0, 12);
}

describe("step 1: transport mode, the seed's packet", () => {
  const got = () => ahTransport(seedPing(0x0028), AH_TRANSPORT_SA, 30);
  test("124 bytes, and the seed's IPv4 header byte for byte", () => {
    const p = got();
    expectEqual(p.length, 124, { what: "ahTransport(the seed's ping).length", why: "20 (IP) + 24 (AH with a 12-byte ICV) + 80 (ICMP): the seed's Total Length 124." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[0]!.bytes, {
      what: "the IPv4 header of ahTransport(the seed's ping, ID 0x0028)",
      layout: packetLayout(),
      why: "transport mode keeps the original header (ID, TTL, addresses) with Protocol 51 and Total Length 124, checksum recomputed: exactly the seed's frame 1 header, checksum 0x21d3.",
    });
  });
  test("AH carries ICMP with the SPI and sequence number, and the ICPM message follows unchanged", () => {
    const p = got();
    const ping = seedPing(0x0028);
    expectBytes(p.subarray(20, 32), Uint8Array.from([1, 4, 0, 0, 0xcf, 0x54, 0xcc, 0xdf, 0, 0, 0, 30]), { what: "AH's fixed fields in ahTransport(the seed's ping)", layout: ahLayout(0, 12), why: "Next header is the original Protocol (ICMP, 1); Payload Len 4; the seed's SPI 0xcf54ccdf and sequence 30." });
    expectBytes(p.subarray(44), ping.subarray(20), { what: "the bytes after AH", why: "AH does not encrypt: the ICMP message travels as it was." });
  });
  test("the ICV is HMAC-SHA1-96 over the packet with mutable fields and ICV zeroed (checked with node:crypto)", () => {
    const p = got();
    expectBytes(p.subarray(32, 44), handIcv(p), {
      what: "the AH ICV of ahTransport(the seed's ping)",
      layout: [{ name: "AH ICV", filter: "ah.icv", offset: 0, length: 12 }],
      why: "RFC 4302 section 3.3.3: the ICV covers the IP header with DS field, flags, fragment offset, TTL and checksum as zero, AH with its ICV field zero, and the payload. Compute it with the final Total Length and Protocol in place.",
    });
  });
});

describe("step 2: tunnel mode, the seed's packet", () => {
  test("144 bytes: the seed's outer header, AH with Next header IPIP, then the whole original packet", () => {
    const p = ahTunnel(SEED_PING, AH_TUNNEL_SA, 5, TUNNEL);
    expectEqual(p.length, 144, { what: "ahTunnel(the seed's ping).length", why: "20 (new IP) + 24 (AH) + 100 (the original packet): the seed's Total Length 144." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[1]!.bytes, { what: "the outer IPv4 header of ahTunnel(the seed's ping, ID 0x0215)", layout: packetLayout(), why: "the seed's outer header: Protocol 51, Total Length 144, ID 0x0215, checksum 0x1fd2." });
    expectEqual(p[20], 4, { what: "AH's Next header in tunnel mode", why: "the protected payload is a whole IPv4 packet: IPIP (4)." });
    expectBytes(p.subarray(44), SEED_PING, { what: "the packet behind AH", why: "tunnel mode carries the original packet untouched, its header included (the seed's inner header, checksum 0x2209)." });
    expectBytes(p.subarray(32, 44), handIcv(p), { what: "the AH ICV in tunnel mode (checked with node:crypto)", layout: [{ name: "AH ICV", filter: "ah.icv", offset: 0, length: 12 }], why: "the same rule, over the outer header, AH and the whole inner packet." });
  });
  test("the outer header copies the DS field and the DF bit, nothing else", () => {
    const inner = { ...decodeIpv4(SEED_PING).header, tos: 0xb8, flags: 0x3, ttl: 7 };
    expectEqual(tunnelHeader(inner, TUNNEL), { tos: 0xb8, identification: 0x0215, flags: 0x2, fragmentOffset: 0, ttl: 255, src: TUNNEL.src, dst: TUNNEL.dst }, {
      what: "tunnelHeader(inner with DS 0xb8, flags DF+MF, TTL 7)",
      why: "RFC 4301 section 5.1.2.1: DS field and DF are copied from the inner header; MF and the offset belong to the inner packet's fragmentation, TTL and addresses are the tunnel's own.",
    });
  });
});

describe("step 3: random packets and SAs agree with the reference", () => {
  test("transport and tunnel, MD5, SHA-1 and SHA-256", () => {
    const r = rng("ah protect random");
    for (let i = 0; i < 30; i++) {
      const sa = randomAhSa(r);
      const p = randomPing(r);
      const seq = r.int(1, 0xffffffff);
      const icv = sa.integrity === "hmac-sha256-128" ? 16 : 12;
      expectBytes(ahTransport(p, sa, seq), ref.ahTransport(p, sa, seq), { what: `ahTransport(${p.length}-byte ping, ${sa.integrity}, seq ${seq})`, layout: packetLayout(ahLayout(20, icv)) });
      const outer = { src: "172.16.0.1", dst: "172.16.0.2", identification: r.int(0, 0xffff) };
      expectBytes(ahTunnel(p, sa, seq, outer), ref.ahTunnel(p, sa, seq, outer), { what: `ahTunnel(${p.length}-byte ping, ${sa.integrity}, seq ${seq})`, layout: packetLayout(ahLayout(20, icv)) });
    }
  });
  test("sequence number 0 is never sent", () => {
    expectThrows(() => ahTransport(SEED_PING, AH_TRANSPORT_SA, 0), { what: "ahTransport(seq 0)", error: "FieldError", field: "AH Sequence", why: "the counter starts at 0 and every packet carries counter + 1 (RFC 4302 section 3.3.2): the first packet is 1." });
  });
});
