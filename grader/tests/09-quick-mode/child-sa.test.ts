/**
 * Hidden tests for 09-quick-mode/child-sa: the SAD entries for the CHILD SA
 * negotiated with charon, and a ping carried through two SADs (chapter 15's
 * reference) loaded with your entries, after a quick mode in each mode.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import type { TransformSet } from "@ref/04-negotiation/phase2.ts";
import { pingPacket } from "@ref/11-ipv4/icmp.ts";
import { Sad, type SadEntry } from "@ref/15-sad/sad.ts";
import * as ref1 from "@ref/09-quick-mode/message-1.ts";
import * as ref2 from "@ref/09-quick-mode/message-2.ts";
import * as ref3 from "@ref/09-quick-mode/message-3.ts";
import { sadEntries } from "@impl/09-quick-mode/child-sa.ts";
import { AH_SHA1, ESP_AES128_SHA1, ESP_AES256_SHA256, b, ikePair, scripted, seedPolicy, seeded, strongswanIke, strongswanPolicy } from "./fixtures.ts";
import { NO_PFS as v } from "./strongswan-vectors.ts";

describe("step 1: the CHILD SA charon and we agreed on", () => {
  test("R1's inbound and outbound entries", () => {
    const seed = b(v.initiatorSeed);
    const start = ref1.quick1(strongswanIke(v, "initiator"), strongswanPolicy("initiator", scripted(b(v.initiatorSpi), seed.slice(5, 37))), v.messageId);
    const { child } = ref3.quick3(start.state, b(v.qm2));
    const local = { address: "192.168.12.1", port: 4500 };
    const remote = { address: "192.168.12.2", port: 4500 };
    const [inbound, outbound] = sadEntries(child, local, remote);
    const lifetime = { hardSeconds: 3960, softSeconds: 3564 };
    expectEqual(inbound, {
      direction: "inbound",
      mode: "tunnel",
      lifetime,
      tunnel: { src: "192.168.12.2", dst: "192.168.12.1" },
      protocol: "ESP",
      sa: { spi: parseInt(v.initiatorSpi, 16), encryption: "aes-128-cbc", encryptionKey: b(v.encR), integrity: "hmac-sha1-96", integrityKey: b(v.integR) },
    } satisfies SadEntry, {
      what: "sadEntries(...)[0], the inbound SA",
      why: "charon installed SPI 0x" + v.initiatorSpi + " with these keys for packets from 192.168.12.2 to us; the hard lifetime is the negotiated 3960 s, the soft one 90 % of it (3564 s).",
    });
    expectEqual(outbound, {
      direction: "outbound",
      mode: "tunnel",
      lifetime,
      tunnel: { src: "192.168.12.1", dst: "192.168.12.2" },
      protocol: "ESP",
      sa: { spi: parseInt(v.responderSpi, 16), encryption: "aes-128-cbc", encryptionKey: b(v.encI), integrity: "hmac-sha1-96", integrityKey: b(v.integI) },
    } satisfies SadEntry, {
      what: "sadEntries(...)[1], the outbound SA",
      why: "what we send carries the peer's SPI 0x" + v.responderSpi + " and the keys charon uses to check it; the tunnel's outer header goes from our IKE address to the peer's.",
    });
  });
});

describe("step 2: a ping through both ends", () => {
  const CASES: TransformSet[] = [
    { esp: ESP_AES128_SHA1, mode: 1 },
    { esp: ESP_AES256_SHA256, mode: 2, pfsGroup: 2 },
    { ah: AH_SHA1, mode: 1 },
    { ah: AH_SHA1, mode: 2 },
  ];
  for (const [i, set] of CASES.entries()) {
    test(`${set.esp ? "ESP" : "AH"} ${set.mode === 1 ? "tunnel" : "transport"} mode`, () => {
      const label = `child-sa-${i}`;
      const { initiator, responder } = ikePair(rng(label), { natT: false });
      const m1 = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng(label + "-i")), [set], { seconds: 3600, kilobytes: 4608000 }));
      const m2 = ref2.quick2(responder, seedPolicy("responder", seeded(rng(label + "-r")), [set]), m1.send);
      const m3 = ref3.quick3(m1.state, m2.send);
      const r1 = new Sad();
      const r2 = new Sad();
      for (const e of sadEntries(m3.child, initiator.local, initiator.remote)) r1.add(e, 0);
      for (const e of sadEntries(ref3.quickFinish(m2.state, m3.send).child, responder.local, responder.remote)) r2.add(e, 0);
      const [src, dst] = set.mode === 1 ? ["10.1.0.1", "10.2.0.1"] : ["192.168.12.1", "192.168.12.2"];
      const ping = pingPacket({ src, dst, identification: 7, echo: { type: 8, identifier: 1, sequence: 1, data: rng(label + "-data").bytes(56) } });
      const sent = r1.outbound(set.esp ? "ESP" : "AH", m3.child.outbound.spi, ping, 1).packet;
      expectBytes(sent.subarray(12, 20), Uint8Array.of(192, 168, 12, 1, 192, 168, 12, 2), { what: "source and destination of the protected packet", why: set.mode === 1 ? "tunnel mode: the outer header goes between the IKE peers, taken from the endpoints you were given." : "transport mode keeps the packet's own addresses: the routers' own traffic." });
      expectBytes(r2.inbound(sent, 1).packet, ping, { what: "the ping after R1's outbound SA and R2's inbound SA", why: "R2 finds its inbound SA by the SPI in the packet, the one R2 chose; the keys must be the ones R1 encrypted with." });
      const back = r2.outbound(set.esp ? "ESP" : "AH", m2.state.agreed!.peerSpi, ping, 2).packet;
      expectBytes(r1.inbound(back, 2).packet, ping, { what: "the ping sent back from R2 to R1", why: "the other direction: R1's SPI, the other half of KEYMAT." });
    });
  }
});

describe("step 3: what cannot go into the SAD", () => {
  test("AH without integrity, ESP without a cipher", () => {
    const r = rng("child-sa-bad");
    const keys = { spi: 300, encKey: new Uint8Array(0), integKey: r.bytes(20) };
    const child = { protocol: "AH" as const, mode: "tunnel" as const, udpEncapsulation: false, integrity: "none" as const, inbound: keys, outbound: { ...keys, spi: 301 }, lifetime: { seconds: 3600 }, localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24", messageId: 1, pfs: false };
    const ends = [{ address: "192.168.12.1", port: 500 }, { address: "192.168.12.2", port: 500 }] as const;
    expectThrows(() => sadEntries(child, ...ends), { what: "sadEntries(AH with integrity none)", error: "FieldError", field: "Authentication-Algorithm", why: "AH is nothing but its integrity check." });
    expectThrows(() => sadEntries({ ...child, protocol: "ESP", integrity: "hmac-sha1-96" }, ...ends), { what: "sadEntries(ESP without encryption)", error: "FieldError", field: "Transform ID", why: "this course's ESP always encrypts (chapter 13)." });
  });
  test("kilobytes become bytes", () => {
    const keys = { spi: 300, encKey: new Uint8Array(16), integKey: new Uint8Array(20) };
    const child = { protocol: "ESP" as const, mode: "transport" as const, udpEncapsulation: false, encryption: "aes-128-cbc" as const, integrity: "hmac-sha1-96" as const, inbound: keys, outbound: { ...keys, spi: 301 }, lifetime: { seconds: 3600, kilobytes: 4608000 }, localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24", messageId: 1, pfs: false };
    const [inbound] = sadEntries(child, { address: "192.168.12.1", port: 500 }, { address: "192.168.12.2", port: 500 });
    expectEqual(inbound!.lifetime, { hardSeconds: 3600, softSeconds: 3240, hardBytes: 4718592000, softBytes: 4246732800 }, { what: "the lifetime of the seed's SA (3600 s, 4608000 KB)", why: "the SAD counts bytes: 4608000 x 1024; soft limits at 90 %." });
    expectEqual("tunnel" in inbound!, false, { what: "a transport-mode entry has tunnel ends", why: "only tunnel mode builds a new outer header." });
  });
});
