/**
 * Hidden tests for 09-quick-mode/message-3: charon's message 2 answered
 * with charon's message 3, charon's message 3 accepted, and in both roles
 * the ESP keys charon installed; random exchanges against the reference;
 * forged replies and hashes.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import type { Payload } from "@ref/03-payloads/message.ts";
import type { TransformSet } from "@ref/04-negotiation/phase2.ts";
import * as ref1 from "@ref/09-quick-mode/message-1.ts";
import * as ref2 from "@ref/09-quick-mode/message-2.ts";
import * as ref3 from "@ref/09-quick-mode/message-3.ts";
import { quickHash2 } from "@ref/09-quick-mode/hashes.ts";
import { initiatorProxyIds, type ChildSa } from "@ref/09-quick-mode/proxy-id.ts";
import { quick3, quickFinish } from "@impl/09-quick-mode/message-3.ts";
import { AH_SHA1, ESP_AES128_SHA1, ESP_AES256_SHA256, b, expectRefusal, ikePair, scripted, seedPolicy, seeded, strongswanIke, strongswanPolicy } from "./fixtures.ts";
import { NO_PFS as v } from "./strongswan-vectors.ts";

const seed = b(v.initiatorSeed);
const ni = seed.slice(5, 37);
const nr = seed.slice(37);

function expectKeys(child: ChildSa, direction: "inbound" | "outbound", spi: string, enc: string, integ: string, why: string): void {
  expectEqual(child[direction].spi, parseInt(spi, 16), { what: `child.${direction}.spi`, why });
  expectBytes(child[direction].encKey, b(enc), { what: `child.${direction}.encKey (SPI 0x${spi})`, why: `${why} charon installed this AES-128 key.` });
  expectBytes(child[direction].integKey, b(integ), { what: `child.${direction}.integKey (SPI 0x${spi})`, why: `${why} charon installed this HMAC-SHA-1 key.` });
}

describe("step 1: both roles against charon", () => {
  test("initiator: charon's message 2 -> charon's message 3, and charon's ESP keys", () => {
    const start = ref1.quick1(strongswanIke(v, "initiator"), strongswanPolicy("initiator", scripted(b(v.initiatorSpi), ni)), v.messageId);
    const { send, child } = quick3(start.state, b(v.qm2));
    expectBytes(send, b(v.qm3), { what: "quick3(charon's message 2)", why: "message 3 is HDR*, HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b), zero-padded to two AES blocks and encrypted with the last ciphertext block of message 2." });
    expectEqual(send.length, 60, { what: "the length of message 3", why: "28 octets of header and HASH(3) (4 + 20 octets) padded to two AES blocks: the seed's message 3 has the same ISAKMP Length, 60." });
    expectKeys(child, "outbound", v.responderSpi, v.encI, v.integI, "what we send goes to the SPI the responder chose.");
    expectKeys(child, "inbound", v.initiatorSpi, v.encR, v.integR, "what we receive carries our own SPI.");
    expectEqual([child.protocol, child.mode, child.udpEncapsulation, child.encryption, child.integrity], ["ESP", "tunnel", true, "aes-128-cbc", "hmac-sha1-96"], {
      what: "[protocol, mode, udpEncapsulation, encryption, integrity]",
      why: "charon's transform: ESP_AES 128 bits, HMAC-SHA, UDP-Encapsulated-Tunnel (3): `swanctl --list-sas` said TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96.",
    });
    expectEqual([child.lifetime, child.pfs, child.messageId, child.localSubnet, child.remoteSubnet], [{ seconds: 3960 }, false, v.messageId, "10.1.1.0/24", "10.2.2.0/24"], { what: "[lifetime, pfs, messageId, localSubnet, remoteSubnet]" });
  });
  test("responder: charon's message 3 accepted, and charon's ESP keys", () => {
    const answered = ref2.quick2(strongswanIke(v, "responder"), strongswanPolicy("responder", scripted(b(v.responderSpi), nr)), b(v.qm1));
    const { child } = quickFinish(answered.state, b(v.qm3));
    expectKeys(child, "inbound", v.responderSpi, v.encI, v.integI, "the initiator sends to our SPI.");
    expectKeys(child, "outbound", v.initiatorSpi, v.encR, v.integR, "we send to the initiator's SPI.");
  });
});

describe("step 2: random exchanges against the reference", () => {
  const CASES: { sets: TransformSet[]; natT: boolean }[] = [
    { sets: [{ esp: ESP_AES128_SHA1, mode: 1 }], natT: true },
    { sets: [{ esp: ESP_AES256_SHA256, mode: 1, pfsGroup: 14 }], natT: false },
    { sets: [{ ah: AH_SHA1, mode: 2 }], natT: false },
    { sets: [{ esp: ESP_AES128_SHA1, mode: 2, pfsGroup: 2 }, { esp: ESP_AES256_SHA256, mode: 2, pfsGroup: 2 }], natT: true },
  ];
  for (const [i, c] of CASES.entries()) {
    test(`case ${i + 1}: ${c.sets.map((s) => (s.esp ? "ESP" : "AH") + (s.mode === 1 ? " tunnel" : " transport") + (s.pfsGroup ? ` PFS ${s.pfsGroup}` : "")).join(", ")}${c.natT ? ", NAT-T" : ""}`, () => {
      const label = `quick3-${i}`;
      const { initiator, responder } = ikePair(rng(label + "-ike"), { natT: c.natT, hash: i % 2 ? "sha256" : "sha1", cipher: i === 2 ? "3des" : "aes256" });
      const m1 = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng(label + "-i")), c.sets));
      // The responder prefers its last set, to make it choose something other than proposal #1.
      const m2 = ref2.quick2(responder, { ...seedPolicy("responder", seeded(rng(label + "-r")), [...c.sets].reverse()), prefer: "responder" }, m1.send);
      const want = ref3.quick3(m1.state, m2.send);
      const mine = quick3(m1.state, m2.send);
      expectBytes(mine.send, want.send, { what: "your message 3 against the reference's" });
      expectEqual(mine.child, want.child, { what: "the initiator's CHILD SA", why: "the protocol, mode and algorithms come from the transform the responder returned; the keys from KEYMAT with each direction's SPI." });
      const finished = quickFinish(m2.state, mine.send);
      expectEqual(finished.child.inbound, mine.child.outbound, { what: "responder's inbound keys vs initiator's outbound keys", why: "one SA seen from both ends: same SPI, same keys." });
      expectEqual(finished.child.outbound, mine.child.inbound, { what: "responder's outbound keys vs initiator's inbound keys" });
      expectEqual(finished.child.pfs, c.sets[0]!.pfsGroup !== undefined, { what: "child.pfs", why: "with PFS, g(qm)^xy goes into KEYMAT." });
    });
  }
});

describe("step 3: forged and broken messages", () => {
  const r = rng("quick3-forged");
  const { initiator, responder } = ikePair(r, { natT: false });
  const sets: TransformSet[] = [{ esp: ESP_AES128_SHA1, mode: 1 }, { esp: ESP_AES256_SHA256, mode: 1 }];
  const start = () => ref1.quick1(initiator, seedPolicy("initiator", seeded(rng("q3-i")), sets));
  const answer = (m1: ReturnType<typeof start>) => ref2.quick2(responder, seedPolicy("responder", seeded(rng("q3-r")), sets), m1.send);
  /** A message 2 the responder could have sent: its payloads, with a correct HASH(2). */
  const reply = (m1: ReturnType<typeof start>, rest: Payload[]) =>
    ref1.sealQuick(responder, m1.state.messageId, m1.state.iv, rest, (covered) => quickHash2(responder.keys.hash, responder.keys.skeyid_a, m1.state.messageId, m1.state.ni, covered)).datagram;
  const spi = Uint8Array.of(0, 0, 0x12, 0x34);
  const nonce = r.bytes(20);
  const ids = (m1: ReturnType<typeof start>): Payload[] => {
    const { idci, idcr } = initiatorProxyIds(m1.state.config);
    return [
      { type: PayloadType.IDENTIFICATION, id: idci },
      { type: PayloadType.IDENTIFICATION, id: idcr },
    ];
  };
  test("a wrong HASH(2) or HASH(3)", () => {
    const m1 = start();
    const m2 = answer(m1);
    const tampered = ref1.sealQuick(responder, m1.state.messageId, m1.state.iv, [], () => r.bytes(20)).datagram;
    expectRefusal(() => quick3(m1.state, tampered), NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", "quick3(a message 2 with a random HASH(2))", "HASH(2) proves the reply comes from the holder of SKEYID_a and answers our nonce.");
    const wrong3 = ref1.sealQuick(initiator, m1.state.messageId, m2.state.iv, [], () => r.bytes(20)).datagram;
    expectRefusal(() => quickFinish(m2.state, wrong3), NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", "quickFinish(a message 3 with a random HASH(3))", "until HASH(3) checks out, the responder must not use the new SAs.");
  });
  test("a reply that changes our transform, or names a proposal we never made", () => {
    const m1 = start();
    const offered = m1.state.offer!.proposals[1]!;
    const changed = { ...offered, spi, transforms: [{ ...offered.transforms[0]!, attributes: offered.transforms[0]!.attributes.filter((a) => a.type !== 1 && a.type !== 2) }] };
    const base = (sa: typeof changed): Payload[] => [{ type: PayloadType.SA, sa: { doi: 1, situation: 1, proposals: [sa] } }, { type: PayloadType.NONCE, data: nonce }, ...ids(m1)];
    expectRefusal(() => quick3(m1.state, reply(m1, base(changed))), NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal", "quick3(a reply whose transform lost its lifetime)", "the responder takes a transform as offered or not at all (RFC 2408 section 4.2): a changed transform is not an answer to our offer.");
    expectRefusal(() => quick3(m1.state, reply(m1, base({ ...offered, spi, number: 7 }))), NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal", "quick3(a reply naming proposal #7)", "we offered #1 and #2 only.");
    const both = { doi: 1, situation: 1, proposals: [{ ...m1.state.offer!.proposals[0]!, spi }, { ...offered, spi }] };
    expectRefusal(() => quick3(m1.state, reply(m1, [{ type: PayloadType.SA, sa: both }, { type: PayloadType.NONCE, data: nonce }, ...ids(m1)])), NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal", "quick3(a reply with two proposals)", "the responder picks one alternative.");
    const good = reply(m1, base({ ...offered, spi }));
    const { child } = quick3(m1.state, good);
    expectEqual(child.outbound.spi, 0x1234, { what: "child.outbound.spi from a well-formed hand-made reply", why: "the responder's SPI in the returned proposal." });
    expectEqual(child.encryption, "aes-256-cbc", { what: "child.encryption", why: "the responder chose proposal #2, AES-256." });
  });
  test("PFS offered but no KE in the reply", () => {
    const pfsSets: TransformSet[] = [{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }];
    const m1 = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng("q3-pfs")), pfsSets));
    const offered = m1.state.offer!.proposals[0]!;
    const noKe: Payload[] = [
      { type: PayloadType.SA, sa: { doi: 1, situation: 1, proposals: [{ ...offered, spi }] } },
      { type: PayloadType.NONCE, data: nonce },
      ...ids(m1),
    ];
    expectRefusal(() => quick3(m1.state, reply(m1, noKe)), NotifyType.INVALID_KEY_INFORMATION, "Key Exchange", "quick3(a PFS reply without KE)", "the Group-Description was agreed, so g(qm)^xy must go into KEYMAT: without the responder's KE there is no PFS.");
  });
  test("message 3 with more than HASH(3), or another Message ID", () => {
    const m1 = start();
    const m2 = answer(m1);
    const extra = ref1.sealQuick(initiator, m1.state.messageId, m2.state.iv, [{ type: PayloadType.NONCE, data: nonce }], () => r.bytes(20)).datagram;
    expectRefusal(() => quickFinish(m2.state, extra), NotifyType.PAYLOAD_MALFORMED, "Next payload", "quickFinish(a message 3 carrying a Nonce too)", "message 3 is HDR*, HASH(3) and nothing else (RFC 2409 section 5.5).");
    const other = ref3.quick3(m1.state, m2.send).send.slice();
    other.set([0, 0, 0, 9], 20);
    expectThrows(() => quickFinish(m2.state, other), { what: "quickFinish(a message 3 with Message ID 9)", error: "FieldError", field: "Message ID", why: "each Message ID is its own exchange with its own IV chain." });
  });
});
