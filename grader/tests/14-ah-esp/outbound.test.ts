/**
 * Hidden tests for 14-ah-esp/outbound: ESP first, AH outside (RFC 4301
 * section 4.3). The seed's sizes: 164 bytes in transport mode, 180 in tunnel mode.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, rng } from "@teach";
import { bundleTransport, bundleTunnel } from "@impl/14-ah-esp/outbound.ts";
import * as ref from "@ref/14-ah-esp/outbound.ts";
import { ahVerify } from "@ref/12-ah/verify.ts";
import { espTransport } from "@ref/13-esp/encapsulate.ts";
import { ahLayout, packetLayout, randomPing, SEED_HEADERS, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { BUNDLE_TRANSPORT, BUNDLE_TUNNEL, IV, randomAhSa, randomEspSa, TUNNEL } from "../12-ah/sas.ts";

describe("step 1: transport mode, the seed's packet", () => {
  test("164 bytes: IP | AH (next header ESP) | ESP, with the seed's header", () => {
    const p = bundleTransport(seedPing(0x0056), BUNDLE_TRANSPORT, { ah: 1, esp: 1 }, IV);
    expectEqual(p.length, 164, { what: "bundleTransport(the seed's ping).length", why: "20 (IP) + 24 (AH) + 8 (ESP header) + 16 (IV) + 96 (80 + 14 + 2): the seed's 164. ESP carries no ICV here, AH authenticates." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[5]!.bytes, { what: "the IPv4 header of bundleTransport(the seed's ping, ID 0x0056)", layout: packetLayout(), why: "the seed's AH+ESP transport header: Protocol 51, Total Length 164, checksum 0x217d." });
    expectBytes(p.subarray(20, 32), Uint8Array.from([50, 4, 0, 0, 0xa9, 0x0d, 0xc9, 0xaa, 0, 0, 0, 1]), { what: "AH in bundleTransport(the seed's ping)", layout: ahLayout(0, 12), why: "AH is outside, so its Next header is ESP (50): Wireshark's \"Next Header: Encap Security Payload (0x32)\"." });
    expectBytes(p.subarray(44, 48), Uint8Array.from([0xd2, 0x26, 0x4f, 0x7a]), { what: "the ESP SPI after AH", why: "the seed's ESP SPI 0xd2264f7a follows AH." });
  });
  test("it is exactly ESP transport, then AH transport on the result", () => {
    const ping = seedPing(0x0056);
    const esp = espTransport(ping, BUNDLE_TRANSPORT.esp, 7, IV);
    expectBytes(ahVerify(bundleTransport(ping, BUNDLE_TRANSPORT, { ah: 3, esp: 7 }, IV), BUNDLE_TRANSPORT.ah).packet, esp, {
      what: "the packet behind AH in bundleTransport(seq AH 3, ESP 7)",
      why: "ESP is applied first (with its own sequence number), AH second: inbound, removing AH must leave exactly the ESP packet.",
    });
  });
});

describe("step 2: tunnel mode, the seed's packet", () => {
  test("180 bytes: new IP | AH | ESP | encrypted original packet", () => {
    const p = bundleTunnel(SEED_PING, BUNDLE_TUNNEL, { ah: 1, esp: 1 }, { ...TUNNEL, identification: 0x0251 }, IV);
    expectEqual(p.length, 180, { what: "bundleTunnel(the seed's ping).length", why: "20 + 24 + 8 + 16 + 112 (100 + 10 + 2): the seed's 180." });
    expectBytes(p.subarray(0, 20), SEED_HEADERS[6]!.bytes, { what: "the outer header of bundleTunnel(the seed's ping, ID 0x0251)", layout: packetLayout(), why: "the seed's AH+ESP tunnel header, checksum 0x1f72." });
    expectEqual(p[20], 50, { what: "AH's Next header in bundleTunnel", why: "ESP builds the tunnel and AH goes on the outer packet in transport mode: AH carries ESP, and ESP carries IPIP inside its encryption." });
  });
});

describe("step 3: random bundles agree with the reference", () => {
  test("both modes, every algorithm", () => {
    const r = rng("bundle outbound random");
    for (let i = 0; i < 20; i++) {
      const bundle = { ah: randomAhSa(r), esp: randomEspSa(r, r.next() < 0.3) };
      const p = randomPing(r);
      const seq = { ah: r.int(1, 0xffffffff), esp: r.int(1, 0xffffffff) };
      const iv = r.bytes(16);
      const icv = bundle.ah.integrity === "hmac-sha256-128" ? 16 : 12;
      expectBytes(bundleTransport(p, bundle, seq, iv), ref.bundleTransport(p, bundle, seq, iv), { what: `bundleTransport(${p.length}-byte ping)`, layout: packetLayout(ahLayout(20, icv)) });
      expectBytes(bundleTunnel(p, bundle, seq, TUNNEL, iv), ref.bundleTunnel(p, bundle, seq, TUNNEL, iv), { what: `bundleTunnel(${p.length}-byte ping)`, layout: packetLayout(ahLayout(20, icv)) });
    }
  });
});
