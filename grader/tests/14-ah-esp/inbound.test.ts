/** Hidden tests for 14-ah-esp/inbound: AH first, then ESP (RFC 4301 section 5.2), with tampered twins. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { bundleInbound } from "@impl/14-ah-esp/inbound.ts";
import { bundleTransport, bundleTunnel } from "@ref/14-ah-esp/outbound.ts";
import { ahTransport, ahTunnel } from "@ref/12-ah/protect.ts";
import { cutTo, fixChecksum, flipBit, randomPing, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { BUNDLE_TRANSPORT, BUNDLE_TUNNEL, IV, randomAhSa, randomEspSa, TUNNEL } from "../12-ah/sas.ts";

describe("step 1: the seed's bundles come back", () => {
  test("transport mode", () => {
    const ping = seedPing(0x0056);
    const got = bundleInbound(bundleTransport(ping, BUNDLE_TRANSPORT, { ah: 4, esp: 9 }, IV), BUNDLE_TRANSPORT);
    expectBytes(got.packet, ping, { what: "bundleInbound(the seed's AH+ESP transport packet).packet" });
    expectEqual(got.sequences, { ah: 4, esp: 9 }, { what: "bundleInbound(...).sequences", why: "each SA has its own counter; both are needed for the two replay windows." });
    expectEqual(got.mode, "transport", { what: "bundleInbound(...).mode" });
  });
  test("tunnel mode", () => {
    const got = bundleInbound(bundleTunnel(SEED_PING, BUNDLE_TUNNEL, { ah: 1, esp: 1 }, TUNNEL, IV), BUNDLE_TUNNEL);
    expectBytes(got.packet, SEED_PING, { what: "bundleInbound(the seed's AH+ESP tunnel packet).packet" });
    expectEqual(got.mode, "tunnel", { what: "bundleInbound(the seed's AH+ESP tunnel packet).mode" });
  });
  test("random bundles", () => {
    const r = rng("bundle inbound random");
    for (let i = 0; i < 15; i++) {
      const bundle = { ah: randomAhSa(r), esp: randomEspSa(r, false) };
      const p = randomPing(r);
      const sent = r.next() < 0.5 ? bundleTransport(p, bundle, { ah: i + 1, esp: i + 2 }) : bundleTunnel(p, bundle, { ah: i + 1, esp: i + 2 }, TUNNEL);
      expectBytes(bundleInbound(sent, bundle).packet, p, { what: `bundleInbound(random bundle ${i})` });
    }
  });
});

describe("step 2: tampered twins", () => {
  const sent = bundleTransport(seedPing(0x0056), BUNDLE_TRANSPORT, { ah: 1, esp: 1 }, IV);
  test("a flipped bit in the ESP ciphertext or the IV: AH's IntegrityError", () => {
    for (const at of [100, 60, 163]) {
      expectThrows(() => bundleInbound(flipBit(sent, at), BUNDLE_TRANSPORT), {
        what: `bundleInbound(the seed's AH+ESP packet with a bit of byte ${at} flipped)`,
        error: "IntegrityError",
        field: "AH ICV",
        why: "ESP has no ICV in this bundle: AH's ICV protects the ESP packet, and it is checked before anything is decrypted.",
      });
    }
  });
  test("a flipped destination address (checksum fixed): IntegrityError", () => {
    expectThrows(() => bundleInbound(fixChecksum(flipBit(sent, 19)), BUNDLE_TRANSPORT), { what: "bundleInbound(destination changed to 192.168.12.3)", error: "IntegrityError", field: "AH ICV", why: "AH, unlike ESP alone, authenticates the IP header's addresses." });
  });
  test("the bundle's SAs swapped: SPI errors", () => {
    expectThrows(() => bundleInbound(sent, BUNDLE_TUNNEL), { what: "bundleInbound(transport packet, the tunnel bundle)", error: "FieldError", field: "AH SPI" });
    expectThrows(() => bundleInbound(sent, { ah: BUNDLE_TRANSPORT.ah, esp: BUNDLE_TUNNEL.esp }), { what: "bundleInbound(the right AH SA, another ESP SA)", error: "FieldError", field: "ESP SPI" });
  });
  test("AH that does not carry ESP: FieldError Next header", () => {
    const ahOnly = ahTransport(SEED_PING, BUNDLE_TRANSPORT.ah, 1);
    expectThrows(() => bundleInbound(ahOnly, BUNDLE_TRANSPORT), { what: "bundleInbound(AH carrying plain ICMP)", error: "FieldError", field: "Next header", why: "a genuine AH packet that skips ESP would deliver unencrypted data the policy says must be encrypted." });
    const ahTunnelOnly = ahTunnel(SEED_PING, BUNDLE_TRANSPORT.ah, 1, TUNNEL);
    expectThrows(() => bundleInbound(ahTunnelOnly, BUNDLE_TRANSPORT), { what: "bundleInbound(AH tunnel carrying IPIP)", error: "FieldError", field: "Next header" });
  });
  test("truncated inside AH", () => {
    expectThrows(() => bundleInbound(cutTo(sent, 36), BUNDLE_TRANSPORT), { what: "bundleInbound(36 bytes)", error: "TruncatedError", field: "AH ICV" });
  });
});
