/**
 * Hidden tests for 09-quick-mode/message-1: charon's quick mode message 1
 * rebuilt byte for byte from its keys, SPI and nonce; random policies
 * (NAT-T or not, tunnel or transport, PFS groups, AH, several sets)
 * against the reference; and the policies that cannot be offered.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { PayloadType } from "@course/isakmp-names.ts";
import { isakmpHeaderLayout } from "@teach";
import type { IsakmpMessage } from "@ref/03-payloads/message.ts";
import { openMessage } from "@ref/07-main-mode/encryption.ts";
import type { TransformSet } from "@ref/04-negotiation/phase2.ts";
import * as ref from "@ref/09-quick-mode/message-1.ts";
import { encapsulationMode, newMessageId, newSpi, quick1, quickOffer, spiBytes } from "@impl/09-quick-mode/message-1.ts";
import { encodeSa } from "@ref/03-payloads/sa.ts";
import { AH_SHA1, ESP_AES128_SHA1, ESP_AES256_SHA256, b, ikePair, scripted, seedPolicy, seeded, strongswanIke, strongswanPolicy, u32 } from "./fixtures.ts";
import { NO_PFS as v } from "./strongswan-vectors.ts";

const ni = b(v.initiatorSeed).slice(5, 37);

function open(datagram: Uint8Array, ike: Parameters<typeof ref.quickIv>[0], mid: number): IsakmpMessage {
  return openMessage(datagram, ike.keys, ref.quickIv(ike, mid)).message;
}

describe("step 1: the pieces", () => {
  test("charon's SA payloads, without and with PFS", () => {
    const udp = encapsulationMode(1, true);
    expectEqual([udp, encapsulationMode(2, true), encapsulationMode(1, false), encapsulationMode(2, false)], [3, 4, 1, 2], { what: "encapsulationMode(tunnel/transport, with/without UDP)", why: "RFC 2407 section 4.5: Tunnel 1, Transport 2; RFC 3947 section 5.1: UDP-Encapsulated-Tunnel 3, UDP-Encapsulated-Transport 4." });
    const spis = new Map([[3, 0xb97f870b]]);
    expectBytes(encodeSa(quickOffer([{ esp: ESP_AES128_SHA1, mode: 1 }], { seconds: 3960 }, spis, true)), b("00000001 00000001 00000028 01030401 b97f870b 0000001c 010c0000 80060080 80050002 80040003 80010001 80020f78"), {
      what: "the SA payload body of quickOffer(ESP AES-128/SHA-1 tunnel, 3960 s, SPI 0xb97f870b, UDP)",
      why: "charon's: DOI 1, situation 1; proposal #1 for ESP (3) with a 4-octet SPI and one transform; transform #1 ESP_AES (12) with Key-Length 128, Authentication-Algorithm HMAC-SHA (2), Encapsulation-Mode 3, SA-Life-Type seconds, SA-Life-Duration 3960.",
    });
    expectBytes(encodeSa(quickOffer([{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }], { seconds: 3960 }, new Map([[3, 0x5944ab85]]), true)), b("00000001 00000001 0000002c 01030401 5944ab85 00000020 010c0000 80060080 80050002 80030002 80040003 80010001 80020f78"), {
      what: "quickOffer with PFS group 2 (charon's PFS offer, SPI 0x5944ab85)",
      why: "PFS adds Group-Description (3) = 2 after the Authentication-Algorithm: the transform grows by 4 octets.",
    });
  });
  test("Message IDs and SPIs from the random source", () => {
    expectEqual(newMessageId(scripted(new Uint8Array(4), u32(0x80000001))), 0x80000001, { what: "newMessageId(a source giving 0, then 0x80000001)", why: "0 is phase 1's Message ID: draw again. Read the 4 octets big-endian and unsigned." });
    expectEqual(newSpi(scripted(u32(1), u32(255), u32(256))), 256, { what: "newSpi(a source giving 1, 255, 256)", why: "SPIs 1-255 are reserved by IANA and 0 means none (RFC 4303 section 2.1)." });
    expectBytes(spiBytes(0xc7ee9a30), b("c7ee9a30"), { what: "spiBytes(0xc7ee9a30)" });
  });
});

describe("step 2: charon's message 1, byte for byte", () => {
  const ike = strongswanIke(v, "initiator");
  test("Message ID given, SPI and nonce from the random source", () => {
    const { send, state } = quick1(ike, strongswanPolicy("initiator", scripted(b(v.initiatorSpi), ni)), v.messageId);
    expectBytes(send.subarray(0, 28), b(v.qm1).subarray(0, 28), { what: "the header of message 1", layout: isakmpHeaderLayout, why: "the IKE SA's cookies, Next Payload HASH (8), version 1.0, Quick Mode (32), E flag, the Message ID, and the Length of the padded ciphertext." });
    const theirs = open(b(v.qm1), ike, v.messageId);
    const ours = open(send, ike, v.messageId);
    // The payloads after the HASH first: the hash depends on them.
    [...theirs.payloads.keys()].slice(1).concat(0).forEach((i) => {
      expectEqual(ours.payloads[i], theirs.payloads[i], { what: `payload ${i + 1} of your message 1, decrypted, against charon's`, why: "charon's order is HASH(1), SA, Nonce, IDci, IDcr; its transform lists Key-Length, Authentication-Algorithm, Encapsulation-Mode, SA-Life-Type, SA-Life-Duration." });
    });
    expectBytes(send, b(v.qm1), {
      what: "quick1 with charon's keys, SPI 0x" + v.initiatorSpi + " and nonce",
      why: "charon sent exactly these octets: HASH(1), SA (ESP, SPI, AES-128 with Key-Length 128, HMAC-SHA, UDP-Encapsulated-Tunnel (3), 3960 s), Nonce, IDci, IDcr, padded with zeros and encrypted with IV = hash(last phase 1 block | M-ID). Decrypt your message with the same IV to find the first payload that differs.",
    });
    expectEqual(state.messageId, v.messageId, { what: "state.messageId" });
    expectBytes(state.iv, b(v.qm1).slice(-16), { what: "state.iv", why: "the next message of this exchange (the responder's) is encrypted with the last ciphertext block of this one." });
    expectBytes(state.ni, ni, { what: "state.ni", why: "HASH(2), HASH(3) and KEYMAT need the nonce body." });
    expectEqual(state.spis.get(3), parseInt(v.initiatorSpi, 16), { what: "state.spis.get(3) (our inbound ESP SPI)" });
  });
  test("Message ID drawn first, zero and SPIs below 256 drawn again", () => {
    const random = scripted(new Uint8Array(4), u32(v.messageId), u32(255), b(v.initiatorSpi), ni);
    const { send } = quick1(ike, strongswanPolicy("initiator", random));
    expectBytes(send, b(v.qm1), { what: "quick1 drawing the Message ID, then the SPI, then the nonce", why: "Message ID 0 belongs to phase 1 and SPIs 0-255 are reserved (RFC 4303 section 2.1): both are drawn again. Draw in the order the exercise says, so a seeded source gives the same message." });
  });
});

const payload = (m: IsakmpMessage, type: number) => m.payloads.filter((p) => p.type === type);

describe("step 3: random policies against the reference", () => {
  const SETS: TransformSet[][] = [
    [{ esp: ESP_AES128_SHA1, mode: 1 }],
    [{ esp: ESP_AES128_SHA1, mode: 2 }],
    [{ esp: ESP_AES256_SHA256, mode: 1, pfsGroup: 14 }],
    [{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }, { esp: ESP_AES256_SHA256, mode: 1, pfsGroup: 2 }],
    [{ ah: AH_SHA1, mode: 1 }, { esp: ESP_AES128_SHA1, mode: 1 }],
  ];
  for (const [i, sets] of SETS.entries()) {
    for (const natT of [false, true]) {
      test(`policy ${i + 1} (${sets.map((s) => (s.esp ? "ESP" : "AH") + (s.mode === 1 ? " tunnel" : " transport") + (s.pfsGroup ? ` PFS ${s.pfsGroup}` : "")).join(", ")}), ${natT ? "NAT-T with a NAT" : "no NAT-T"}`, () => {
        const label = `quick1-${i}-${natT}`;
        const { initiator: ike } = ikePair(rng(label + "-ike"), { natT, hash: i % 2 ? "sha256" : "sha1", cipher: i === 2 ? "3des" : "aes128" });
        const lifetime = { seconds: 3600, kilobytes: 4608000 };
        const mine = quick1(ike, seedPolicy("initiator", seeded(rng(label)), sets, lifetime));
        const want = ref.quick1(ike, seedPolicy("initiator", seeded(rng(label)), sets, lifetime));
        const m = open(mine.send, ike, mine.state.messageId);
        const group = sets[0]!.pfsGroup;
        expectEqual(m.payloads.map((p) => p.type), [8, 1, 10, ...(group === undefined ? [] : [4]), 5, 5], {
          what: "the payload types of your message 1, in order",
          why: "HASH (8), SA (1), Nonce (10), KE (4) only with PFS, IDci (5), IDcr (5): strongSwan's order, allowed by RFC 2409 section 5.5.",
        });
        const sa = payload(m, PayloadType.SA)[0];
        if (sa?.type !== PayloadType.SA) throw new Error("no SA payload");
        sa.sa.proposals.forEach((p, n) => {
          expectEqual(p.number, n + 1, { what: `proposal ${n + 1}'s number`, why: "each transform set is one alternative: proposals #1, #2, ... in the order of the sets." });
          const spi = new DataView(p.spi.buffer, p.spi.byteOffset, 4).getUint32(0);
          expectTrue(spi >= 256, `proposal #${p.number} carries SPI ${spi}`, "SPIs 0-255 are reserved.");
          const mode = p.transforms[0]!.attributes.find((a) => a.type === 4)?.value;
          const setMode = sets[n]!.mode;
          expectEqual(mode, natT ? setMode + 2 : setMode, { what: `proposal #${p.number}: Encapsulation-Mode`, why: natT ? "with NAT-T and a NAT, tunnel is UDP-Encapsulated-Tunnel (3) and transport UDP-Encapsulated-Transport (4) (RFC 3947 section 5.1)." : "without NAT-T: Tunnel (1) or Transport (2)." });
        });
        const ke = payload(m, PayloadType.KEY_EXCHANGE)[0];
        expectEqual(ke !== undefined, group !== undefined, { what: "a KE payload is present", why: "only PFS sends a fresh Diffie-Hellman value." });
        if (ke?.type === PayloadType.KEY_EXCHANGE) expectEqual(ke.data.length, group === 14 ? 256 : 128, { what: "KE data length", why: "the public value has the prime's length (128 octets for group 2, 256 for group 14)." });
        expectBytes(mine.send, want.send, { what: "your message 1 against the reference's, same random octets", why: "same draws (Message ID, one SPI per protocol in set order, nonce, PFS private value) must give the same message." });
        expectBytes(mine.state.iv, want.state.iv, { what: "state.iv" });
      });
    }
  }
});

describe("step 4: policies that cannot be offered", () => {
  const { initiator: ike } = ikePair(rng("quick1-bad"), { natT: false });
  const policy = (sets: TransformSet[]) => seedPolicy("initiator", seeded(rng("quick1-bad-random")), sets);
  test("sets that disagree on PFS", () => {
    expectThrows(() => quick1(ike, policy([{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }, { esp: ESP_AES128_SHA1, mode: 1 }])), { what: "quick1 with PFS group 2 in one set and none in the other", error: "FieldError", field: "Group-Description", why: "one message has room for one KE payload: every proposal must use the same PFS group, or none." });
  });
  test("an AH+ESP bundle, an empty set, a Message ID of 0", () => {
    expectThrows(() => quick1(ike, policy([{ ah: AH_SHA1, esp: ESP_AES128_SHA1, mode: 1 }])), { what: "quick1 with an AH+ESP bundle", error: "FieldError", field: "Transform set", why: "this course keys one protocol per SA pair." });
    expectThrows(() => quick1(ike, policy([{ mode: 1 }])), { what: "quick1 with a set naming neither ESP nor AH", error: "FieldError", field: "Transform set" });
    expectThrows(() => quick1(ike, policy([{ esp: ESP_AES128_SHA1, mode: 1 }]), 0), { what: "quick1(..., messageId 0)", error: "FieldError", field: "Message ID", why: "Message ID 0 is phase 1's." });
  });
});
