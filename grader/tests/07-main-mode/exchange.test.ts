/**
 * Hidden tests for 07-main-mode/exchange: cookies, the header checks, and the
 * payload helpers every later step uses. Fixed: the seed's cookies and
 * messages 1 and 2 (hand-written in the chapter 03 fixtures). Random: cookies
 * and headers against the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { decodeHeader } from "@ref/02-isakmp-header/decode.ts";
import { decodeMessage } from "@ref/03-payloads/message.ts";
import * as ref from "@ref/07-main-mode/exchange.ts";
import { acceptHeader, clearMessage, exchangeTypeOf, initiatorState, onePayload, payloadsOf, responderState } from "@impl/07-main-mode/exchange.ts";
import { CKY_I, CKY_R, MM1, MM2 } from "../03-payloads/fixtures.ts";
import { messageLayout, seedInitiatorConfig, seedResponderConfig, seeded } from "./fixtures.ts";

/** A random source that gives `first` once, then `then` forever. */
const sequence = (...values: Uint8Array[]) => {
  let i = 0;
  return (n: number) => {
    const v = values[Math.min(i++, values.length - 1)]!;
    return v.slice(0, n);
  };
};
const ZERO = new Uint8Array(8);

describe("step 1: exchange types and cookies", () => {
  test("main mode is Identity Protection (2), aggressive is 4", () => {
    expectEqual(exchangeTypeOf("main"), 2, { what: 'exchangeTypeOf("main")', why: "RFC 2408 section 4.5: main mode is the Identity Protection exchange, type 2; Wireshark shows \"Identity Protection (Main Mode) (2)\"." });
    expectEqual(exchangeTypeOf("aggressive"), 4, { what: 'exchangeTypeOf("aggressive")', why: "RFC 2408 section 4.7: the Aggressive exchange is type 4." });
  });

  test("the initiator's state: the seed's cookie from the random source, a zero responder cookie, nothing sent", () => {
    const s = initiatorState("main", seedInitiatorConfig(sequence(CKY_I)));
    expectBytes(s.ckyI, CKY_I, { what: "initiatorState(...).ckyI", why: "the Initiator SPI is 8 octets drawn from config.random (the seed's is e47a59ffd057587f)." });
    expectBytes(s.ckyR, ZERO, { what: "initiatorState(...).ckyR", why: "the responder has not chosen its cookie yet: 8 zero octets (RFC 2408 section 3.1)." });
    expectEqual([s.role, s.mode, s.messages], ["initiator", "main", 0], { what: "initiatorState(...) role, mode, messages" });
  });

  test("an all-zero draw is drawn again: zero means \"no cookie yet\"", () => {
    const s = initiatorState("main", seedInitiatorConfig(sequence(ZERO, CKY_I)));
    expectBytes(s.ckyI, CKY_I, { what: "initiatorState with a random source that first returns 8 zero octets", why: "a zero Initiator SPI would look like \"not chosen\": draw again." });
  });

  test("the responder keeps the initiator's cookie and draws its own; bad cookies in message 1 are refused", () => {
    const h = decodeHeader(MM1.bytes);
    const s = responderState("main", seedResponderConfig(sequence(CKY_R)), h);
    expectBytes(s.ckyI, CKY_I, { what: "responderState(...).ckyI", why: "the initiator's cookie from message 1 names the exchange from now on." });
    expectBytes(s.ckyR, CKY_R, { what: "responderState(...).ckyR", why: "the responder draws its cookie when message 1 arrives (the seed's R2 chose a00b8ef0902bb8ec)." });
    expectEqual([s.role, s.messages], ["responder", 0], { what: "responderState(...) role and messages" });
    expectThrows(() => responderState("main", seedResponderConfig(sequence(CKY_R)), { ...h, initiatorSpi: ZERO }), { what: "responderState with a zero Initiator SPI", error: "FieldError", field: "Initiator SPI", why: "the initiator's cookie is never zero (RFC 2408 section 2.5.3)." });
    expectThrows(() => responderState("main", seedResponderConfig(sequence(CKY_R)), decodeHeader(MM2.bytes)), { what: "responderState on message 2 (Responder SPI already set)", error: "FieldError", field: "Responder SPI", why: "a message that starts an exchange has a zero Responder SPI." });
  });
});

describe("step 2: acceptHeader", () => {
  const initiator = () => ref.initiatorState("main", seedInitiatorConfig(sequence(CKY_I)));

  test("the initiator learns the responder's cookie from message 2, then insists on it", () => {
    const s = acceptHeader({ ...initiator(), messages: 1 }, decodeHeader(MM2.bytes));
    expectBytes(s.ckyR, CKY_R, { what: "acceptHeader(initiator after message 1, header of message 2).ckyR", why: "the first reply fixes the Responder SPI for the rest of the exchange." });
    const later = decodeHeader(MM2.bytes);
    expectEqual(acceptHeader(s, later).ckyR, CKY_R, { what: "acceptHeader on a later message with the same cookies" });
    expectThrows(() => acceptHeader(s, { ...later, responderSpi: CKY_I }), { what: "acceptHeader with another Responder SPI", error: "FieldError", field: "Responder SPI" });
    expectThrows(() => acceptHeader({ ...initiator(), messages: 1 }, { ...later, responderSpi: ZERO }), { what: "acceptHeader: a reply whose Responder SPI is still zero", error: "FieldError", field: "Responder SPI", why: "the responder's reply must carry its cookie." });
  });

  test("the responder reads message 1 with a zero Responder SPI", () => {
    const h = decodeHeader(MM1.bytes);
    const s = ref.responderState("main", seedResponderConfig(sequence(CKY_R)), h);
    expectEqual(acceptHeader(s, h).ckyR, CKY_R, { what: "acceptHeader(responder, header of message 1).ckyR", why: "message 1 cannot carry the responder's cookie: it did not exist yet. The state keeps the one just drawn." });
    expectThrows(() => acceptHeader(s, { ...h, responderSpi: CKY_I }), { what: "acceptHeader(responder, message 1 with a non-zero Responder SPI)", error: "FieldError", field: "Responder SPI" });
    expectThrows(() => acceptHeader({ ...s, messages: 2 }, h), { what: "acceptHeader(responder after message 2, a header with a zero Responder SPI)", error: "FieldError", field: "Responder SPI", why: "once the responder has answered, its cookie must be in every message." });
  });

  test("version, exchange type, Message ID and Initiator SPI", () => {
    const s = ref.acceptHeader({ ...initiator(), messages: 1 }, decodeHeader(MM2.bytes));
    const h = decodeHeader(MM2.bytes);
    expectThrows(() => acceptHeader(s, { ...h, version: { major: 2, minor: 0 } }), { what: "acceptHeader with version 2.0", error: "FieldError", field: "Version", why: "2.0 is IKEv2: another protocol." });
    expectThrows(() => acceptHeader(s, { ...h, exchangeType: 4 }), { what: "acceptHeader(a main mode state, an Aggressive (4) header)", error: "FieldError", field: "Exchange type" });
    expectThrows(() => acceptHeader(s, { ...h, messageId: 0x635a2e6a }), { what: "acceptHeader with Message ID 0x635a2e6a", error: "FieldError", field: "Message ID", why: "phase 1 messages have Message ID 0; a non-zero one belongs to quick mode or an informational exchange." });
    expectThrows(() => acceptHeader(s, { ...h, initiatorSpi: CKY_R }), { what: "acceptHeader with another Initiator SPI", error: "FieldError", field: "Initiator SPI" });
  });

  test("random cookies: same verdicts as the reference", () => {
    const r = rng("exchange-accept");
    for (let i = 0; i < 20; i++) {
      const s = ref.initiatorState(r.pick(["main", "aggressive"] as const), seedInitiatorConfig(seeded(`exchange-${i}`)));
      const h = { ...decodeHeader(MM2.bytes), initiatorSpi: s.ckyI, responderSpi: r.bytes(8), exchangeType: ref.exchangeTypeOf(s.mode) };
      expectBytes(acceptHeader({ ...s, messages: 1 }, h).ckyR, h.responderSpi, { what: `random case ${i}: acceptHeader(...).ckyR` });
    }
  });
});

describe("step 3: picking payloads and building cleartext messages", () => {
  const m1 = decodeMessage(MM1.bytes);

  test("payloadsOf keeps the order; onePayload insists on exactly one", () => {
    const vids = payloadsOf(m1, 13);
    expectEqual(vids.length, 4, { what: "payloadsOf(seed message 1, Vendor ID (13)).length", why: "the seed's message 1 carries four vendor IDs." });
    expectBytes(vids[1]!.data, (m1.payloads[2] as { data: Uint8Array }).data, { what: "payloadsOf(...)[1].data", why: "the second vendor ID of the message, draft-ietf-ipsec-nat-t-ike-07." });
    expectEqual(payloadsOf(m1, 4).length, 0, { what: "payloadsOf(seed message 1, Key Exchange (4)).length" });
    const sa = onePayload(m1, 1);
    expectTrue(sa.type === 1 && sa.sa.proposals.length === 1, "onePayload(seed message 1, Security Association (1)) must return the SA payload");
    expectThrows(() => onePayload(m1, 13), { what: "onePayload(seed message 1, Vendor ID): four of them", error: "NegotiationError", field: "Vendor ID (13)", why: "a payload required once that appears several times makes the message malformed (PAYLOAD-MALFORMED, 16)." });
    expectThrows(() => onePayload(m1, 10), { what: "onePayload(seed message 1, Nonce): none", error: "NegotiationError", field: "Nonce (10)" });
  });

  test("clearMessage rebuilds the seed's message 1 and 2 from their payloads", () => {
    const s = ref.initiatorState("main", seedInitiatorConfig(sequence(CKY_I)));
    expectBytes(clearMessage(s, m1.payloads), MM1.bytes, { what: "clearMessage(initiator state, the payloads of the seed's message 1)", layout: messageLayout(MM1.bytes), why: "the cookies of the state (Responder SPI still zero), exchange type 2, no flags, Message ID 0, Length 168." });
    const r = { ...ref.responderState("main", seedResponderConfig(sequence(CKY_R)), decodeHeader(MM1.bytes)) };
    expectBytes(clearMessage(r, decodeMessage(MM2.bytes).payloads), MM2.bytes, { what: "clearMessage(responder state, the payloads of the seed's message 2)", layout: messageLayout(MM2.bytes) });
    const aggressive = ref.initiatorState("aggressive", seedInitiatorConfig(sequence(CKY_I)));
    expectEqual(clearMessage(aggressive, m1.payloads)[18], 4, { what: "byte 18 (Exchange type) of clearMessage for an aggressive mode state" });
  });
});
