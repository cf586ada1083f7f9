/**
 * Hidden tests for 13-esp/encapsulate: ESP outbound, RFC 4303 and RFC 3602.
 * RFC 3602's four sample packets byte for byte, the seed's sizes (152 and
 * 168 bytes), and the ICV recomputed with node:crypto.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, hex, rng } from "@teach";
import { espPacket, espTransport, espTunnel } from "@impl/13-esp/encapsulate.ts";
import * as ref from "@ref/13-esp/encapsulate.ts";
import { espLayout, packetLayout, randomPing, SEED_HEADERS, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { ESP_TRANSPORT_SA, ESP_TUNNEL_SA, IV, randomEspSa, SHA1_KEY, TUNNEL } from "../12-ah/sas.ts";
import { ESP_CASES } from "./vectors.ts";

const saOf = (c: (typeof ESP_CASES)[number]) => ({ spi: c.spi, encryption: "aes-128-cbc" as const, encryptionKey: c.key, integrity: "none" as const, integrityKey: new Uint8Array(0) });

describe("step 1: RFC 3602's sample packets (AES-128-CBC, no ICV)", () => {
  test("cases 5-8, whole IPv4 packets byte for byte", () => {
    for (const c of ESP_CASES) {
      const got =
        c.mode === "transport"
          ? espTransport(c.originalPacket, saOf(c), c.sequence, c.iv)
          : espTunnel(c.originalPacket, saOf(c), c.sequence, { src: c.src, dst: c.dst, identification: (c.outerIpHeader[4]! << 8) | c.outerIpHeader[5]!, ttl: c.outerIpHeader[8]! }, c.iv);
      expectBytes(got, c.fullIpPacket, {
        what: `esp${c.mode === "transport" ? "Transport" : "Tunnel"}(RFC 3602 case ${c.case}: ${c.title})`,
        layout: packetLayout(espLayout(20, c.fullIpPacket.length, 0)),
        why: "RFC 3602 section 4 printed these packets: SPI, sequence number, the IV in the clear, then the ciphertext of payload + 1,2,3... padding + pad length + next header.",
      });
    }
  });
});

describe("step 2: the seed's sizes with AES-128-CBC and HMAC-SHA1-96", () => {
  test("transport mode: 152 bytes, the seed's header, an ICV over SPI..ciphertext", () => {
    const p = espTransport(seedPing(0x0042), ESP_TRANSPORT_SA, 1, IV);
    expectEqual(p.length, 152, { what: "espTransport(the seed's ping).length", why: "20 (IP) + 8 (SPI, sequence) + 16 (IV) + 96 (80 bytes of ICMP + 14 padding + 2) + 12 (ICV): the seed's Total Length 152." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[3]!.bytes, { what: "the IPv4 header of espTransport(the seed's ping, ID 0x0042)", layout: packetLayout(), why: "the original header with Protocol 50 and Total Length 152: the seed's, checksum 0x219e." });
    expectBytes(p.subarray(20, 28), Uint8Array.from([0x36, 0xcb, 0x42, 0xdf, 0, 0, 0, 1]), { what: "SPI and sequence of espTransport(the seed's ping)", layout: espLayout(0, 132, 12), why: "the seed's SPI 0x36cb42df, sequence 1." });
    const icv = createHmac("sha1", SHA1_KEY).update(p.subarray(20, 140)).digest().subarray(0, 12);
    expectBytes(p.subarray(140), icv, { what: "the ESP ICV (checked with node:crypto)", why: "RFC 4303 section 2.8: the ICV covers SPI, sequence number, IV and ciphertext, never the IP header." });
  });
  test("tunnel mode: 168 bytes with the seed's outer header", () => {
    const p = espTunnel(SEED_PING, ESP_TUNNEL_SA, 5, { ...TUNNEL, identification: 0x023e }, IV);
    expectEqual(p.length, 168, { what: "espTunnel(the seed's ping).length", why: "20 + 8 + 16 + 112 (100-byte packet + 10 padding + 2) + 12: the seed's Total Length 168." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[4]!.bytes, { what: "the outer header of espTunnel(the seed's ping, ID 0x023e)", layout: packetLayout(), why: "the seed's ESP tunnel header: Total Length 168, checksum 0x1f92." });
  });
  test("without an IV argument, each packet gets a fresh random IV", () => {
    const a = espTransport(SEED_PING, ESP_TRANSPORT_SA, 1);
    const b = espTransport(SEED_PING, ESP_TRANSPORT_SA, 1);
    expectTrue(hex(a.subarray(28, 44)) !== hex(b.subarray(28, 44)), "two packets sent without a given IV carried the same IV.", "RFC 3602 section 3: the CBC IV must be unpredictable; a repeated IV shows which packets start with the same bytes.");
  });
});

describe("step 3: random packets and SAs agree with the reference", () => {
  test("AES-128 and AES-256, every integrity algorithm and none, both modes", () => {
    const r = rng("esp encapsulate random");
    for (let i = 0; i < 30; i++) {
      const sa = randomEspSa(r, r.next() < 0.8);
      const p = randomPing(r);
      const seq = r.int(1, 0xffffffff);
      const iv = r.bytes(16);
      const icv = sa.integrity === "none" ? 0 : sa.integrity === "hmac-sha256-128" ? 16 : 12;
      const t = ref.espTransport(p, sa, seq, iv);
      expectBytes(espTransport(p, sa, seq, iv), t, { what: `espTransport(${p.length}-byte ping, ${sa.encryption}, ${sa.integrity})`, layout: packetLayout(espLayout(20, t.length, icv)) });
      const outer = { src: "172.16.0.1", dst: "172.16.0.2", identification: r.int(0, 0xffff) };
      const u = ref.espTunnel(p, sa, seq, outer, iv);
      expectBytes(espTunnel(p, sa, seq, outer, iv), u, { what: `espTunnel(${p.length}-byte ping, ${sa.encryption}, ${sa.integrity})`, layout: packetLayout(espLayout(20, u.length, icv)) });
      expectBytes(espPacket(sa, seq, p, 4, iv), u.subarray(20), { what: `espPacket(tunnel payload, ${sa.encryption}, ${sa.integrity})` });
    }
  });
  test("sequence 0 and a key of the wrong size are refused", () => {
    expectThrows(() => espTransport(SEED_PING, ESP_TRANSPORT_SA, 0, IV), { what: "espTransport(seq 0)", error: "FieldError", field: "ESP Sequence" });
    expectThrows(() => espTransport(SEED_PING, { ...ESP_TRANSPORT_SA, encryption: "aes-256-cbc" }, 1, IV), { what: "espTransport(an aes-256-cbc SA with a 16-byte key)", error: "FieldError", field: "Encryption key", why: "AES-256 needs 32 bytes of key; the peer negotiated 256 bits and would decrypt garbage." });
  });
});
