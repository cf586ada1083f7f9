/**
 * Hidden tests for 07-main-mode/message-6: the learner's responder accepts
 * strongSwan's real message 5 and answers with exactly the message 6 charon
 * sent; runs between reference peers; a wrong pre-shared key and other
 * failed proofs end in AUTHENTICATION-FAILED with a reason that says so.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, isakmpHeaderLayout, rng } from "@teach";
import { PayloadType } from "@course/isakmp-names.ts";
import { exchangeIv } from "@ref/06-phase1-keys/iv.ts";
import { openMessage, sealMessage } from "@ref/07-main-mode/encryption.ts";
import type { Phase1State } from "@ref/07-main-mode/exchange.ts";
import { mainMode5 } from "@ref/07-main-mode/message-5.ts";
import * as ref from "@ref/07-main-mode/message-6.ts";
import { establish, mainMode6, openIdentity } from "@impl/07-main-mode/message-6.ts";
import { expectAuthFailed } from "./auth-failed.ts";
import { mainMode2 as refMainMode2 } from "@ref/07-main-mode/message-2.ts";
import { mainMode4 as refMainMode4 } from "@ref/07-main-mode/message-4.ts";
import { replay, strongswanConfig } from "./fixtures.ts";
import { randomRun, seedRun } from "./phase1-run.ts";
import { STRONGSWAN_HALF_EXCHANGES } from "./strongswan-vectors.ts";
import { STRONGSWAN_EXCHANGES, b, charonId, charonMessage5, charonMessage6, charonState } from "./strongswan.ts";

describe("step 1: strongSwan's message 5", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const state = charonState(x, "responder");
      const step = mainMode6(state, charonMessage5(x));
      expectBytes(step.send, charonMessage6(x), { what: "mainMode6(charon's responder state, charon's message 5): message 6", layout: isakmpHeaderLayout, why: "after HASH_I checks out, the responder sends ID 192.168.12.2 and HASH_R encrypted with message 5's last block: with charon's keys that is exactly the message 6 charon sent." });
      expectEqual(step.state.peerId, charonId("192.168.12.1"), { what: "mainMode6(...).state.peerId", why: "the initiator's identity, read from the decrypted ID payload." });
      expectEqual(step.state.messages, 6, { what: "mainMode6(...).state.messages" });
      const sa = step.established;
      expectTrue(sa !== undefined, "mainMode6(...) should return `established`: the IKE SA exists once message 6 is sent.");
      expectBytes(sa.lastIv, charonMessage6(x).slice(-16), { what: "established.lastIv", why: "the last CBC block of phase 1: message 6's last ciphertext block." });
      expectBytes(exchangeIv(x.hash, sa.lastIv, x.quickModeMessageId, 16), b(x.quickModeIv), { what: `the quick mode IV hash(lastIv | M-ID 0x${x.quickModeMessageId.toString(16)})`, why: "RFC 2409 Appendix B: quick mode's first IV; charon logged this value for the quick mode that followed." });
      expectEqual([sa.role, sa.mode, sa.natT, sa.local, sa.remote], ["responder", "main", true, { address: "192.168.12.2", port: 4500 }, { address: "192.168.12.1", port: 4500 }], { what: "established: [role, mode, natT, local, remote]", why: "charon's exchange saw a NAT (kernel-libipsec fakes one), so the IKE SA lives on UDP 4500 (RFC 3947 section 4)." });
    });
  }
});

describe("step 2: a message 5 charon sent to our responder", () => {
  for (const x of STRONGSWAN_HALF_EXCHANGES.filter((h) => h.ours === "responder")) {
    test(`recorded live: ${x.label}`, () => {
      const cfg = strongswanConfig(x, replay(x.draws, "the recorded exchange with charon"));
      const two = refMainMode2(cfg, b(x.messages[0]));
      const four = refMainMode4(two.state, b(x.messages[2]));
      const m5 = b(x.message5!);
      const step = mainMode6(four.state, m5);
      expectEqual(step.state.peerId, charonId("192.168.12.1"), { what: "mainMode6(our responder after message 4, charon's real message 5).state.peerId", why: "charon's HASH_I checked out over its ID (ID_IPV4_ADDR 192.168.12.1, protocol 0, port 0)." });
      const sa = step.established!;
      expectEqual([sa.local, sa.remote], [{ address: "192.168.12.2", port: 4500 }, { address: "192.168.12.1", port: 4500 }], { what: "established: [local, remote]", why: "charon fakes a NAT, so the IKE SA lives on UDP 4500 from message 5 on." });
      const keys = { ...sa.keys, encKey: b(x.charon.encKey) };
      const opened = openMessage(step.send!, keys, m5.slice(-16)).message;
      expectEqual(opened.payloads[0], { type: PayloadType.IDENTIFICATION, id: cfg.identity }, { what: "our message 6 decrypted with charon's key and message 5's last block", why: "charon reads our message 6 with its own key: it must be the same as ours." });
    });
  }
});

describe("step 3: random runs against the reference", () => {
  test("the seed's routers and random peers", () => {
    const r = rng("message-6 runs");
    for (const run of [seedRun(r), ...Array.from({ length: 8 }, () => randomRun(r, { nat: r.pick([false, true]) }))]) {
      const m5 = mainMode5(run.i3, run.mm[3]);
      const got = mainMode6(run.r4, m5.send!);
      const want = ref.mainMode6(run.r4, m5.send!);
      const what = `mainMode6(${run.label})`;
      expectBytes(got.send, want.send!, { what: `${what}: message 6`, layout: isakmpHeaderLayout });
      expectEqual(got.state, want.state, { what: `${what}.state` });
      expectEqual(got.established, want.established, { what: `${what}.established`, why: "the IKE SA quick mode builds on: keys, lastIv, NAT findings, endpoints (4500 after a NAT), both identities." });
    }
  });
});

describe("step 4: failed proofs", () => {
  test("a wrong pre-shared key: message 5 decrypts to noise", () => {
    const r = rng("message-6 wrong psk");
    for (let i = 0; i < 6; i++) {
      const run = randomRun(r, { responderPsk: `other-${i}` });
      const m5 = mainMode5(run.i3, run.mm[3]);
      expectAuthFailed(() => mainMode6(run.r4, m5.send!), `mainMode6(${run.label}, the responder's PSK differs)`, "Encrypted Data");
    }
  });
  test("the same key, but the hash does not match", () => {
    const r = rng("message-6 bad hash");
    const run = randomRun(r);
    const m5 = mainMode5(run.i3, run.mm[3]).send!;
    // A man in the middle who removed a proposal from message 1: the responder's SAi_b differs.
    const altered: Phase1State = { ...run.r4, saiB: run.r4.saiB!.map((x, i) => (i === run.r4.saiB!.length - 1 ? x ^ 1 : x)) };
    expectAuthFailed(() => mainMode6(altered, m5), "mainMode6(message 5, the responder's SAi_b altered)", "Hash DATA");
    // Or the initiator's hash payload itself changed.
    const iv = run.r4.iv!;
    const keys = run.r4.keys!;
    const opened = openMessage(m5, keys, iv).message;
    const forged = sealMessage({ ...opened, payloads: opened.payloads.map((p) => (p.type === PayloadType.HASH ? { ...p, data: p.data.map((x) => x ^ 0x80) } : p)) }, keys, iv).datagram;
    expectAuthFailed(() => mainMode6(run.r4, forged), "mainMode6(message 5 with HASH_I altered)", "Hash DATA");
  });
  test("payloads message 5 may not carry, or lacks", () => {
    const run = seedRun(rng("message-6 shape"));
    const m5 = mainMode5(run.i3, run.mm[3]).send!;
    const keys = run.r4.keys!;
    const iv = run.r4.iv!;
    const opened = openMessage(m5, keys, iv).message;
    const noHash = sealMessage({ ...opened, payloads: opened.payloads.filter((p) => p.type !== PayloadType.HASH) }, keys, iv).datagram;
    expectThrows(() => mainMode6(run.r4, noHash), { what: "mainMode6(message 5 without HASH_I)", error: "NegotiationError", field: "Hash (8)", why: "without the hash nothing is proven: PAYLOAD-MALFORMED." });
    const withNonce = sealMessage({ ...opened, payloads: [...opened.payloads, { type: PayloadType.NONCE, data: new Uint8Array(16) }] }, keys, iv).datagram;
    expectThrows(() => mainMode6(run.r4, withNonce), { what: "mainMode6(message 5 with a Nonce payload)", error: "NegotiationError", field: "Next payload", why: "message 5 carries ID, HASH and notifications; anything else is INVALID-PAYLOAD-TYPE (RFC 2408 section 5.1)." });
    const contact = { type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: new Uint8Array(16), messageType: 24578, data: new Uint8Array(0) } } as const;
    const withContact = sealMessage({ ...opened, payloads: [...opened.payloads, contact] }, keys, iv).datagram;
    expectEqual(mainMode6(run.r4, withContact).state.peerId, run.initiator.identity, { what: "mainMode6(message 5 with an INITIAL-CONTACT notify).state.peerId", why: "the seed's routers and strongSwan add INITIAL-CONTACT to message 5: accept it." });
  });
  test("a message 5 in clear, out of order, or of another exchange", () => {
    const run = seedRun(rng("message-6 order"));
    const m5 = mainMode5(run.i3, run.mm[3]).send!;
    const clear = m5.slice();
    clear[19] = 0;
    expectThrows(() => mainMode6(run.r4, clear), { what: "mainMode6(message 5 with the E flag clear)", error: "FieldError", field: "Flags", why: "an unencrypted identity is refused outright, not mistaken for a key problem." });
    const other = m5.slice();
    other[0] = other[0]! ^ 1;
    expectThrows(() => mainMode6(run.r4, other), { what: "mainMode6(message 5 with another Initiator SPI)", error: "FieldError", field: "Initiator SPI" });
    expectThrows(() => mainMode6({ ...run.r4, messages: 6 }, m5), { what: "mainMode6(a responder that already sent message 6)", error: "FieldError", field: "Message", why: "a repeated message 5 is answered by the retransmission logic with the same message 6, never processed twice." });
  });
});

describe("step 5: establish", () => {
  test("the IKE SA from a finished state, and refusals for an unfinished one", () => {
    const run = randomRun(rng("message-6 establish"), { nat: true });
    const m5 = mainMode5(run.i3, run.mm[3]);
    const done = ref.mainMode6(run.r4, m5.send!).state;
    expectEqual(establish(done), ref.establish(done), { what: `establish(the responder's state after message 6, ${run.label})` });
    expectEqual(establish(done).local.port, 4500, { what: "establish(...).local.port behind a NAT", why: "RFC 3947 section 4: the IKE SA moved to 4500 with message 5." });
    expectThrows(() => establish(run.r4), { what: "establish(the responder after message 4, no peer identity yet)", error: "FieldError", field: "Identification" });
    const r2 = ref.openIdentity(run.r4, m5.send!);
    expectEqual(openIdentity(run.r4, m5.send!), r2, { what: "openIdentity(the responder after message 4, message 5)" });
  });
});
