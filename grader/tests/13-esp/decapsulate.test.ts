/** Hidden tests for 13-esp/decapsulate: ESP inbound, RFC 4303 section 3.4. Every accepted packet has tampered twins. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { espInbound, espOpen } from "@impl/13-esp/decapsulate.ts";
import { espPacket, espTransport, espTunnel } from "@ref/13-esp/encapsulate.ts";
import { aesCbcEncrypt } from "@ref/13-esp/cipher.ts";
import { computeIcv } from "@ref/12-ah/integrity.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { cutTo, flipBit, randomPing, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { ESP_TRANSPORT_SA, ESP_TUNNEL_SA, IV, randomEspSa, TUNNEL } from "../12-ah/sas.ts";
import { ESP_CASES } from "./vectors.ts";

/** ESP bytes whose plaintext is chosen by the test (bad padding), correctly encrypted and signed. */
function espWithPlaintext(plaintext: Uint8Array): Uint8Array {
  const sa = ESP_TRANSPORT_SA;
  const body = concatBytes(Uint8Array.from([0x36, 0xcb, 0x42, 0xdf, 0, 0, 0, 9]), IV, aesCbcEncrypt(sa.encryptionKey, IV, plaintext));
  return concatBytes(body, computeIcv("hmac-sha1-96", sa.integrityKey, body));
}

describe("step 1: genuine packets are accepted", () => {
  test("RFC 3602's sample packets open (no ICV)", () => {
    for (const c of ESP_CASES) {
      const sa = { spi: c.spi, encryption: "aes-128-cbc" as const, encryptionKey: c.key, integrity: "none" as const, integrityKey: new Uint8Array(0) };
      const got = espInbound(c.fullIpPacket, sa);
      expectEqual(got.mode, c.mode, { what: `espInbound(RFC 3602 case ${c.case}).mode` });
      expectBytes(got.packet, c.originalPacket, { what: `espInbound(RFC 3602 case ${c.case}).packet`, why: "transport: the original header back with Protocol = next header; tunnel: the inner packet." });
    }
  });
  test("the seed's ESP transport and tunnel packets", () => {
    const ping = seedPing(0x0042);
    const t = espInbound(espTransport(ping, ESP_TRANSPORT_SA, 1, IV), ESP_TRANSPORT_SA);
    expectBytes(t.packet, ping, { what: "espInbound(the seed's ESP transport packet).packet" });
    expectEqual(t.sequence, 1, { what: "espInbound(the seed's ESP transport packet).sequence" });
    const u = espInbound(espTunnel(SEED_PING, ESP_TUNNEL_SA, 5, TUNNEL, IV), ESP_TUNNEL_SA);
    expectEqual(u.mode, "tunnel", { what: "espInbound(the seed's ESP tunnel packet).mode" });
    expectBytes(u.packet, SEED_PING, { what: "espInbound(the seed's ESP tunnel packet).packet" });
  });
  test("random packets and SAs round-trip", () => {
    const r = rng("esp decapsulate random");
    for (let i = 0; i < 20; i++) {
      const sa = randomEspSa(r, r.next() < 0.8);
      const p = randomPing(r);
      const tunnel = r.next() < 0.5;
      const sent = tunnel ? espTunnel(p, sa, i + 1, TUNNEL) : espTransport(p, sa, i + 1);
      expectBytes(espInbound(sent, sa).packet, p, { what: `espInbound(${tunnel ? "tunnel" : "transport"}, ${sa.encryption}, ${sa.integrity}).packet` });
    }
  });
});

describe("step 2: tampered twins are refused", () => {
  const sent = espTransport(seedPing(0x0042), ESP_TRANSPORT_SA, 1, IV);
  test("a flipped bit in the ciphertext, the IV, the sequence number or the ICV: IntegrityError, before any decryption", () => {
    for (const [at, what] of [[100, "the ciphertext"], [30, "the IV"], [27, "the sequence number"], [150, "the ICV"]] as const) {
      expectThrows(() => espInbound(flipBit(sent, at), ESP_TRANSPORT_SA), {
        what: `espInbound(the seed's ESP packet with a bit of ${what} flipped)`,
        error: "IntegrityError",
        field: "ESP ICV",
        why: "RFC 4303 section 3.4.4: check the ICV before decrypting. A damaged ciphertext would otherwise decrypt into garbage, and a padding error would then tell an attacker something about the plaintext.",
      });
    }
  });
  test("ICV first: a packet with a bad ICV AND a ciphertext that is not whole blocks still says IntegrityError", () => {
    const odd = espPacket(ESP_TRANSPORT_SA, 1, new Uint8Array(30), 1, IV);
    const broken = concatBytes(odd.subarray(0, odd.length - 12), Uint8Array.from([1, 2, 3]), odd.subarray(odd.length - 12));
    expectThrows(() => espOpen(ESP_TRANSPORT_SA, broken), { what: "espOpen(3 bytes added to the ciphertext)", error: "IntegrityError", field: "ESP ICV", why: "nothing about the ciphertext is looked at before the ICV has verified." });
  });
  test("bad padding under a good ICV: FieldError Pad", () => {
    const plaintext = concatBytes(new Uint8Array(11), Uint8Array.from([1, 2, 9, 3, 1]));
    expectThrows(() => espOpen(ESP_TRANSPORT_SA, espWithPlaintext(plaintext)), { what: "espOpen(a genuine packet whose padding reads 01 02 09)", error: "FieldError", field: "Pad", why: "after decryption, check the trailer (RFC 4303 section 2.4)." });
  });
  test("a pad length past the start under a good ICV: FieldError ESP Pad Length", () => {
    const plaintext = concatBytes(new Uint8Array(14), Uint8Array.from([40, 1]));
    expectThrows(() => espOpen(ESP_TRANSPORT_SA, espWithPlaintext(plaintext)), { what: "espOpen(a genuine packet with pad length 40 in a 16-byte plaintext)", error: "FieldError", field: "ESP Pad Length" });
  });
  test("another SA's SPI: FieldError ESP SPI", () => {
    expectThrows(() => espInbound(sent, ESP_TUNNEL_SA), { what: "espInbound(SPI 0x36cb42df, the SA of SPI 0x8bb181a7)", error: "FieldError", field: "ESP SPI" });
  });
  test("the wrong key: IntegrityError", () => {
    const other = { ...ESP_TRANSPORT_SA, integrityKey: ESP_TRANSPORT_SA.integrityKey.map((b) => b ^ 0x55) };
    expectThrows(() => espInbound(sent, other), { what: "espInbound(the seed's ESP packet, an SA with another integrity key)", error: "IntegrityError", field: "ESP ICV" });
  });
  test("truncated: shorter than header + IV + one block + ICV", () => {
    expectThrows(() => espInbound(cutTo(sent, 20 + 8 + 16 + 12 + 8), ESP_TRANSPORT_SA), { what: "espInbound(a 64-byte ESP packet)", error: "TruncatedError", field: "ESP Encrypted Data", why: "the smallest ESP packet with AES-CBC and a 12-byte ICV has 8 + 16 + 16 + 12 = 52 bytes after the IP header." });
    expectThrows(() => espInbound(cutTo(sent, 26), ESP_TRANSPORT_SA), { what: "espInbound(6 bytes after the IP header)", error: "TruncatedError", field: "ESP Sequence" });
  });
  test("not ESP at all", () => {
    expectThrows(() => espInbound(SEED_PING, ESP_TRANSPORT_SA), { what: "espInbound(a plain ping)", error: "FieldError", field: "Protocol" });
  });
  test("without an ICV, a wrong key shows up as bad padding (or a bad inner packet), never as a silent success", () => {
    const c = ESP_CASES[0]!;
    const sa = { spi: c.spi, encryption: "aes-128-cbc" as const, encryptionKey: c.key.map((b) => b ^ 1), integrity: "none" as const, integrityKey: new Uint8Array(0) };
    let refused = false;
    try {
      espInbound(c.fullIpPacket, sa);
    } catch (e) {
      if ((e as Error).name === "TodoError") throw e;
      refused = (e as Error).name === "FieldError" || (e as Error).name === "TruncatedError";
    }
    expectTrue(refused, "espInbound(RFC 3602 case 5 with a wrong key) should be refused with a FieldError (padding, pad length or the rebuilt packet).", "with no ICV the padding check is the only thing between a wrong key and garbage delivered as a packet.");
  });
});
