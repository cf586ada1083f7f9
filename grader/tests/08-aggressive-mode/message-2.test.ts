/**
 * Hidden tests for 08-aggressive-mode/message-2: the seed's 420-octet answer,
 * the message 2 strongSwan accepted (replayed from recorded random octets;
 * charon's HASH_R and keys), random exchanges against the reference, and
 * the messages 1 a responder must refuse.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { aggressive2 } from "@impl/08-aggressive-mode/message-2.ts";
import { aggressive2 as refAggressive2 } from "@ref/08-aggressive-mode/message-2.ts";
import { aggressive1 as refAggressive1 } from "@ref/08-aggressive-mode/message-1.ts";
import { decodeMessage, encodeMessage, type IsakmpMessage } from "@ref/03-payloads/message.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import { initiatorState, type Phase1Config } from "@ref/07-main-mode/exchange.ts";
import { seedInitiatorConfig, seedResponderConfig } from "../../src/pcap/scenarios/seed-config.ts";
import { b, expectNegotiation, hexOf, messageLayout, randomPair, strongswanConfig, twinRandom } from "./exchange.ts";
import { OURS_RESPONDER } from "./strongswan-vectors.ts";

const { SA, VENDOR_ID: VID, KEY_EXCHANGE: KE, NONCE, IDENTIFICATION: ID, HASH, NAT_D } = PayloadType;

describe("step 1: the seed's message 2", () => {
  test("configured like the seed's R2, the answer to R1 is 420 octets in the seed's order", () => {
    const r = rng("am2-seed");
    const one = refAggressive1(initiatorState("aggressive", seedInitiatorConfig((n) => r.bytes(n))));
    const two = aggressive2(seedResponderConfig((n) => r.bytes(n)), one.send!);
    expectEqual(two.send?.length, 420, { what: "the length of message 2", why: "the seed's capture shows Length: 420: header 28, SA 60, five vendor IDs 92, KE 132, ID 12, Nonce 24, Hash 24, two NAT-D 48." });
    expectEqual(decodeMessage(two.send!).payloads.map((p) => p.type), [SA, VID, VID, VID, VID, VID, KE, ID, NONCE, HASH, NAT_D, NAT_D], {
      what: "the payload types of message 2, in order",
      why: "SA, the vendor IDs (RFC 3947's since R1 sent it, then the others), KE, ID, Nonce, HASH_R, then NAT-D for R1 and NAT-D for R2.",
    });
  });
});

describe("step 2: the message 2 strongSwan accepted", () => {
  test(OURS_RESPONDER.label, () => {
    const x = OURS_RESPONDER;
    const two = aggressive2(strongswanConfig(x), b(x.messages[0]));
    expectBytes(two.send, b(x.messages[1]), {
      what: "message 2 answering charon's message 1, from the recorded random octets",
      layout: messageLayout(b(x.messages[1])),
      why: `charon accepted exactly this message 2 (it checked HASH_R) and logged "${x.established}".`,
    });
    const hash = decodeMessage(two.send!).payloads.find((p) => p.type === HASH) as { data: Uint8Array } | undefined;
    expectBytes(hash?.data, b(x.charon.hashR), { what: "the Hash DATA of message 2 (HASH_R)", why: "charon computed this HASH_R: prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)." });
    const k = two.state.keys;
    for (const [name, got, want] of [
      ["SKEYID", k?.skeyid, x.charon.skeyid],
      ["SKEYID_d", k?.skeyid_d, x.charon.skeyid_d],
      ["SKEYID_a", k?.skeyid_a, x.charon.skeyid_a],
      ["SKEYID_e", k?.skeyid_e, x.charon.skeyid_e],
      ["the encryption key", k?.encKey, x.charon.encKey],
      ["the first IV", two.state.iv, x.charon.iv],
    ] as const) {
      expectBytes(got, b(want), { what: `${name} in the state after message 2`, why: "charon logged this value for the same exchange; message 3 arrives encrypted with it." });
    }
  });
});

describe("step 3: random exchanges against the reference", () => {
  test("message 2 and the state equal the reference's for the same random octets", () => {
    const r = rng("am2-random");
    for (let i = 0; i < 6; i++) {
      const pair = randomPair(r);
      const one = refAggressive1(initiatorState("aggressive", { ...pair.initiator, random: (n) => r.bytes(n) }));
      const [mine, theirs] = twinRandom(`am2-random-${i}`);
      const got = aggressive2({ ...pair.responder, random: mine }, one.send!);
      const want = refAggressive2({ ...pair.responder, random: theirs }, one.send!);
      const what = `message 2 (NAT-T ${want.state.natT ? "agreed" : "not agreed"}, ${pair.initiator.suites.length} transform(s) offered, ${pair.responder.nonceBytes}-octet nonce)`;
      expectBytes(got.send, want.send!, { what, layout: messageLayout(want.send!) });
      expectEqual(got.state.suite, want.state.suite, { what: "state.suite", why: "the transform accepted, with its attributes as numbers (chapter 04)." });
      for (const k of ["saiB", "gxi", "gxr", "ni", "nr", "idB", "iv"] as const) {
        expectBytes(got.state[k], want.state[k]!, { what: `state.${k} after ${what}` });
      }
      expectEqual(got.state.keys, want.state.keys, { what: "state.keys", why: "message 3 is decrypted with them." });
      expectEqual([got.state.natT, got.state.messages, got.state.peerId], [want.state.natT, 2, want.state.peerId], { what: "[state.natT, state.messages, state.peerId]" });
    }
  });
});

describe("step 4: messages 1 to refuse", () => {
  const r = rng("am2-refuse");
  const pair = randomPair(r);
  const one = refAggressive1(initiatorState("aggressive", { ...pair.initiator, random: (n) => r.bytes(n) }));
  const m1 = decodeMessage(one.send!);
  const responder = (): Phase1Config => ({ ...pair.responder, random: (n) => r.bytes(n) });
  const without = (type: number): Uint8Array => encodeMessage({ ...m1, payloads: m1.payloads.filter((p) => p.type !== type) } as IsakmpMessage);

  for (const [type, name] of [[KE, "Key Exchange (4)"], [NONCE, "Nonce (10)"], [ID, "Identification (5)"]] as const) {
    test(`no ${name} payload`, () => {
      expectNegotiation(() => aggressive2(responder(), without(type)), NotifyType.PAYLOAD_MALFORMED, name, `aggressive2(message 1 without its ${name} payload)`, "RFC 2409 section 5.4: message 1 carries SA, KE, Ni and IDii; without one of them there is nothing to answer.");
    });
  }
  test("a public value of another group", () => {
    const longer = encodeMessage({ ...m1, payloads: m1.payloads.map((p) => (p.type === KE ? { type: KE, data: new Uint8Array(256).fill(0x5a) } : p)) } as IsakmpMessage);
    expectThrows(() => aggressive2(responder(), longer), { what: "aggressive2(message 1 whose KE is 256 octets while group 1 or 2 was offered)", error: "FieldError", field: "Key Exchange Data", why: "the KE payload must be in the group of the accepted transform: 96 octets for group 1, 128 for group 2 (RFC 2409 section 5)." });
  });
  test("no acceptable transform", () => {
    const strict: Phase1Config = { ...responder(), suites: [{ ...SEED_SUITE, keyLength: 256, lifetimeSeconds: 1 }] };
    const seedOffer = refAggressive1(initiatorState("aggressive", { ...strict, suites: [SEED_SUITE], random: (n) => r.bytes(n) })).send!;
    expectNegotiation(() => aggressive2(strict, seedOffer), NotifyType.NO_PROPOSAL_CHOSEN, "Transform", "aggressive2(the seed's offer to a responder that wants AES-256)", "chapter 04's selectPhase1 decides; the responder answers NO-PROPOSAL-CHOSEN instead of message 2.");
  });
  test("the cookie in the header", () => {
    const bad = one.send!.slice();
    bad.fill(0, 0, 8);
    expectThrows(() => aggressive2(responder(), bad), { what: "aggressive2(message 1 with an all-zero Initiator SPI)", error: "FieldError", field: "Initiator SPI", why: "the initiator's cookie is never zero (RFC 2408 section 3.1): chapter 07's responderState refuses it." });
    expectEqual(hexOf(one.send!.subarray(0, 8)) !== "0000000000000000", true, { what: "the reference's cookie is not zero" });
  });
});
