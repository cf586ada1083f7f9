/**
 * Hidden tests for 07-main-mode/message-4. Fixed: the recorded exchange in
 * which charon initiated, our responder answered, and charon accepted our
 * message 4 (it sent message 5 encrypted with the keys it logged, which our
 * keys equal). The seed's configuration gives the seed's 304 octets.
 * Random: against the reference, and the initiator's keys must match.
 */
import { describe, test } from "vitest";
import { TeachingError, expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { decodeMessage, encodeMessage } from "@ref/03-payloads/message.ts";
import type { IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as refKeys from "@ref/07-main-mode/keys.ts";
import * as refM1 from "@ref/07-main-mode/message-1.ts";
import * as refM2 from "@ref/07-main-mode/message-2.ts";
import * as refM3 from "@ref/07-main-mode/message-3.ts";
import * as ref from "@ref/07-main-mode/message-4.ts";
import { mainMode4, peerKeyExchange } from "@impl/07-main-mode/message-4.ts";
import { SEED_MAIN_MODE_LENGTHS, b, messageLayout, payloadBodies, recordedAs, replay, seedInitiatorConfig, seedResponderConfig, seeded, strongswanConfig } from "./fixtures.ts";

/** The seed's routers after messages 1-3, and message 3 itself. */
function seedAfter3(label: string) {
  const one = refM1.mainMode1(refExchange.initiatorState("main", seedInitiatorConfig(seeded(`${label}-i`))));
  const two = refM2.mainMode2(seedResponderConfig(seeded(`${label}-r`)), one.send!);
  const three = refM3.mainMode3(one.state, two.send!);
  return { responder: two.state, initiator: three.state, m3: three.send! };
}

describe("step 0: peerKeyExchange reads the peer's KE, Nonce and NAT-D", () => {
  for (const x of recordedAs("responder")) test(`charon's message 3: ${x.label}`, () => {
    const two = refM2.mainMode2(strongswanConfig(x, replay(x.draws, "peerKeyExchange")), b(x.messages[0]));
    const m3 = b(x.messages[2]);
    const got = peerKeyExchange(two.state, decodeMessage(m3));
    const body = (t: number) => payloadBodies(m3).find((p) => p.type === t)!.body;
    expectBytes(got.publicValue, body(4), { what: "peerKeyExchange(our responder, charon's message 3).publicValue", why: "the Key Exchange Data charon sent: g^xi, which SKEYID_d, the IV and both hashes use." });
    expectBytes(got.nonce, body(10), { what: "peerKeyExchange(...).nonce", why: "the Nonce data charon sent: Ni_b in SKEYID = prf(PSK, Ni_b | Nr_b)." });
    expectEqual(got.nat, { localBehindNat: false, remoteBehindNat: true }, { what: "peerKeyExchange(...).nat", why: "charon fakes its own NAT-D hash to force UDP encapsulation, so it looks as if charon were behind a NAT." });
  });

  test("both directions: the initiator reads the responder's message 4 the same way", () => {
    const { responder, initiator, m3 } = seedAfter3("peer-ke");
    const four = ref.mainMode4(responder, m3).send!;
    for (const [who, state, msg, type] of [["responder", responder, m3, "message 3"], ["initiator", initiator, four, "message 4"]] as const) {
      const got = peerKeyExchange(state, decodeMessage(msg));
      const want = ref.peerKeyExchange(state, decodeMessage(msg));
      expectBytes(got.publicValue, want.publicValue, { what: `peerKeyExchange(the seed's ${who}, ${type}).publicValue` });
      expectBytes(got.nonce, want.nonce, { what: `peerKeyExchange(the seed's ${who}, ${type}).nonce` });
      expectEqual(got.nat, { localBehindNat: false, remoteBehindNat: false }, { what: `peerKeyExchange(the seed's ${who}, ${type}).nat`, why: "no NAT between 192.168.12.1 and .2: both NAT-D hashes match the addresses and ports used." });
    }
    const noNatT = peerKeyExchange({ ...responder, natT: false }, decodeMessage(m3));
    expectEqual(noNatT.nat, { localBehindNat: false, remoteBehindNat: false }, { what: "peerKeyExchange with natT false", why: "without NAT-T agreed, NAT-D payloads are not looked at: no NAT on either side." });
  });

  test("refusals: a public value of 1, no suite", () => {
    const { responder, m3 } = seedAfter3("peer-ke-refuse");
    const m = decodeMessage(m3);
    const one = new Uint8Array(128);
    one[127] = 1;
    const withOne = { ...m, payloads: m.payloads.map((p) => (p.type === 4 ? { ...p, data: one } : p)) as typeof m.payloads };
    expectThrows(() => peerKeyExchange(responder, withOne), { what: "peerKeyExchange with Key Exchange Data = 1", error: "FieldError", field: "Key Exchange Data", why: "g^xy would be 1: checkPeerPublic refuses it (chapter 05)." });
    const { suite: _suite, ...noSuite } = responder;
    expectThrows(() => peerKeyExchange(noSuite, m), { what: "peerKeyExchange on a state with no agreed suite", error: "FieldError", field: "Transform", why: "the group of the public value comes from the agreed suite." });
  });
});

describe("step 1: charon's message 3 in, the message 4 charon accepted out", () => {
  for (const x of recordedAs("responder")) test(`the recorded exchange: ${x.label}`, () => {
    const two = refM2.mainMode2(strongswanConfig(x, replay(x.draws, "mainMode4")), b(x.messages[0]));
    const step = mainMode4(two.state, b(x.messages[2]));
    const want = b(x.messages[3]);
    expectBytes(step.send, want, { what: "mainMode4(our responder, charon's message 3)", layout: messageLayout(want), why: "KE, Nonce, NAT-D for charon (192.168.12.1:500) then for us: charon answered these octets with message 5." });
    const keys = step.state.keys;
    expectBytes(keys?.skeyid, b(x.charon.skeyid), { what: "mainMode4(...).state.keys.skeyid", why: "the responder derives the keys now: message 5 will arrive encrypted. charon logged this SKEYID." });
    expectBytes(keys?.skeyid_e, b(x.charon.skeyid_e), { what: "mainMode4(...).state.keys.skeyid_e" });
    expectBytes(keys?.encKey, b(x.charon.encKey), { what: "mainMode4(...).state.keys.encKey" });
    expectBytes(step.state.iv, b(x.charon.iv), { what: "mainMode4(...).state.iv", why: "the IV of message 5: hash(g^xi | g^xr), one block." });
    expectEqual(step.state.nat, { localBehindNat: false, remoteBehindNat: true }, { what: "mainMode4(...).state.nat", why: "charon fakes its own NAT-D hash (kernel-libipsec forces UDP encapsulation): it looks as if charon were behind a NAT." });
    expectEqual(step.state.messages, 4, { what: "mainMode4(...).state.messages" });
  });
});

describe("step 2: the seed's sizes, and the initiator agrees", () => {
  test("configured like the seed's R2: 304 octets, KE, Nonce, 4 vendor IDs, 2 NAT-D", () => {
    const { responder, m3 } = seedAfter3("seed-mm4");
    const step = mainMode4(responder, m3);
    expectEqual(step.send!.length, SEED_MAIN_MODE_LENGTHS[3], { what: "the length of message 4 configured like the seed", why: "28 + KE 132 + Nonce 24 + CISCO-UNITY 20 + DPD 20 + unknown 20 + XAUTH 12 + NAT-D 24 x 2 = 304, the seed's Length." });
    expectEqual(payloadBodies(step.send!).map((p) => p.type), [4, 10, 13, 13, 13, 13, 20, 20], { what: "the payload types of message 4, in order" });
  });

  test("the initiator, given our KE and nonce, derives the keys we derived", () => {
    const { responder, initiator, m3 } = seedAfter3("agree");
    const step = mainMode4(responder, m3);
    const body = (t: number) => payloadBodies(step.send!).find((p) => p.type === t)!.body;
    const theirs = refKeys.phase1Keys({ ...initiator, gxr: body(4), nr: body(10) });
    expectBytes(step.state.keys?.encKey, theirs.keys.encKey, { what: "the responder's encryption key against the initiator's", why: "both sides must hold the same keys after message 4, or message 5 cannot be read." });
    expectBytes(step.state.keys?.skeyid_a, theirs.keys.skeyid_a, { what: "the responder's SKEYID_a against the initiator's" });
    expectBytes(step.state.iv, theirs.iv, { what: "the responder's first IV against the initiator's" });
    expectEqual(step.state.nat, { localBehindNat: false, remoteBehindNat: false }, { what: "mainMode4(...).state.nat between the seed's routers", why: "no NAT between 192.168.12.1 and .2: both hashes match." });
  });
});

describe("step 3: refusals, before anything is drawn", () => {
  const refuse = () => {
    throw new TeachingError("mainMode4 drew random octets before checking message 3: check the peer's KE, the nonce and the NAT-D payloads first.");
  };
  const { responder, m3 } = seedAfter3("refuse");
  const noRandom = { ...responder, config: { ...responder.config, random: refuse } };
  const m = decodeMessage(m3);
  const replaced = (type: number, data: Uint8Array | undefined) =>
    encodeMessage({ ...m, payloads: m.payloads.flatMap((p) => (p.type !== type ? [p] : data ? [{ ...p, data }] : [])) as typeof m.payloads });

  test("a public value of 1, or of the wrong length", () => {
    const one = new Uint8Array(128);
    one[127] = 1;
    expectThrows(() => mainMode4(noRandom, replaced(4, one)), { what: "mainMode4 with Key Exchange Data = 1", error: "FieldError", field: "Key Exchange Data", why: "g^xy would be 1: checkPeerPublic refuses it (chapter 05)." });
    expectThrows(() => mainMode4(noRandom, replaced(4, new Uint8Array(96).fill(7))), { what: "mainMode4 with 96 octets of Key Exchange Data in group 2", error: "FieldError", field: "Key Exchange Data" });
  });

  test("no nonce; only one NAT-D payload", () => {
    expectThrows(() => mainMode4(noRandom, replaced(10, undefined)), { what: "mainMode4 on a message 3 without Nonce", error: "NegotiationError", field: "Nonce (10)" });
    const oneNatD = encodeMessage({ ...m, payloads: m.payloads.slice(0, -1) });
    expectThrows(() => mainMode4(noRandom, oneNatD), { what: "mainMode4 on a message 3 with one NAT-D after NAT-T was agreed", error: "NegotiationError", field: "NAT-D (RFC 3947)" });
  });

  test("a responder that has not sent message 2", () => {
    expectThrows(() => mainMode4({ ...noRandom, messages: 0 }, m3), { what: "mainMode4 on a responder state with messages 0", error: "FieldError", field: "Message" });
  });
});

describe("step 4: random exchanges against the reference", () => {
  test("15 cases", () => {
    const r = rng("message-4");
    for (let i = 0; i < 15; i++) {
      const suite: IkeSuite = { encryption: 7, keyLength: r.pick([128, 192, 256]), hash: r.pick([1, 2, 4, 5]), authMethod: 1, group: r.pick([1, 2]), lifetimeSeconds: 86400 };
      const natT = r.next() < 0.7;
      const vids = { sa: [], keyExchange: Array.from({ length: r.int(0, 3) }, () => r.bytes(16)) };
      const initiator = { ...seedInitiatorConfig(seeded(`m4-i-${i}`)), suites: [suite], natTraversal: natT };
      const responderConfig = { ...seedResponderConfig(seeded(`m4-r-${i}`)), suites: [suite], natTraversal: true, nonceBytes: r.int(8, 64), vendorIds: vids };
      const one = refM1.mainMode1(refExchange.initiatorState("main", initiator));
      const two = refM2.mainMode2(responderConfig, one.send!);
      const three = refM3.mainMode3(one.state, two.send!);
      const want = ref.mainMode4(two.state, three.send!);
      const fresh = refM2.mainMode2({ ...responderConfig, random: seeded(`m4-r-${i}`) }, one.send!);
      const got = mainMode4(fresh.state, three.send!);
      expectBytes(got.send, want.send!, { what: `random case ${i}: mainMode4 (natT ${natT}, hash ${suite.hash}, ${responderConfig.nonceBytes}-octet nonce)`, layout: messageLayout(want.send!) });
      expectBytes(got.state.keys?.encKey, want.state.keys!.encKey, { what: `random case ${i}: state.keys.encKey` });
      expectEqual(got.state.nat, want.state.nat, { what: `random case ${i}: state.nat` });
    }
  });
});
