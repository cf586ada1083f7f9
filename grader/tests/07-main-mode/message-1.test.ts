/**
 * Hidden tests for 07-main-mode/message-1. Fixed: the seed's message 1
 * (hand-written from the capture), and the message 1 strongSwan accepted
 * from our initiator; strongSwan's own offer has the same SA body. Random:
 * offers of several suites against the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import type { IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import { encodeSa } from "@ref/03-payloads/sa.ts";
import { encodeTransform } from "@ref/03-payloads/transform.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as ref from "@ref/07-main-mode/message-1.ts";
import { ikeTransform, mainMode1, natTraversalVendorId, phase1Offer, saVendorIds } from "@impl/07-main-mode/message-1.ts";
import { CKY_I, MM1, SEED_SA_BODY, SEED_TRANSFORM_BYTES, VID_RFC3947 } from "../03-payloads/fixtures.ts";
import { b, messageLayout, payloadBodies, recordedAs, replay, seedInitiatorConfig, seeded, strongswanConfig } from "./fixtures.ts";

const once = (v: Uint8Array) => () => v.slice();

describe("step 1: the pieces of the offer", () => {
  test("the RFC 3947 vendor ID", () => {
    expectBytes(natTraversalVendorId(), VID_RFC3947, { what: "natTraversalVendorId()", why: 'RFC 3947 section 3.1: the vendor ID is MD5("RFC 3947"); Wireshark names it "RFC 3947 Negotiation of NAT-Traversal in the IKE".' });
  });

  test("the seed's suite as a transform: the 36 octets after the generic header of the seed's transform", () => {
    expectBytes(encodeTransform(ikeTransform(SEED_SUITE, 1)), SEED_TRANSFORM_BYTES.subarray(4), {
      what: "encodeTransform(ikeTransform(SEED_SUITE, 1))",
      why: "transform #1, KEY_IKE, then AES-CBC, Key-Length 128, SHA, group 2, PSK, Life-Type seconds, Life-Duration 86400 as a 4-octet TLV (000c 0004 00015180), the seed's order.",
    });
    const short = encodeTransform(ikeTransform({ ...SEED_SUITE, lifetimeSeconds: 3600 }, 2));
    expectBytes(short.subarray(short.length - 8), b("000c000400000e10"), { what: "the Life-Duration attribute of a 3600 s suite", why: "the duration always travels as a 4-octet TLV, even when it would fit a TV: Cisco and strongSwan send it so." });
    const des = encodeTransform(ikeTransform({ encryption: 5, hash: 1, authMethod: 1, group: 2, lifetimeSeconds: 86400 }, 3));
    expectBytes(des.subarray(0, 12), b("0301 0000 80010005 80020001"), { what: "a 3DES/MD5 transform #3 (no Key-Length)", why: "Key-Length only appears when the suite has one: 3DES has a fixed key." });
  });

  test("the SA payload: DOI, situation, one ISAKMP proposal; at least one suite", () => {
    expectBytes(encodeSa(phase1Offer([SEED_SUITE])), SEED_SA_BODY, { what: "encodeSa(phase1Offer([SEED_SUITE]))", why: "the body of the seed's SA payload: DOI IPSEC, SIT_IDENTITY_ONLY, proposal #1 ISAKMP with no SPI, one transform." });
    expectThrows(() => phase1Offer([]), { what: "phase1Offer([])", error: "FieldError", field: "Proposal transforms", why: "an empty offer cannot be answered." });
  });

  test("saVendorIds: RFC 3947 first, and only with NAT traversal on", () => {
    const config = seedInitiatorConfig(seeded("vids"));
    expectEqual(saVendorIds(config), [VID_RFC3947, ...config.vendorIds.sa], { what: "saVendorIds(the seed's R1)" });
    expectEqual(saVendorIds({ ...config, natTraversal: false }), [...config.vendorIds.sa], { what: "saVendorIds(R1 with natTraversal off)" });
  });
});

describe("step 2: whole messages, the seed's and strongSwan's", () => {
  test("configured like the seed's R1, message 1 is the seed's 168 octets", () => {
    const step = mainMode1(refExchange.initiatorState("main", seedInitiatorConfig(once(CKY_I))));
    expectBytes(step.send, MM1.bytes, { what: "mainMode1(the seed's R1, cookie e47a59ffd057587f)", layout: messageLayout(MM1.bytes), why: "header, SA (60), then the vendor IDs RFC 3947, draft -07, -03, -02\\n (20 each): 168 octets, as captured." });
    expectBytes(step.state.saiB, SEED_SA_BODY, { what: "mainMode1(...).state.saiB", why: "SAi_b is the SA payload body as sent; HASH_I and HASH_R will cover it (RFC 2409 section 5)." });
    expectEqual(step.state.messages, 1, { what: "mainMode1(...).state.messages" });
    expectThrows(() => mainMode1(step.state), { what: "mainMode1 on a state that already sent message 1", error: "FieldError", field: "Message" });
  });

  for (const x of recordedAs("initiator")) {
    test(`the message 1 strongSwan accepted from our initiator, rebuilt from the recorded random octets: ${x.label}`, () => {
      const want = b(x.messages[0]);
      const step = mainMode1(refExchange.initiatorState("main", strongswanConfig(x, replay(x.draws, "mainMode1"))));
      expectBytes(step.send, want, { what: "mainMode1(our side of the strongSwan recording)", layout: messageLayout(want), why: "charon answered exactly these octets with message 2: one transform and the RFC 3947 vendor ID." });
    });
  }

  for (const x of recordedAs("responder")) {
    test(`strongSwan's own offer of the same proposal has the same SA body as ours: ${x.label}`, () => {
      const charon = b(x.messages[0]);
      const sa = payloadBodies(charon).find((p) => p.type === 1)!.body;
      expectBytes(encodeSa(phase1Offer([x.suite])), sa, { what: "encodeSa(phase1Offer([the recorded suite])) against the SA body of charon's message 1", why: "strongSwan sends the attributes in the same order and the lifetime as a 4-octet TLV." });
    });
  }
});

describe("step 3: random offers against the reference", () => {
  test("1 to 4 suites, NAT-T on or off, extra vendor IDs", () => {
    const r = rng("message-1");
    for (let i = 0; i < 25; i++) {
      const suites: IkeSuite[] = Array.from({ length: r.int(1, 4) }, () => {
        const aes = r.next() < 0.7;
        return { encryption: aes ? 7 : 5, ...(aes ? { keyLength: r.pick([128, 192, 256]) } : {}), hash: r.pick([1, 2, 4, 5, 6]), authMethod: 1, group: r.pick([1, 2, 5, 14]), lifetimeSeconds: r.int(60, 200000) };
      });
      const config = { ...seedInitiatorConfig(seeded(`m1-${i}`)), suites, natTraversal: r.next() < 0.5, vendorIds: { sa: Array.from({ length: r.int(0, 3) }, () => r.bytes(r.pick([8, 16, 20]))), keyExchange: [] } };
      const want = ref.mainMode1(refExchange.initiatorState("main", config));
      const got = mainMode1(refExchange.initiatorState("main", { ...config, random: seeded(`m1-${i}`) }));
      expectBytes(got.send, want.send!, { what: `random case ${i}: mainMode1 with ${suites.length} suite(s), natTraversal ${config.natTraversal}`, layout: messageLayout(want.send!) });
      expectBytes(got.state.saiB, want.state.saiB!, { what: `random case ${i}: saiB` });
    }
  });
});
