/**
 * Hidden tests for 07-main-mode/message-2. Fixed: the seed's message 1 in,
 * the seed's message 2 out (both hand-written from the capture); charon's
 * message 1 in, the message 2 charon accepted out. Random: offers and
 * policies against the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { SEED_SUITE, type IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { decodeMessage, encodeMessage } from "@ref/03-payloads/message.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as refM1 from "@ref/07-main-mode/message-1.ts";
import * as ref from "@ref/07-main-mode/message-2.ts";
import { mainMode2, peerSupportsNatT, saBodyAsSent } from "@impl/07-main-mode/message-2.ts";
import { CKY_R, MM1, MM2, SEED_SA_BODY, VID_NATT_07 } from "../03-payloads/fixtures.ts";
import { b, messageLayout, payloadBodies, recordedAs, replay, seedInitiatorConfig, seedResponderConfig, seeded, strongswanConfig } from "./fixtures.ts";
import { OURS_RESPONDER } from "./strongswan-vectors.ts";

const once = (v: Uint8Array) => () => v.slice();
const m1 = decodeMessage(MM1.bytes);

describe("step 1: reading message 1", () => {
  test("peerSupportsNatT: the RFC 3947 vendor ID, and only that one", () => {
    expectEqual(peerSupportsNatT(m1), true, { what: "peerSupportsNatT(the seed's message 1)", why: "its first vendor ID is RFC 3947's." });
    const draftsOnly = { ...m1, payloads: m1.payloads.filter((p, i) => i !== 1) };
    expectEqual(peerSupportsNatT(draftsOnly), false, { what: "peerSupportsNatT(message 1 with only the NAT-T drafts' vendor IDs)", why: "the drafts put NAT-D in payload 130 and float to other ports: this course speaks RFC 3947 only." });
    expectEqual(peerSupportsNatT({ ...m1, payloads: [m1.payloads[0]!] }), false, { what: "peerSupportsNatT(message 1 without vendor IDs)" });
  });

  test("saBodyAsSent: the SA body octets from the datagram, wherever the SA payload is", () => {
    expectBytes(saBodyAsSent(MM1.bytes), SEED_SA_BODY, { what: "saBodyAsSent(the seed's message 1)", why: "SAi_b is the SA payload without its 4-octet generic header." });
    const vidFirst = encodeMessage({ ...m1, payloads: [{ type: 13, data: VID_NATT_07 }, m1.payloads[0]!] });
    expectBytes(saBodyAsSent(vidFirst), SEED_SA_BODY, { what: "saBodyAsSent(a message whose first payload is a vendor ID, then the SA)" });
    const charon = b(OURS_RESPONDER.messages[0]);
    expectBytes(saBodyAsSent(charon), payloadBodies(charon).find((p) => p.type === 1)!.body, { what: "saBodyAsSent(charon's message 1)", why: "charon's message 1 carries several vendor IDs after its SA." });
  });
});

describe("step 2: answering, the seed's and strongSwan's", () => {
  test("configured like the seed's R2, the answer to the seed's message 1 is the seed's message 2 (108 octets)", () => {
    const step = mainMode2(seedResponderConfig(once(CKY_R)), MM1.bytes);
    expectBytes(step.send, MM2.bytes, { what: "mainMode2(the seed's R2 with cookie a00b8ef0902bb8ec, the seed's message 1)", layout: messageLayout(MM2.bytes), why: "the offered transform unchanged, then the RFC 3947 vendor ID: the initiator sent it and R2 does NAT-T." });
    expectBytes(step.state.saiB, SEED_SA_BODY, { what: "mainMode2(...).state.saiB", why: "the responder keeps the initiator's SA body: HASH_I and HASH_R cover it." });
    expectEqual(step.state.suite, SEED_SUITE, { what: "mainMode2(...).state.suite" });
    expectEqual([step.state.natT, step.state.messages, step.state.role], [true, 2, "responder"], { what: "mainMode2(...).state natT, messages, role" });
  });

  for (const x of recordedAs("responder")) {
    test(`charon's message 1 in, the message 2 charon accepted out: ${x.label}`, () => {
      const want = b(x.messages[1]);
      const step = mainMode2(strongswanConfig(x, replay(x.draws, "mainMode2")), b(x.messages[0]));
      expectBytes(step.send, want, { what: "mainMode2(our side of the strongSwan recording, charon's message 1)", layout: messageLayout(want), why: "charon went on with message 3 after these octets. Its other vendor IDs (XAUTH, DPD, fragmentation, drafts) are ignored." });
    });
  }

  test("without NAT traversal configured, no RFC 3947 vendor ID goes back", () => {
    const step = mainMode2({ ...seedResponderConfig(once(CKY_R)), natTraversal: false }, MM1.bytes);
    expectEqual(step.send!.length, 88, { what: "the length of mainMode2's answer with natTraversal off", why: "header 28 + SA 60: NAT-T needs both sides, so the vendor ID is left out." });
    expectEqual(step.state.natT, false, { what: "mainMode2(...).state.natT with natTraversal off" });
  });

  test("refusals: nothing acceptable, no SA, a Responder SPI already set, another exchange type", () => {
    const policy = { ...seedResponderConfig(once(CKY_R)), suites: [{ ...SEED_SUITE, group: 14 }] };
    expectThrows(() => mainMode2(policy, MM1.bytes), { what: "mainMode2 with a policy of group 14 only, on the seed's group 2 offer", error: "NegotiationError", field: "Transform", why: "no offered transform fits: the initiator must be told NO-PROPOSAL-CHOSEN (14)." });
    const noSa = encodeMessage({ ...m1, payloads: m1.payloads.slice(1) });
    expectThrows(() => mainMode2(seedResponderConfig(once(CKY_R)), noSa), { what: "mainMode2 on a message 1 with vendor IDs but no SA", error: "NegotiationError", field: "Security Association (1)" });
    expectThrows(() => mainMode2(seedResponderConfig(once(CKY_R)), MM2.bytes), { what: "mainMode2 on a message with a Responder SPI", error: "FieldError", field: "Responder SPI" });
    const aggressive = encodeMessage({ ...m1, exchangeType: 4 });
    expectThrows(() => mainMode2(seedResponderConfig(once(CKY_R)), aggressive), { what: "mainMode2 on an Aggressive (4) message", error: "FieldError", field: "Exchange type" });
  });
});

describe("step 3: random offers and policies against the reference", () => {
  test("25 cases", () => {
    const r = rng("message-2");
    const suite = (): IkeSuite => ({ encryption: 7, keyLength: r.pick([128, 256]), hash: r.pick([1, 2, 4]), authMethod: 1, group: r.pick([2, 14]), lifetimeSeconds: r.pick([3600, 28800, 86400]) });
    for (let i = 0; i < 25; i++) {
      const offer = Array.from({ length: r.int(1, 4) }, suite);
      const initiator = { ...seedInitiatorConfig(seeded(`m2-i-${i}`)), suites: offer, natTraversal: r.next() < 0.6 };
      const m = refM1.mainMode1(refExchange.initiatorState("main", initiator)).send!;
      const responder = { ...seedResponderConfig(seeded(`m2-r-${i}`)), suites: r.next() < 0.7 ? [r.pick(offer), suite()] : [suite()], prefer: r.pick(["initiator", "responder"] as const), natTraversal: r.next() < 0.6 };
      let want: ReturnType<typeof ref.mainMode2> | undefined;
      try {
        want = ref.mainMode2(responder, m);
      } catch {
        expectThrows(() => mainMode2({ ...responder, random: seeded(`m2-r-${i}`) }, m), { what: `random case ${i}: an offer the policy refuses`, error: "NegotiationError", field: "Transform" });
        continue;
      }
      const got = mainMode2({ ...responder, random: seeded(`m2-r-${i}`) }, m);
      expectBytes(got.send, want.send!, { what: `random case ${i}: mainMode2 (${offer.length} offered, prefer ${responder.prefer}, natTraversal ${responder.natTraversal}/${initiator.natTraversal})`, layout: messageLayout(want.send!) });
      expectEqual([got.state.suite, got.state.natT], [want.state.suite, want.state.natT], { what: `random case ${i}: state.suite and state.natT` });
    }
  });
});
