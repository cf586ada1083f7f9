/**
 * Hidden tests for 08-aggressive-mode/message-1: the seed's 388-octet
 * message, the message 1 strongSwan accepted (replayed from the recorded
 * random octets), random configurations against the reference, and the
 * group rule.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { PayloadType } from "@course/isakmp-names.ts";
import { aggressive1 } from "@impl/08-aggressive-mode/message-1.ts";
import { aggressive1 as refAggressive1 } from "@ref/08-aggressive-mode/message-1.ts";
import { decodeMessage } from "@ref/03-payloads/message.ts";
import { SEED_SUITE } from "@ref/04-negotiation/ike-transform.ts";
import { initiatorState, responderState } from "@ref/07-main-mode/exchange.ts";
import { decodeHeader } from "@ref/02-isakmp-header/decode.ts";
import { seedInitiatorConfig } from "../../src/pcap/scenarios/seed-config.ts";
import { b, hexOf, messageLayout, randomPair, strongswanConfig, twinRandom } from "./exchange.ts";
import { OURS_INITIATOR } from "./strongswan-vectors.ts";

const { SA, VENDOR_ID: VID, KEY_EXCHANGE: KE, NONCE, IDENTIFICATION: ID } = PayloadType;

describe("step 1: the seed's message 1", () => {
  test("configured like the seed's R1, message 1 is 388 octets with the seed's payloads in the seed's order", () => {
    const r = rng("am1-seed");
    const step = aggressive1(initiatorState("aggressive", seedInitiatorConfig((n) => r.bytes(n))));
    const m = step.send!;
    expectEqual(m.length, 388, { what: "the length of message 1", why: "the seed's capture shows Length: 388: header 28, SA 60, four NAT-T vendor IDs 80, KE 132, Nonce 24, ID 12, DPD 20, XAUTH 12, a Cisco vendor ID 20." });
    const h = decodeHeader(m);
    expectEqual([h.exchangeType, h.messageId, h.length, hexOf(h.responderSpi)], [4, 0, 388, "0000000000000000"], { what: "[Exchange type, Message ID, Length, Responder SPI] of message 1", why: "Aggressive (4), phase 1's Message ID 0, the Length field counting the whole message, and no responder cookie yet." });
    expectEqual(h.flags, { encryption: false, commit: false, authenticationOnly: false }, { what: "the flags of message 1", why: "nothing can be encrypted before the Diffie-Hellman exchange: Flags 0x00 as in the seed." });
    expectEqual(decodeMessage(m).payloads.map((p) => p.type), [SA, VID, VID, VID, VID, KE, NONCE, ID, VID, VID, VID], {
      what: "the payload types of message 1, in order",
      why: "SA, the vendor IDs that go with it (RFC 3947 first), KE, Nonce, ID, then the key-exchange vendor IDs: the order the seed's router used.",
    });
  });
});

describe("step 2: the message 1 strongSwan accepted", () => {
  test(OURS_INITIATOR.label, () => {
    const x = OURS_INITIATOR;
    const step = aggressive1(initiatorState("aggressive", strongswanConfig(x)));
    expectBytes(step.send, b(x.messages[0]), {
      what: "message 1 built from the recorded random octets",
      layout: messageLayout(b(x.messages[0])),
      why: `charon answered exactly this message and went on to log "${x.established}".`,
    });
    const ke = decodeMessage(b(x.messages[0])).payloads.find((p) => p.type === KE) as { data: Uint8Array };
    expectBytes(step.state.gxi, ke.data, { what: "state.gxi", why: "HASH_I, HASH_R and the first IV need g^xi exactly as sent: 128 octets for group 2." });
  });
});

describe("step 3: random configurations against the reference", () => {
  test("the message and the state equal the reference's for the same random octets", () => {
    const r = rng("am1-random");
    for (let i = 0; i < 6; i++) {
      const pair = randomPair(r);
      const [mine, theirs] = twinRandom(`am1-random-${i}`);
      const got = aggressive1(initiatorState("aggressive", { ...pair.initiator, random: mine }));
      const want = refAggressive1(initiatorState("aggressive", { ...pair.initiator, random: theirs }));
      const what = `message 1 offering ${pair.initiator.suites.length} transform(s), ${pair.initiator.nonceBytes}-octet nonce, NAT-T ${pair.initiator.natTraversal ? "on" : "off"}, ${pair.initiator.vendorIds.sa.length}+${pair.initiator.vendorIds.keyExchange.length} vendor IDs`;
      expectBytes(got.send, want.send!, { what, layout: messageLayout(want.send!) });
      for (const k of ["saiB", "gxi", "ni", "idB"] as const) {
        expectBytes(got.state[k], want.state[k]!, { what: `state.${k} after ${what}`, why: "the later steps hash these exactly as they were sent (RFC 2409 section 5)." });
      }
      expectEqual(got.state.x, want.state.x, { what: "state.x", why: "the private value stays in the state: the keys need it when message 2 arrives." });
      expectEqual(got.state.messages, 1, { what: "state.messages" });
    }
  });
});

describe("step 4: what cannot be sent", () => {
  test("transforms of different groups", () => {
    const r = rng("am1-groups");
    const config = { ...randomPair(r).initiator, suites: [SEED_SUITE, { ...SEED_SUITE, group: 14 }], random: (n: number) => r.bytes(n) };
    expectThrows(() => aggressive1(initiatorState("aggressive", config)), {
      what: "aggressive1 offering group 2 and group 14",
      error: "FieldError",
      field: "Group-Description",
      why: "the KE payload is computed in one group before the responder chooses: aggressive mode cannot negotiate the group (RFC 2409 section 5.4).",
    });
  });
  test("a state that is not a fresh aggressive mode initiator", () => {
    const r = rng("am1-state");
    const config = { ...randomPair(r).initiator, random: (n: number) => r.bytes(n) };
    const sent = refAggressive1(initiatorState("aggressive", config));
    expectThrows(() => aggressive1(sent.state), { what: "aggressive1 on a state that already sent message 1", error: "FieldError", field: "Message", why: "a retransmission repeats the same octets (chapter 07's Retransmitter); building message 1 again would draw a new cookie and key." });
    const responder = responderState("aggressive", config, decodeHeader(sent.send!));
    expectThrows(() => aggressive1(responder), { what: "aggressive1 on a responder's state", error: "FieldError", field: "Message" });
  });
});
