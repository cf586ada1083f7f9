/**
 * Hidden tests for 09-quick-mode/message-2: answering charon's message 1
 * (the answer must equal charon's own message 2 byte for byte, and the
 * reference initiator must accept it); charon's PFS message 1 answered with
 * a message 2 whose HASH(2) node:crypto confirms; random exchanges against
 * the reference; the refusals a responder owes its peer.
 */
import { createDecipheriv } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import type { TransformSet } from "@ref/04-negotiation/phase2.ts";
import { openMessage } from "@ref/07-main-mode/encryption.ts";
import type { IkeSa } from "@ref/07-main-mode/exchange.ts";
import * as ref1 from "@ref/09-quick-mode/message-1.ts";
import * as ref2 from "@ref/09-quick-mode/message-2.ts";
import { quick3 } from "@ref/09-quick-mode/message-3.ts";
import { quick2, quickMessageId } from "@impl/09-quick-mode/message-2.ts";
import { AH_SHA1, ESP_AES128_SHA1, ESP_AES256_SHA256, b, cat, expectRefusal, hmac, ikePair, scripted, seedPolicy, seeded, strongswanIke, strongswanPolicy, u32 } from "./fixtures.ts";
import { NO_PFS, PFS_GROUP2 } from "./strongswan-vectors.ts";

const nonces = (seed: string, pfs: boolean) => {
  const s = b(seed).slice(pfs ? 128 : 0);
  return { ni: s.slice(5, 37), nr: s.slice(37) };
};

describe("step 1: answering charon", () => {
  const v = NO_PFS;
  const { ni, nr } = nonces(v.initiatorSeed, false);
  test("charon's message 1 -> charon's message 2, byte for byte", () => {
    const { send, state } = quick2(strongswanIke(v, "responder"), strongswanPolicy("responder", scripted(b(v.responderSpi), nr)), b(v.qm1));
    const ike = strongswanIke(v, "responder");
    const iv = b(v.qm1).slice(-16);
    const theirs = openMessage(b(v.qm2), ike.keys, iv).message;
    const ours = openMessage(send, ike.keys, iv).message;
    // The payloads after the HASH first: the hash depends on them.
    [...theirs.payloads.keys()].slice(1).concat(0).forEach((i) => {
      expectEqual(ours.payloads[i], theirs.payloads[i], { what: `payload ${i + 1} of your message 2, decrypted (IV = last block of message 1), against charon's`, why: "charon's reply: HASH(2), SA (proposal #1, its own SPI, the transform as offered), Nr, IDci, IDcr echoed." });
    });
    expectBytes(send, b(v.qm2), {
      what: `quick2(charon's message 1) with SPI 0x${v.responderSpi} and charon's responder nonce`,
      why: "charon answered with exactly these octets: HASH(2), the chosen proposal with the responder's SPI and the offered transform unchanged, Nr, IDci and IDcr echoed; encrypted with the last ciphertext block of message 1 as IV.",
    });
    expectEqual(state.messageId, v.messageId, { what: "state.messageId", why: "the responder's exchange is keyed by the initiator's Message ID." });
    expectBytes(state.iv, b(v.qm2).slice(-16), { what: "state.iv", why: "message 3 will be decrypted with the last ciphertext block of message 2." });
    expectEqual(state.agreed?.peerSpi, parseInt(v.initiatorSpi, 16), { what: "state.agreed.peerSpi", why: "the initiator's SPI from the chosen proposal: what our outbound packets will carry." });
    expectEqual(state.spis.get(3), parseInt(v.responderSpi, 16), { what: "state.spis.get(3)", why: "our own inbound ESP SPI, the one we put in the reply." });
  });
  test("the reference initiator, in charon's place, accepts your message 2 and sends charon's message 3", () => {
    const init = ref1.quick1(strongswanIke(v, "initiator"), strongswanPolicy("initiator", scripted(b(v.initiatorSpi), ni)), v.messageId);
    const { send } = quick2(strongswanIke(v, "responder"), strongswanPolicy("responder", scripted(b(v.responderSpi), nr)), init.send);
    const done = quick3(init.state, send);
    expectBytes(done.send, b(v.qm3), { what: "the reference's message 3 after your message 2", why: "HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b), encrypted with your message 2's last block: charon's message 3 exactly." });
  });
  test("charon's message 1 with PFS (group 2): HASH(2) checked with node:crypto over the decrypted octets", () => {
    const w = PFS_GROUP2;
    const r = rng("quick2-pfs");
    const { send } = quick2(strongswanIke(w, "responder"), strongswanPolicy("responder", seeded(r), 2), b(w.qm1));
    // Decrypt with node:crypto: IV = last block of charon's message 1.
    const d = createDecipheriv("aes-128-cbc", b(w.encKey), b(w.qm1).slice(-16));
    d.setAutoPadding(false);
    const plain = new Uint8Array(Buffer.concat([d.update(send.subarray(28)), d.final()]));
    const types: number[] = [];
    let at = 0;
    for (let type = send[16]!; type !== 0; ) {
      types.push(type);
      const length = (plain[at + 2]! << 8) | plain[at + 3]!;
      type = plain[at]!;
      at += length;
    }
    expectEqual(types, [8, 1, 10, 4, 5, 5], { what: "the payloads of your message 2 (read with node:crypto)", why: "with PFS the responder sends its own KE: HASH, SA, Nr, KE, IDci, IDcr." });
    const hashLength = (plain[2]! << 8) | plain[3]!;
    const { ni } = nonces(w.initiatorSeed, true);
    expectBytes(plain.subarray(4, hashLength), hmac("sha1", b(w.skeyid_a), u32(w.messageId), ni, plain.subarray(hashLength, at)), {
      what: "the HASH(2) in your message 2",
      why: "HASH(2) = prf(SKEYID_a, M-ID | Ni_b | every payload after HASH as sent), here recomputed from the decrypted octets with node:crypto.",
    });
  });
});

describe("step 2: random exchanges against the reference", () => {
  const CASES: { sets: TransformSet[]; natT: boolean; own?: { seconds?: number; kilobytes?: number } }[] = [
    { sets: [{ esp: ESP_AES128_SHA1, mode: 1 }], natT: false },
    { sets: [{ esp: ESP_AES128_SHA1, mode: 1 }], natT: true },
    { sets: [{ esp: ESP_AES256_SHA256, mode: 2, pfsGroup: 14 }], natT: true },
    { sets: [{ ah: AH_SHA1, mode: 1 }], natT: false, own: { seconds: 1800 } },
    { sets: [{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }], natT: false, own: { seconds: 86400, kilobytes: 1000 } },
  ];
  for (const [i, c] of CASES.entries()) {
    test(`case ${i + 1}: ${c.sets[0]!.esp ? "ESP" : "AH"}${c.sets[0]!.pfsGroup ? ` PFS ${c.sets[0]!.pfsGroup}` : ""}${c.natT ? ", NAT-T" : ""}${c.own ? ", shorter responder lifetime" : ""}`, () => {
      const label = `quick2-${i}`;
      const { initiator, responder } = ikePair(rng(label + "-ike"), { natT: c.natT, hash: i % 2 ? "md5" : "sha1" });
      const m1 = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng(label + "-i")), c.sets));
      const policy = () => seedPolicy("responder", seeded(rng(label + "-r")), c.sets, c.own ?? { seconds: 3600, kilobytes: 4608000 });
      const mine = quick2(responder, policy(), m1.send);
      const want = ref2.quick2(responder, policy(), m1.send);
      expectEqual(mine.state.agreed?.lifetime, want.state.agreed?.lifetime, { what: "state.agreed.lifetime", why: "the responder keeps the shorter of the offered and its own lifetime, kind by kind (chapter 04)." });
      expectBytes(mine.send, want.send, { what: "your message 2 against the reference's, same random octets", why: "draw in the exercise's order: one SPI per protocol of your sets, the nonce, the PFS private value. A shortened lifetime adds a RESPONDER-LIFETIME notification after the IDs." });
      const done = quick3(m1.state, mine.send);
      expectEqual(done.child.lifetime, want.state.agreed?.lifetime, { what: "the lifetime the initiator adopts from your message 2", why: "RESPONDER-LIFETIME tells the initiator the shorter lifetime (RFC 2407 section 4.5.4)." });
    });
  }
});

describe("step 2b: two quick modes at once over one IKE SA", () => {
  test("each Message ID has its own IV chain; the order of arrival does not matter", () => {
    const { initiator, responder } = ikePair(rng("quick2-parallel-ike"), { natT: false });
    const sets: TransformSet[] = [{ esp: ESP_AES128_SHA1, mode: 1 }];
    const first = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng("par-1")), sets), 0x11111111);
    const second = ref1.quick1(initiator, seedPolicy("initiator", seeded(rng("par-2")), sets), 0x22222222);
    const policy = () => seedPolicy("responder", seeded(rng("par-r")), sets);
    const b2 = quick2(responder, policy(), second.send);
    const b1 = quick2(responder, policy(), first.send);
    expectEqual([b1.state.messageId, b2.state.messageId], [0x11111111, 0x22222222], { what: "the Message IDs of the two responder states" });
    expectBytes(b1.state.iv, ref2.quick2(responder, policy(), first.send).state.iv, { what: "the IV after answering 0x11111111 second", why: "the first IV of an exchange is hash(last phase 1 block | its M-ID): nothing from another exchange may leak into it." });
    quick3(first.state, b1.send);
    quick3(second.state, b2.send);
  });
});

describe("step 3: what a responder refuses", () => {
  const r = rng("quick2-refusals");
  const { initiator, responder } = ikePair(r, { natT: false });
  const sets: TransformSet[] = [{ esp: ESP_AES128_SHA1, mode: 1 }];
  const offer = (ike: IkeSa = initiator, s: TransformSet[] = sets, policy = seedPolicy("initiator", seeded(rng("q2-i")), s)) => ref1.quick1(ike, policy).send;
  const mine = (datagram: Uint8Array, s: TransformSet[] = sets, policy = seedPolicy("responder", seeded(rng("q2-r")), s)) => quick2(responder, policy, datagram);
  test("a wrong HASH(1)", () => {
    const forged = { ...initiator, keys: { ...initiator.keys, skeyid_a: r.bytes(20) } };
    expectRefusal(() => mine(offer(forged)), NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", "quick2(a message 1 whose HASH(1) used another SKEYID_a)", "only a holder of SKEYID_a can make HASH(1): check it before believing anything in the message.");
  });
  test("no acceptable proposal, PFS refused or missing", () => {
    expectRefusal(() => mine(offer(), [{ esp: ESP_AES256_SHA256, mode: 1 }]), NotifyType.NO_PROPOSAL_CHOSEN, "Proposal", "quick2 of an AES-128 offer by a responder that wants AES-256", "nothing offered fits: NO-PROPOSAL-CHOSEN (14), from chapter 04's selectPhase2.");
    expectRefusal(() => mine(offer(), [{ esp: ESP_AES128_SHA1, mode: 1, pfsGroup: 2 }]), NotifyType.NO_PROPOSAL_CHOSEN, "Proposal", "quick2 of an offer without PFS by a responder that requires group 2", "the Group-Description attribute is part of the transform: no PFS offered, no match.");
    expectRefusal(() => mine(offer(initiator, sets), [{ esp: ESP_AES128_SHA1, mode: 2 }]), NotifyType.NO_PROPOSAL_CHOSEN, "Proposal", "quick2 of a tunnel offer by a transport-mode responder", "Encapsulation-Mode must match too.");
  });
  test("proxy identities that are not the mirror of our policy", () => {
    const foreign = { ...seedPolicy("responder", seeded(rng("q2-r")), sets), remoteSubnet: "10.9.0.0/24" };
    expectRefusal(() => mine(offer(), sets, foreign), NotifyType.INVALID_ID_INFORMATION, "IDci", "quick2 where IDci is 10.1.0.0/24 but our policy's remote side is 10.9.0.0/24", "the responder checks IDci against its remote subnet, IDcr against its local one.");
  });
  test("quickMessageId: headers that are not a quick mode of this IKE SA", () => {
    const m = offer();
    const with_ = (at: number, bytes: Uint8Array) => {
      const c = m.slice();
      c.set(bytes, at);
      return c;
    };
    expectEqual(quickMessageId(responder, m), new DataView(m.buffer, m.byteOffset).getUint32(20), { what: "quickMessageId(message 1)" });
    expectThrows(() => quickMessageId(responder, with_(18, Uint8Array.of(2))), { what: "quickMessageId(exchange type 2)", error: "FieldError", field: "Exchange type", why: "main mode is not quick mode (32)." });
    expectThrows(() => quickMessageId(responder, with_(0, r.bytes(8))), { what: "quickMessageId(another initiator cookie)", error: "FieldError", field: "Initiator SPI", why: "the cookies say which IKE SA's keys to use: another pair is another SA." });
    expectThrows(() => quickMessageId(responder, with_(20, u32(0))), { what: "quickMessageId(Message ID 0)", error: "FieldError", field: "Message ID", why: "Message ID 0 belongs to phase 1." });
    expectThrows(() => quickMessageId(responder, with_(19, Uint8Array.of(0))), { what: "quickMessageId(E flag clear)", error: "FieldError", field: "Flags", why: "quick mode is always encrypted." });
    expectThrows(() => mine(cat(m.subarray(0, 28), m.subarray(28, 40))), { what: "quick2(a message 1 cut after 12 octets of ciphertext)", error: "FieldError" });
  });
});
