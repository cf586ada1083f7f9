/** Hidden tests for 12-ah/verify: AH inbound, RFC 4302 section 3.4. Every accepted packet has a tampered twin. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { ahVerify } from "@impl/12-ah/verify.ts";
import { ahTransport, ahTunnel } from "@ref/12-ah/protect.ts";
import { encodeIpv4Header } from "@ref/11-ipv4/header.ts";
import { decodeIpv4 } from "@ref/11-ipv4/decode.ts";
import { cutTo, fixChecksum, flipBit, randomPing, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { AH_TRANSPORT_SA, AH_TUNNEL_SA, randomAhSa, TUNNEL } from "./sas.ts";

/** Rewrites TTL (and the checksum), as every router on the way does. */
function routed(packet: Uint8Array, ttl: number): Uint8Array {
  const { header } = decodeIpv4(packet);
  const out = packet.slice();
  out.set(encodeIpv4Header({ ...header, ttl }));
  return out;
}

describe("step 1: genuine packets are accepted", () => {
  test("transport mode: the original packet comes back", () => {
    const ping = seedPing(0x0028);
    const got = ahVerify(ahTransport(ping, AH_TRANSPORT_SA, 30), AH_TRANSPORT_SA);
    expectEqual(got.mode, "transport", { what: "ahVerify(the seed's AH transport packet).mode" });
    expectEqual(got.sequence, 30, { what: "ahVerify(the seed's AH transport packet).sequence" });
    expectBytes(got.packet, ping, { what: "ahVerify(the seed's AH transport packet).packet", why: "without AH: Protocol back to ICMP, Total Length back to 100, checksum recomputed." });
  });
  test("tunnel mode: the inner packet comes back", () => {
    const got = ahVerify(ahTunnel(SEED_PING, AH_TUNNEL_SA, 5, TUNNEL), AH_TUNNEL_SA);
    expectEqual(got.mode, "tunnel", { what: "ahVerify(the seed's AH tunnel packet).mode" });
    expectBytes(got.packet, SEED_PING, { what: "ahVerify(the seed's AH tunnel packet).packet" });
  });
  test("a packet whose TTL and checksum routers changed is still genuine", () => {
    const p = routed(ahTransport(seedPing(0x0028), AH_TRANSPORT_SA, 30), 250);
    expectEqual(ahVerify(p, AH_TRANSPORT_SA).sequence, 30, { what: "ahVerify(the seed's AH packet after 5 routers: TTL 250).sequence", why: "TTL and the header checksum are mutable: they count as zero in the ICV, so routing does not break AH." });
  });
  test("random packets and SAs", () => {
    const r = rng("ah verify random");
    for (let i = 0; i < 20; i++) {
      const sa = randomAhSa(r);
      const p = randomPing(r);
      const tunnel = r.next() < 0.5;
      const sent = tunnel ? ahTunnel(p, sa, i + 1, { ...TUNNEL, identification: i }) : ahTransport(p, sa, i + 1);
      expectBytes(ahVerify(sent, sa).packet, p, { what: `ahVerify(${tunnel ? "tunnel" : "transport"}, ${sa.integrity}).packet` });
    }
  });
});

describe("step 2: tampered twins are refused", () => {
  const sent = ahTransport(seedPing(0x0028), AH_TRANSPORT_SA, 30);
  test("a flipped bit in the ICMP data, the ICV, the sequence number or the source address: IntegrityError", () => {
    const cases: [number, string][] = [[80, "the ICMP data"], [40, "the ICV"], [31, "the AH sequence number"], [15, "the source address (checksum fixed up)"]];
    for (const [at, what] of cases) {
      const bad = fixChecksum(flipBit(sent, at));
      expectThrows(() => ahVerify(bad, AH_TRANSPORT_SA), {
        what: `ahVerify(the seed's AH packet with a bit of ${what} flipped)`,
        error: "IntegrityError",
        field: "AH ICV",
        why: "AH covers every immutable byte: payload, AH header, and the IP header's addresses, lengths and protocol. A forger who fixes the IP checksum still cannot fix the ICV without the key.",
      });
    }
  });
  test("the wrong key: IntegrityError", () => {
    const other = { ...AH_TRANSPORT_SA, integrityKey: AH_TRANSPORT_SA.integrityKey.map((b) => b ^ 1) };
    expectThrows(() => ahVerify(sent, other), { what: "ahVerify(the seed's AH packet, an SA with another key)", error: "IntegrityError", field: "AH ICV" });
  });
  test("another SPI: FieldError AH SPI", () => {
    expectThrows(() => ahVerify(sent, AH_TUNNEL_SA), { what: "ahVerify(SPI 0xcf54ccdf, the SA of SPI 0x646adc80)", error: "FieldError", field: "AH SPI", why: "the SPI names the SA; a packet for another SA must not even be checked with this SA's key." });
  });
  test("not AH at all, and cut inside AH", () => {
    expectThrows(() => ahVerify(SEED_PING, AH_TRANSPORT_SA), { what: "ahVerify(a plain ping)", error: "FieldError", field: "Protocol" });
    expectThrows(() => ahVerify(cutTo(sent, 40), AH_TRANSPORT_SA), { what: "ahVerify(a 40-byte packet: AH cut inside its ICV)", error: "TruncatedError", field: "AH ICV" });
  });
});
