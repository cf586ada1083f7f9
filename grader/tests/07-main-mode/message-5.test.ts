/**
 * Hidden tests for 07-main-mode/message-5: strongSwan's message 5 rebuilt
 * byte for byte from the values charon logged; the seed's 108 octets; runs
 * between reference peers (random suites, identities, a NAT or not) where
 * the learner's initiator processes message 4 and must send what the
 * reference sends; what message 4 may not carry.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, isakmpHeaderLayout, rng } from "@teach";
import { PayloadType } from "@course/isakmp-names.ts";
import { decodeMessage, encodeMessage } from "@ref/03-payloads/message.ts";
import { encodeIdentification } from "@ref/03-payloads/identification.ts";
import { hashI } from "@ref/06-phase1-keys/auth-hash.ts";
import { openMessage } from "@ref/07-main-mode/encryption.ts";
import type { Phase1State } from "@ref/07-main-mode/exchange.ts";
import { phase1Iv } from "@ref/06-phase1-keys/iv.ts";
import { IKE_CIPHERS } from "@course/ike-algorithms.ts";
import * as ref from "@ref/07-main-mode/message-5.ts";
import { authHash, mainMode5, sealIdentity, transportEndpoints } from "@impl/07-main-mode/message-5.ts";
import { initiatorState } from "@ref/07-main-mode/exchange.ts";
import { mainMode1 as refMainMode1 } from "@ref/07-main-mode/message-1.ts";
import { mainMode3 as refMainMode3 } from "@ref/07-main-mode/message-3.ts";
import { replay, strongswanConfig } from "./fixtures.ts";
import { randomRun, seedRun } from "./phase1-run.ts";
import { STRONGSWAN_HALF_EXCHANGES } from "./strongswan-vectors.ts";
import { STRONGSWAN_EXCHANGES, b, cat, charonId, charonMessage5, charonState, type StrongswanExchange } from "./strongswan.ts";

const INITIAL_CONTACT = (x: StrongswanExchange) => ({ type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: cat(b(x.ckyI), b(x.ckyR)), messageType: 24578, data: new Uint8Array(0) } }) as const;

describe("step 1: strongSwan's message 5, byte for byte", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const state = charonState(x, "initiator");
      const idB = encodeIdentification(charonId("192.168.12.1"));
      expectBytes(authHash(state, "initiator", idB), b(x.hashI), { what: "authHash(charon's state, \"initiator\", ID 192.168.12.1)", why: "HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b): the value charon logged as HASH_I." });
      expectBytes(authHash(state, "responder", encodeIdentification(charonId("192.168.12.2"))), b(x.hashR), { what: "authHash(charon's state, \"responder\", ID 192.168.12.2)", why: "HASH_R swaps the public values and the cookies: g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b." });
      const sealed = sealIdentity(state, [INITIAL_CONTACT(x)]);
      expectBytes(sealed.send, charonMessage5(x), { what: "sealIdentity(charon's state, [INITIAL-CONTACT]): message 5", layout: isakmpHeaderLayout, why: "ID (12 octets), HASH_I, then the INITIAL-CONTACT notify charon adds (28): 64 octets, a full block of zero padding, encrypted with the phase-1 IV: 108 octets, exactly what charon sent." });
      expectBytes(sealed.state.iv, charonMessage5(x).slice(-16), { what: "sealIdentity(...).state.iv", why: "message 6 is encrypted with message 5's last ciphertext block." });
      expectBytes(sealed.state.idB, idB, { what: "sealIdentity(...).state.idB", why: "our ID body as sent: what HASH_I covered." });
    });
  }
});

/** The state the initiator seals message 5 from: the one it ends with, but the phase-1 IV instead of message 5's last block. */
function beforeSealing(after: Phase1State): Phase1State {
  return { ...after, iv: phase1Iv(after.keys!.hash, after.gxi!, after.gxr!, IKE_CIPHERS[after.keys!.cipher].blockBytes) };
}

describe("step 2: after a real strongSwan message 4", () => {
  for (const x of STRONGSWAN_HALF_EXCHANGES.filter((h) => h.ours === "initiator")) {
    test(`${x.label}: our keys are the ones charon logged, and message 5 opens with them`, () => {
      const cfg = strongswanConfig(x, replay(x.draws, "the recorded exchange with charon"));
      const one = refMainMode1(initiatorState("main", cfg));
      const three = refMainMode3(one.state, b(x.messages[1]));
      const five = mainMode5(three.state, b(x.messages[3]));
      const k = five.state.keys!;
      expectEqual([k.skeyid, k.skeyid_d, k.skeyid_a, k.skeyid_e, k.encKey], [x.charon.skeyid, x.charon.skeyid_d, x.charon.skeyid_a, x.charon.skeyid_e, x.charon.encKey].map((h) => b(h)), { what: "mainMode5(the reference initiator's state, charon's real message 4).state.keys: [SKEYID, SKEYID_d, SKEYID_a, SKEYID_e, encKey]", why: "charon, the responder of this recorded exchange, logged these values: both ends must hold the same keys or message 5 is noise to it." });
      expectEqual(five.state.nat, { localBehindNat: false, remoteBehindNat: true }, { what: "mainMode5(...).state.nat", why: "charon with kernel-libipsec fakes the NAT-D hash of its own address, so its address looks rewritten: the peer seems to be behind a NAT, and the exchange floats to 4500." });
      expectEqual(transportEndpoints(five.state).remote, { address: "192.168.12.2", port: 4500 }, { what: "transportEndpoints(...).remote", why: "message 5 goes to charon's UDP 4500 (RFC 3947 section 4)." });
      const opened = openMessage(five.send!, k, b(x.charon.iv)).message;
      expectEqual(opened.payloads[0], { type: PayloadType.IDENTIFICATION, id: cfg.identity }, { what: "message 5 decrypted with charon's key and initial IV: the first payload", why: "charon decrypts message 5 with exactly these values." });
    });
  }
});

describe("step 3: the seed's routers", () => {
  test("message 5 is 76 octets; with INITIAL-CONTACT, the seed's 108", () => {
    const run = seedRun(rng("message-5 seed"));
    const got = mainMode5(run.i3, run.mm[3]);
    const want = ref.mainMode5(run.i3, run.mm[3]);
    expectBytes(got.send, want.send!, { what: "mainMode5(R1 after message 3, R2's message 4)", layout: isakmpHeaderLayout, why: "ID (protocol 17, port 500: 12 octets) and HASH_I (SHA-1: 24 octets) are 36 octets, padded to 48: 28 + 48 = 76." });
    expectEqual(got.send!.length, 76, { what: "the length of message 5 without INITIAL-CONTACT" });
    const before = beforeSealing(want.state);
    const seedSized = sealIdentity(before, [{ type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: cat(before.ckyI, before.ckyR), messageType: 24578, data: new Uint8Array(0) } }]);
    expectEqual(seedSized.send.length, 108, { what: "sealIdentity(R1's state, [INITIAL-CONTACT]): the length of message 5", why: "the seed's routers add INITIAL-CONTACT (28 octets): 36 + 28 = 64 octets of payloads and a full block of padding: 80 encrypted, 108 in all, as in the seed's frame 5." });
    expectEqual(new DataView(seedSized.send.buffer, seedSized.send.byteOffset).getUint32(24), 108, { what: "the header's Length in that message 5", why: "Length counts the encrypted octets, padding included." });
  });
});

describe("step 4: random runs against the reference", () => {
  test("message 5, the keys and the state after it", () => {
    const r = rng("message-5 runs");
    for (let i = 0; i < 12; i++) {
      const run = randomRun(r, { nat: r.pick([false, true]) });
      const got = mainMode5(run.i3, run.mm[3]);
      const want = ref.mainMode5(run.i3, run.mm[3]);
      const what = `mainMode5(${run.label})`;
      expectBytes(got.send, want.send!, { what: `${what}: message 5`, layout: isakmpHeaderLayout });
      const s = got.state;
      expectEqual(s.keys, want.state.keys, { what: `${what}.state.keys`, why: "SKEYID and its children from g^xy, the nonces, the cookies and the PSK (your keys exercise)." });
      expectEqual([s.gxr, s.nr, s.nat, s.messages, s.idB, s.iv], [want.state.gxr, want.state.nr, want.state.nat, 5, want.state.idB, want.state.iv], { what: `${what}.state: [gxr, nr, nat, messages, idB, iv]` });
      // Independent check: decrypted with the reference's keys, message 5 holds our ID and a HASH_I chapter 06 agrees with.
      const opened = openMessage(got.send!, want.state.keys!, beforeSealing(want.state).iv!).message;
      const idB = encodeIdentification(run.initiator.identity);
      expectEqual(opened.payloads, [
        { type: PayloadType.IDENTIFICATION, id: run.initiator.identity },
        { type: PayloadType.HASH, data: hashI(want.state.keys!.hash, want.state.keys!.skeyid, { gxi: s.gxi!, gxr: s.gxr!, ckyI: s.ckyI, ckyR: s.ckyR, saiB: s.saiB! }, idB) },
      ], { what: `${what}: the payloads of message 5, decrypted`, why: "IDii then HASH_I (RFC 2409 section 5), nothing else." });
    }
  });
  test("NAT-T: the ports move to 4500 only when a NAT was seen", () => {
    const r = rng("message-5 nat");
    for (const nat of [false, true, true, false]) {
      const run = randomRun(r, { nat });
      const s = mainMode5(run.i3, run.mm[3]).state;
      expectEqual(s.nat, { localBehindNat: nat, remoteBehindNat: false }, { what: `mainMode5(${run.label}).state.nat`, why: "the responder's first NAT-D hashes the address it sent to; behind a NAT that is the NAT's address, not ours." });
      const port = nat ? 4500 : 500;
      expectEqual(transportEndpoints(s), { local: { address: run.initiator.local.address, port }, remote: { address: run.initiator.remote.address, port } }, { what: `transportEndpoints(the state after message 5, ${nat ? "behind a NAT" : "no NAT"})`, why: "RFC 3947 section 4: after a NAT is detected both sides use UDP 4500 from message 5 on; without one they stay on 500." });
      const noNatT = { ...s, natT: false };
      expectEqual(transportEndpoints(noNatT).local.port, 500, { what: "transportEndpoints(a state where NAT-T was not agreed)", why: "without the RFC 3947 vendor ID from both sides, nobody floats." });
    }
  });
});

describe("step 5: what message 4 may not be", () => {
  const run = seedRun(rng("message-5 refusals"));
  const m4 = decodeMessage(run.mm[3]);
  const without = (type: number) => encodeMessage({ ...m4, payloads: m4.payloads.filter((p) => p.type !== type) });
  test("no nonce, two KE payloads", () => {
    expectThrows(() => mainMode5(run.i3, without(PayloadType.NONCE)), { what: "mainMode5(message 4 without its Nonce)", error: "NegotiationError", field: "Nonce (10)", why: "SKEYID needs Nr: message 4 must carry exactly one nonce (PAYLOAD-MALFORMED)." });
    const ke = m4.payloads.find((p) => p.type === PayloadType.KEY_EXCHANGE)!;
    expectThrows(() => mainMode5(run.i3, encodeMessage({ ...m4, payloads: [ke, ...m4.payloads] })), { what: "mainMode5(message 4 with two KE payloads)", error: "NegotiationError", field: "Key Exchange (4)" });
  });
  test("a public value of 1", () => {
    const one = new Uint8Array(128);
    one[127] = 1;
    const bad = encodeMessage({ ...m4, payloads: m4.payloads.map((p) => (p.type === PayloadType.KEY_EXCHANGE ? { type: PayloadType.KEY_EXCHANGE, data: one } : p)) });
    expectThrows(() => mainMode5(run.i3, bad), { what: "mainMode5(message 4 whose g^xr is 1)", error: "FieldError", field: "Key Exchange Data", why: "1^x = 1 for every x: the shared secret would be known to everyone. Check the peer's value (chapter 05) before using it." });
  });
  test("another exchange's cookie, a step out of order", () => {
    const d = run.mm[3].slice();
    d[8] = d[8]! ^ 0xff;
    const i3 = { ...run.i3, ckyR: run.mm[3].slice(8, 16) };
    expectThrows(() => mainMode5(i3, d), { what: "mainMode5(message 4 with another Responder SPI)", error: "FieldError", field: "Responder SPI" });
    expectThrows(() => mainMode5({ ...run.i3, messages: 5 }, run.mm[3]), { what: "mainMode5(an initiator that already sent message 5)", error: "FieldError", field: "Message", why: "a second message 4 is a duplicate for the retransmission logic, not a new step." });
    expectThrows(() => mainMode5(run.r4, run.mm[3]), { what: "mainMode5(the responder's state)", error: "FieldError", field: "Message" });
  });
});
