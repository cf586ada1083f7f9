/**
 * Hidden tests for 07-main-mode/message-3. Fixed: the seed's message 2 and
 * the recorded exchange in which charon answered our message 1 and then
 * accepted our message 3 (its keys equal ours: see keys.test.ts). The seed's
 * configuration gives the 284 octets of the seed's message 3. Random:
 * against the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { modpGroup } from "@course/modp-groups.ts";
import { SEED_SUITE, type IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { publicValue } from "@ref/05-diffie-hellman/keypair.ts";
import { decodeMessage, encodeMessage } from "@ref/03-payloads/message.ts";
import type { SecurityAssociation } from "@ref/03-payloads/sa.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as refM1 from "@ref/07-main-mode/message-1.ts";
import * as refM2 from "@ref/07-main-mode/message-2.ts";
import * as ref from "@ref/07-main-mode/message-3.ts";
import { chosenSuite, freshKeyExchange, keyExchangePayloads, mainMode3 } from "@impl/07-main-mode/message-3.ts";
import { CKY_I, CKY_R, MM2, SEED_SA } from "../03-payloads/fixtures.ts";
import { SEED_MAIN_MODE_LENGTHS, b, messageLayout, payloadBodies, recordedAs, replay, seedInitiatorConfig, seedResponderConfig, seeded, strongswanConfig } from "./fixtures.ts";
import { OURS_INITIATOR } from "./strongswan-vectors.ts";

const withTransform = (sa: SecurityAssociation, change: (t: SecurityAssociation["proposals"][0]["transforms"][0]) => object): SecurityAssociation => ({
  ...sa,
  proposals: [{ ...sa.proposals[0]!, transforms: [{ ...sa.proposals[0]!.transforms[0]!, ...change(sa.proposals[0]!.transforms[0]!) }] }],
});

describe("step 1: the responder's choice", () => {
  test("the seed's answer is our one suite", () => {
    expectEqual(chosenSuite(SEED_SA, [SEED_SUITE]), SEED_SUITE, { what: "chosenSuite(the seed's message 2 SA, [the seed's suite])" });
    const second = { ...SEED_SUITE, hash: 1 };
    const reply = { ...SEED_SA, proposals: [{ ...SEED_SA.proposals[0]!, transforms: [refM1.ikeTransform(second, 2)] }] };
    expectEqual(chosenSuite(reply, [SEED_SUITE, second]), second, { what: "chosenSuite(a reply choosing transform #2 of two)", why: "the transform number says which of our suites was chosen." });
  });

  test("a short lifetime echoed in basic form, as strongSwan does, is still our transform", () => {
    const suite = { ...SEED_SUITE, lifetimeSeconds: 3600 };
    const ours = refM1.ikeTransform(suite, 1);
    const basic = { ...ours, attributes: ours.attributes.map((a) => (a.type === 12 ? { type: 12, value: 3600 } : a)) };
    const reply = { ...SEED_SA, proposals: [{ ...SEED_SA.proposals[0]!, transforms: [basic] }] };
    expectEqual(chosenSuite(reply, [suite]), suite, { what: "chosenSuite(a reply with Life-Duration 3600 as a 2-octet TV where we sent 4 octets)", why: "RFC 2409 Appendix A: the duration is variable length; 3600 fits 2 octets and charon echoes it in basic form. Same value, same transform: compare it as the 4 octets you sent." });
    const r = rng("07-main-mode/message-3 lifetimes");
    const echoed = (seconds: number, value: number) => {
      const t = refM1.ikeTransform({ ...SEED_SUITE, lifetimeSeconds: seconds }, 1);
      return { ...SEED_SA, proposals: [{ ...SEED_SA.proposals[0]!, transforms: [{ ...t, attributes: t.attributes.map((a) => (a.type === 12 ? { type: 12, value } : a)) }] }] };
    };
    for (let i = 0; i < 10; i++) {
      const seconds = r.int(1, 65534);
      const s = { ...SEED_SUITE, lifetimeSeconds: seconds };
      expectEqual(chosenSuite(echoed(seconds, seconds), [s]), s, { what: `chosenSuite(Life-Duration ${seconds} echoed in basic form)` });
      expectThrows(() => chosenSuite(echoed(seconds, seconds + 1), [s]), { what: `chosenSuite(a reply with Life-Duration ${seconds + 1} in basic form where we offered ${seconds})`, error: "NegotiationError", field: "Transform", why: "the basic form is allowed, a different value is not." });
    }
  });

  test("answers that are not one of our transforms, unchanged", () => {
    const changed = withTransform(SEED_SA, (t) => ({ attributes: t.attributes.map((a) => (a.type === 12 ? { type: 12, value: 3600 } : a)) }));
    expectThrows(() => chosenSuite(changed, [SEED_SUITE]), { what: "chosenSuite(a reply with Life-Duration 3600 instead of 86400)", error: "NegotiationError", field: "Transform", why: "RFC 2408 section 4.2: the responder may not change an attribute. (A shorter lifetime is announced with RESPONDER-LIFETIME, chapter 10.)" });
    expectThrows(() => chosenSuite(withTransform(SEED_SA, () => ({ number: 2 })), [SEED_SUITE]), { what: "chosenSuite(a reply naming transform #2 when we offered one)", error: "NegotiationError", field: "Transform" });
    const two = { ...SEED_SA, proposals: [{ ...SEED_SA.proposals[0]!, transforms: [refM1.ikeTransform(SEED_SUITE, 1), refM1.ikeTransform(SEED_SUITE, 2)] }] };
    expectThrows(() => chosenSuite(two, [SEED_SUITE, SEED_SUITE]), { what: "chosenSuite(a reply with two transforms)", error: "NegotiationError", field: "Proposal transforms", why: "the answer holds exactly the one transform chosen (BAD-PROPOSAL-SYNTAX)." });
    expectThrows(() => chosenSuite({ ...SEED_SA, proposals: [{ ...SEED_SA.proposals[0]!, number: 2 }] }, [SEED_SUITE]), { what: "chosenSuite(a reply with proposal #2)", error: "NegotiationError", field: "Proposal number" });
  });
});

describe("step 2: our key exchange, the recorded one and the seed's", () => {
  test("freshKeyExchange: private value first, then the nonce", () => {
    const x = OURS_INITIATOR;
    const dh = freshKeyExchange(strongswanConfig(x, replay(x.draws.slice(1), "freshKeyExchange")), SEED_SUITE);
    expectEqual(dh.x, BigInt("0x" + x.draws[1]), { what: "freshKeyExchange(...).x", why: "the 128 octets drawn for group 2, as a number (in range, so kept)." });
    expectBytes(dh.publicValue, publicValue(modpGroup(2), dh.x), { what: "freshKeyExchange(...).publicValue", why: "g^x mod p as 128 octets." });
    expectBytes(dh.nonce, b(x.draws[2]!), { what: "freshKeyExchange(...).nonce", why: "config.nonceBytes (20) octets, drawn after the private value." });
  });

  for (const x of recordedAs("initiator")) test(`charon's message 2 in, the message 3 charon accepted out: ${x.label}`, () => {
    const one = refM1.mainMode1(refExchange.initiatorState("main", strongswanConfig(x, replay(x.draws, "mainMode3"))));
    const step = mainMode3(one.state, b(x.messages[1]));
    const want = b(x.messages[2]);
    expectBytes(step.send, want, { what: "mainMode3(our initiator, charon's message 2)", layout: messageLayout(want), why: "KE (the group's length: 128 octets in group 2, 256 in group 14), Nonce (20), then NAT-D (the negotiated hash) for charon's 192.168.12.2:500 and for our 192.168.12.1:500: charon computed its keys from exactly this." });
    expectBytes(step.state.ckyR, b(x.messages[1]).subarray(8, 16), { what: "mainMode3(...).state.ckyR", why: "the responder's cookie is learned from message 2." });
    expectEqual([step.state.suite, step.state.natT, step.state.messages], [x.suite, true, 3], { what: "mainMode3(...).state suite, natT, messages" });
    expectBytes(step.state.gxi, payloadBodies(want).find((p) => p.type === 4)!.body, { what: "mainMode3(...).state.gxi", why: "the public value we sent: HASH_I, HASH_R and the IV need it." });
    expectBytes(step.state.ni, b(x.draws[2]!), { what: "mainMode3(...).state.ni" });
  });

  test("configured like the seed's R1: 284 octets, payloads KE, Nonce, 3 vendor IDs, 2 NAT-D", () => {
    const one = refM1.mainMode1(refExchange.initiatorState("main", seedInitiatorConfig(seeded("seed-mm3-i"))));
    const two = refM2.mainMode2(seedResponderConfig(seeded("seed-mm3-r")), one.send!);
    const step = mainMode3(one.state, two.send!);
    expectEqual(step.send!.length, SEED_MAIN_MODE_LENGTHS[2], { what: "the length of message 3 configured like the seed", why: "28 + KE 132 + Nonce 24 + DPD 20 + unknown 20 + XAUTH 12 + NAT-D 24 + NAT-D 24 = 284, the seed's Length." });
    expectEqual(payloadBodies(step.send!).map((p) => p.type), [4, 10, 13, 13, 13, 20, 20], { what: "the payload types of message 3, in order", why: "the seed's capture: Key Exchange, Nonce, Vendor ID x3, NAT-D x2." });
  });

  test("no NAT-D without NAT-T; wrong state and wrong cookie refused", () => {
    const config = { ...seedInitiatorConfig(seeded("no-natt")), natTraversal: false };
    const one = refM1.mainMode1(refExchange.initiatorState("main", { ...config, random: () => CKY_I.slice() }));
    const step = mainMode3({ ...one.state, config }, MM2.bytes);
    expectEqual(payloadBodies(step.send!).map((p) => p.type), [4, 10, 13, 13, 13], { what: "message 3 payload types with natTraversal off", why: "NAT-D payloads go only when both sides sent the RFC 3947 vendor ID." });
    expectThrows(() => mainMode3({ ...one.state, messages: 0 }, MM2.bytes), { what: "mainMode3 on a state that has not sent message 1", error: "FieldError", field: "Message" });
    const otherCookie = encodeMessage({ ...decodeMessage(MM2.bytes), initiatorSpi: CKY_R });
    expectThrows(() => mainMode3(one.state, otherCookie), { what: "mainMode3 on a message 2 of another exchange", error: "FieldError", field: "Initiator SPI" });
  });

  test("keyExchangePayloads puts the NAT-D payloads last, the destination's first", () => {
    const one = refM1.mainMode1(refExchange.initiatorState("main", seedInitiatorConfig(() => CKY_I.slice())));
    const state = { ...one.state, ckyR: CKY_R, suite: SEED_SUITE, natT: true };
    const got = keyExchangePayloads(state, new Uint8Array(128).fill(2), new Uint8Array(20).fill(3));
    const want = ref.keyExchangePayloads(state, new Uint8Array(128).fill(2), new Uint8Array(20).fill(3));
    expectTrue(got.length === want.length, `keyExchangePayloads returned ${got.length} payloads, want ${want.length}: KE, Nonce, the key-exchange vendor IDs, two NAT-D`);
    expectEqual(got, want, { what: "keyExchangePayloads(the seed's R1 with NAT-T)" });
  });
});

describe("step 3: random exchanges against the reference", () => {
  test("20 cases", () => {
    const r = rng("message-3");
    for (let i = 0; i < 20; i++) {
      const suites: IkeSuite[] = Array.from({ length: r.int(1, 3) }, () => ({ encryption: 7, keyLength: r.pick([128, 256]), hash: r.pick([1, 2, 4]), authMethod: 1, group: r.pick([1, 2]), lifetimeSeconds: 86400 }));
      const initiator = { ...seedInitiatorConfig(seeded(`m3-i-${i}`)), suites, natTraversal: r.next() < 0.7, nonceBytes: r.int(8, 64) };
      const responder = { ...seedResponderConfig(seeded(`m3-r-${i}`)), suites: [r.pick(suites)], natTraversal: r.next() < 0.7 };
      const one = refM1.mainMode1(refExchange.initiatorState("main", initiator));
      const two = refM2.mainMode2(responder, one.send!);
      const want = ref.mainMode3(one.state, two.send!);
      // The reference's source gave the cookie before message 1: ours starts after it too.
      const got = mainMode3({ ...one.state, config: { ...initiator, random: skipFirst(seeded(`m3-i-${i}`)) } }, two.send!);
      expectBytes(got.send, want.send!, { what: `random case ${i}: mainMode3 (${suites.length} suites, natT ${initiator.natTraversal}/${responder.natTraversal}, ${initiator.nonceBytes}-octet nonce)`, layout: messageLayout(want.send!) });
    }
  });
});

/** The same source with its first draw (the cookie) already taken. */
function skipFirst(source: (n: number) => Uint8Array): (n: number) => Uint8Array {
  source(8);
  return source;
}
