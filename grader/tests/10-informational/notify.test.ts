/**
 * Hidden tests for 10-informational/notify: notify classes (RFC 2408 section
 * 3.14.1), error notifications in clear, INITIAL-CONTACT as strongSwan sends
 * it in main mode message 5, RESPONDER-LIFETIME on the initiator's side.
 */
import { describe, test } from "vitest";
import { NegotiationError } from "@course/errors.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, isakmpHeaderLayout, rng } from "@teach";
import { adoptResponderLifetime, clearNotifyMessage, cookieSpi, errorNotification, initialContact, isError, notifyClass } from "@impl/10-informational/notify.ts";
import * as ref from "@ref/10-informational/notify.ts";
import { encodeAttributes } from "@ref/03-payloads/attributes.ts";
import { encodeNotification } from "@ref/03-payloads/notify-delete.ts";
import { responderLifetimeNotification } from "@ref/04-negotiation/lifetime.ts";
import { decryptBody } from "@ref/06-phase1-keys/cbc.ts";
import { b, NOTIFY_LAYOUT } from "./fixtures.ts";
import { IKE_SA, MAIN_MODE_5 } from "./strongswan-vectors.ts";

/** The seed's main mode cookies (R1 initiator, R2 responder). */
const SEED_I = fromHexLoose("e47a59ffd057587f");
const SEED_R = fromHexLoose("a00b8ef0902bb8ec");

describe("step 1: what kind of notification is this?", () => {
  test("the ranges of RFC 2408 section 3.14.1 and RFC 2407 section 4.6.3", () => {
    const table: [number, string][] = [
      [1, "error"], [14, "error"], [24, "error"], [30, "error"], [31, "reserved-error"], [8191, "reserved-error"],
      [8192, "private-error"], [16383, "private-error"], [16384, "status"], [16385, "reserved-status"],
      [24575, "reserved-status"], [24576, "doi-status"], [24578, "doi-status"], [32767, "doi-status"],
      [32768, "private-status"], [36136, "private-status"], [36137, "private-status"], [40959, "private-status"],
      [40960, "reserved-status"], [65535, "reserved-status"],
    ];
    for (const [type, want] of table) {
      expectEqual(notifyClass(type), want, { what: `notifyClass(${type})`, why: "errors are below 16384 (1-30 defined, up to 8191 reserved, then private use); status from 16384: CONNECTED, reserved, the DOI's 24576-32767 (RESPONDER-LIFETIME, INITIAL-CONTACT), private use 32768-40959 (DPD took 36136/36137 there), reserved." });
      expectEqual(isError(type), want.endsWith("error"), { what: `isError(${type})` });
    }
  });
  test("out of range", () => {
    for (const bad of [0, 65536, -1, 1.5]) expectThrows(() => notifyClass(bad), { what: `notifyClass(${bad})`, error: "FieldError", field: "Notify Message Type", why: "the type is a 16-bit field and 0 is reserved." });
  });
  test("random types agree with the reference", () => {
    const r = rng("notify-class");
    for (let i = 0; i < 300; i++) {
      const t = r.int(1, 65535);
      expectEqual(notifyClass(t), ref.notifyClass(t), { what: `notifyClass(${t})` });
    }
  });
});

describe("step 2: telling the peer why phase 1 failed", () => {
  test("NO-PROPOSAL-CHOSEN for the seed's exchange", () => {
    const n = errorNotification(SEED_I, SEED_R, new NegotiationError(NotifyType.NO_PROPOSAL_CHOSEN, "Transform", "nothing acceptable"));
    expectBytes(encodeNotification(n), fromHexLoose("00000001 01 10 000e e47a59ffd057587f a00b8ef0902bb8ec"), {
      what: "encodeNotification(errorNotification(seed cookies, NO-PROPOSAL-CHOSEN))",
      layout: NOTIFY_LAYOUT,
      why: "DOI IPSEC (1), protocol ISAKMP (1), SPI Size 16: the SA in trouble is the ISAKMP SA, named by both cookies; type 14; no data.",
    });
    expectBytes(cookieSpi(SEED_I, SEED_R), fromHexLoose("e47a59ffd057587f a00b8ef0902bb8ec"), { what: "cookieSpi(seed cookies)", why: "initiator's cookie first." });
  });
  test("only errors are reported this way; cookies are 8 octets", () => {
    expectThrows(() => errorNotification(SEED_I, SEED_R, new NegotiationError(NotifyType.INITIAL_CONTACT, "x", "y")), { what: "errorNotification(..., INITIAL-CONTACT)", error: "FieldError", field: "Notify Message Type", why: "24578 is a status, not a reason for failure." });
    expectThrows(() => cookieSpi(SEED_I.subarray(1), SEED_R), { what: "cookieSpi(a 7-octet cookie, ...)", error: "FieldError", field: "Initiator SPI" });
    expectThrows(() => cookieSpi(SEED_I, new Uint8Array(9)), { what: "cookieSpi(..., a 9-octet cookie)", error: "FieldError", field: "Responder SPI" });
  });
  test("the message in clear: header, one Notification", () => {
    const n = { doi: 1, protocolId: 1, spi: cookieSpi(SEED_I, SEED_R), messageType: NotifyType.AUTHENTICATION_FAILED, data: new Uint8Array(0) };
    const want = fromHexLoose("e47a59ffd057587f a00b8ef0902bb8ec 0b 10 05 00 1a2b3c4d 00000038   00 00 001c 00000001 01 10 0018 e47a59ffd057587f a00b8ef0902bb8ec");
    expectBytes(clearNotifyMessage(SEED_I, SEED_R, 0x1a2b3c4d, n), want, {
      what: "clearNotifyMessage(seed cookies, 0x1a2b3c4d, AUTHENTICATION-FAILED)",
      layout: [...isakmpHeaderLayout, { name: "Notification payload (generic header, then the body)", offset: 28, length: 28 }],
      why: "Next payload Notification (11), exchange type INFORMATIONAL (5), no flags (there is no key to encrypt with yet), its own Message ID, Length 56 (28 + a 28-octet payload).",
    });
    expectThrows(() => clearNotifyMessage(SEED_I, SEED_R, 0, n), { what: "clearNotifyMessage(..., Message ID 0, ...)", error: "FieldError", field: "Message ID" });
  });
});

describe("step 3: INITIAL-CONTACT, as strongSwan sends it", () => {
  test("our notification is the one in charon's main mode message 5", () => {
    // Decrypt charon's message 5 and walk ID, HASH to the Notification.
    const m5 = b(MAIN_MODE_5.datagram);
    const plain = decryptBody("aes128", b(IKE_SA.encKey), b(MAIN_MODE_5.iv), m5.subarray(28)).plaintext;
    let type = m5[16]!;
    let at = 0;
    let body: Uint8Array | undefined;
    while (type !== 0) {
      const length = (plain[at + 2]! << 8) | plain[at + 3]!;
      if (type === 11) body = plain.subarray(at + 4, at + length);
      type = plain[at]!;
      at += length;
    }
    expectBytes(encodeNotification(initialContact(b(IKE_SA.ckyI), b(IKE_SA.ckyR))), body!, {
      what: "encodeNotification(initialContact(charon's cookies))",
      layout: NOTIFY_LAYOUT,
      why: "RFC 2407 section 4.6.3.3: INITIAL-CONTACT (24578 = 0x6002) names the new ISAKMP SA by both cookies, DOI IPSEC, protocol ISAKMP, no data: exactly what strongSwan put after ID and HASH_I.",
    });
  });
});

describe("step 4: RESPONDER-LIFETIME, as the initiator", () => {
  const cisco = responderLifetimeNotification(3, fromHexLoose("a1b2c3d4"), { seconds: 3600, kilobytes: 4608000 });
  test("strongSwan's 3960 s offer meets a Cisco responder", () => {
    expectEqual(adoptResponderLifetime({ seconds: 3960 }, cisco), { seconds: 3600, kilobytes: 4608000 }, {
      what: "adoptResponderLifetime({seconds: 3960}, Cisco's RESPONDER-LIFETIME 3600 s / 4608000 KB)",
      why: "the responder will drop the SA after 3600 s or 4608000 KB, whichever first: the initiator must rekey before either, so it keeps both limits.",
    });
    expectEqual(adoptResponderLifetime({ seconds: 1800, kilobytes: 100 }, cisco), { seconds: 1800, kilobytes: 100 }, { what: "adoptResponderLifetime({1800 s, 100 KB}, Cisco's 3600 s / 4608000 KB)", why: "a longer lifetime from the responder does not lift the initiator's own limit." });
  });
  test("bad data", () => {
    expectThrows(() => adoptResponderLifetime({}, { ...cisco, messageType: NotifyType.INITIAL_CONTACT }), { what: "adoptResponderLifetime(an INITIAL-CONTACT)", error: "FieldError", field: "Notify Message Type" });
    expectThrows(() => adoptResponderLifetime({}, { ...cisco, data: encodeAttributes([{ type: 2, value: 3600 }]) }), { what: "adoptResponderLifetime(a duration with no life type before it)", error: "FieldError", field: "Attribute type" });
    expectThrows(() => adoptResponderLifetime({}, { ...cisco, data: encodeAttributes([{ type: 1, value: 3 }, { type: 2, value: 10 }]) }), { what: "adoptResponderLifetime(life type 3)", error: "FieldError", field: "Attribute value" });
    expectThrows(() => adoptResponderLifetime({}, { ...cisco, data: encodeAttributes([{ type: 1, value: 1 }]) }), { what: "adoptResponderLifetime(a life type with no duration)", error: "FieldError", field: "Attribute type" });
  });
  test("random lifetimes agree with the reference", () => {
    const r = rng("responder-lifetime");
    const one = () => ({ ...(r.int(0, 2) ? { seconds: r.int(60, 200000) } : {}), ...(r.int(0, 1) ? { kilobytes: r.int(1000, 9000000) } : {}) });
    for (let i = 0; i < 200; i++) {
      const offered = one();
      const n = responderLifetimeNotification(3, r.bytes(4), one());
      expectEqual(adoptResponderLifetime(offered, n), ref.adoptResponderLifetime(offered, n), { what: `adoptResponderLifetime(${JSON.stringify(offered)}, RESPONDER-LIFETIME data ${Buffer.from(n.data).toString("hex")})` });
    }
  });
});
