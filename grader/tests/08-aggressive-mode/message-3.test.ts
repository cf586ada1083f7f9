/**
 * Hidden tests for 08-aggressive-mode/message-3: both directions of the
 * recorded exchanges with strongSwan (our message 3 that charon accepted;
 * charon's message 3 opened and checked), random exchanges against the
 * reference in both roles, message 3 in clear text, and a wrong pre-shared
 * key on either side.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { aggressive3, aggressiveFinish } from "@impl/08-aggressive-mode/message-3.ts";
import { aggressive3 as refAggressive3, aggressiveFinish as refFinish } from "@ref/08-aggressive-mode/message-3.ts";
import { aggressive1 as refAggressive1 } from "@ref/08-aggressive-mode/message-1.ts";
import { aggressive2 as refAggressive2 } from "@ref/08-aggressive-mode/message-2.ts";
import { isakmpHeaderLayout } from "@teach";
import { decodeMessage, encodeMessage, type Payload } from "@ref/03-payloads/message.ts";
import { openMessage, sealMessage } from "@ref/07-main-mode/encryption.ts";
import { initiatorState, type IkeSa, type Phase1State } from "@ref/07-main-mode/exchange.ts";
import { phase1Keys } from "@ref/07-main-mode/keys.ts";
import { authHash } from "@ref/07-main-mode/message-5.ts";
import { natDetectionPayloads } from "@ref/07-main-mode/nat-detection.ts";
import { R1, R2, at4500, b, expectNegotiation, hexOf, randomPair, strongswanConfig, type RandomPair } from "./exchange.ts";
import { OURS_INITIATOR, OURS_RESPONDER } from "./strongswan-vectors.ts";

const { HASH, NAT_D } = PayloadType;
const PSK_WHY = "a wrong pre-shared key gives another SKEYID, so another hash and another encryption key: the peer must be told AUTHENTICATION-FAILED (24).";

function sameSa(got: IkeSa | undefined, want: IkeSa, what: string): void {
  expectEqual(got === undefined, false, { what: `${what}: established`, why: "after message 3 the IKE SA exists: the step returns it as `established`." });
  expectEqual(got!.keys, want.keys, { what: `${what}: established.keys` });
  expectBytes(got!.lastIv, want.lastIv, { what: `${what}: established.lastIv`, why: "the last CBC block of phase 1: quick mode's first IV is hash(lastIv | M-ID) (RFC 2409 Appendix B)." });
  expectEqual([got!.nat, got!.local, got!.remote, got!.peerId, got!.natT], [want.nat, want.local, want.remote, want.peerId, want.natT], { what: `${what}: established [nat, local, remote, peerId, natT]` });
}

describe("step 1: strongSwan's exchanges", () => {
  test(`${OURS_INITIATOR.label}: our message 3 is the one charon accepted`, () => {
    const x = OURS_INITIATOR;
    const one = refAggressive1(initiatorState("aggressive", strongswanConfig(x)));
    const three = aggressive3(one.state, b(x.messages[1]));
    const sa = three.established;
    expectEqual(sa?.keys.encKey && hexOf(sa.keys.encKey), x.charon.encKey, { what: "established.keys.encKey", why: "charon logged this encryption key for the exchange." });
    expectEqual(sa?.keys.skeyid_d && hexOf(sa.keys.skeyid_d), x.charon.skeyid_d, { what: "established.keys.skeyid_d", why: "quick mode's KEYMAT comes from it." });
    expectEqual(sa?.nat, x.nat, { what: "established.nat", why: "charon with kernel-libipsec fakes its own NAT-D hash in message 2: the responder looks as if it were behind a NAT." });
    expectEqual(sa?.remote, at4500(R2), { what: "established.remote", why: "with a NAT seen, IKE moves to UDP 4500 from message 3 on (RFC 3947 section 4)." });
    const keys = sa!.keys;
    const recorded = openMessage(b(x.messages[2]), keys, b(x.charon.iv)).message.payloads;
    let mine: Payload[] | undefined;
    try {
      mine = openMessage(three.send!, keys, b(x.charon.iv)).message.payloads;
    } catch {
      expectTrue(false, "message 3 does not decrypt with charon's key and first IV to a chain of payloads.", "seal it with sealMessage(message, keys, iv): iv is the first IV, hash(g^xi | g^xr), from phase1Keys.");
    }
    expectEqual(mine, recorded, {
      what: "the payloads inside message 3 (decrypted)",
      why: `charon accepted HASH_I (${x.charon.hashI}) and then two NAT-D payloads: first charon's address, then ours, both with port 4500, the port message 3 travels on once a NAT was seen.`,
    });
    expectBytes(three.send, b(x.messages[2]), {
      what: "message 3 answering charon's message 2",
      layout: [...isakmpHeaderLayout, { name: "Encrypted Data (HASH_I, NAT-D, NAT-D, padding)", offset: 28, length: b(x.messages[2]).length - 28 }],
      why: `charon decrypted exactly this message 3, found its HASH_I right and logged "${x.established}". With the same payloads only the padding can differ: zeros, to the next 16-octet block.`,
    });
    expectEqual(sa && hexOf(sa.lastIv), hexOf(b(x.messages[2]).slice(-16)), { what: "established.lastIv", why: "message 3's last ciphertext block." });
  });

  test(`${OURS_RESPONDER.label}: charon's message 3 is accepted`, () => {
    const x = OURS_RESPONDER;
    const two = refAggressive2(strongswanConfig(x), b(x.messages[0]));
    const done = aggressiveFinish(two.state, b(x.messages[2]), { local: at4500(R2), remote: at4500(R1) });
    const sa = done.established;
    expectEqual(sa?.keys.skeyid_a && hexOf(sa.keys.skeyid_a), x.charon.skeyid_a, { what: "established.keys.skeyid_a", why: "charon logged this SKEYID_a." });
    expectEqual(sa && hexOf(sa.lastIv), hexOf(b(x.messages[2]).slice(-16)), { what: "established.lastIv", why: "charon encrypted message 3 (HASH, NAT-D, NAT-D): its last ciphertext block ends phase 1." });
    expectEqual(sa?.nat, { localBehindNat: false, remoteBehindNat: true }, {
      what: "established.nat (message 3 arrived on UDP 4500)",
      why: "charon's first NAT-D hashes our address with port 4500, the port message 3 came to, so we are not behind a NAT; its second is faked, so charon looks as if it were.",
    });
    expectEqual(sa?.peerId, { protocolId: 0, port: 0, identity: { type: "ipv4", address: "192.168.12.1" } }, { what: "established.peerId", why: "charon's ID payload in message 1: ID_IPV4_ADDR, protocol 0, port 0." });
  });
});

/** HASH_I and, with NAT-T, the initiator's NAT-D payloads for the ports it used (500: no float in these exchanges). */
function message3Payloads(initiator: Phase1State, hashI: Uint8Array): Payload[] {
  const natD = initiator.natT ? natDetectionPayloads(initiator, initiator.keys!.hash, initiator.config.local, initiator.config.remote) : [];
  return [{ type: HASH, data: hashI }, ...natD.map((data) => ({ type: NAT_D, data }))];
}

/** Message 3 without encryption (Flags 0x00). */
function clearMessage3(initiator: Phase1State, hashI: Uint8Array): Uint8Array {
  return encodeMessage({ initiatorSpi: initiator.ckyI, responderSpi: initiator.ckyR, exchangeType: 4, messageId: 0, flags: { encryption: false, commit: false, authenticationOnly: false }, payloads: message3Payloads(initiator, hashI) });
}

interface Run {
  readonly pair: RandomPair;
  readonly one: ReturnType<typeof refAggressive1>;
  readonly two: ReturnType<typeof refAggressive2>;
}

function exchange(label: string, i: number): Run {
  const r = rng(`${label}-${i}`);
  const pair = randomPair(r);
  const one = refAggressive1(initiatorState("aggressive", { ...pair.initiator, random: (n) => r.bytes(n) }));
  const two = refAggressive2({ ...pair.responder, random: (n) => r.bytes(n) }, one.send!);
  return { pair, one, two };
}

describe("step 2: random exchanges with the reference", () => {
  test("aggressive3 builds the reference's message 3, and the reference's responder accepts it", () => {
    for (let i = 0; i < 5; i++) {
      const { one, two } = exchange("am3-initiator", i);
      const got = aggressive3(one.state, two.send!);
      const want = refAggressive3(one.state, two.send!);
      const what = `message 3 (${two.state.natT ? "with" : "without"} NAT-T agreed)`;
      expectBytes(got.send, want.send!, { what, layout: isakmpHeaderLayout, why: "HASH_I, then the two NAT-D payloads when NAT-T was agreed, encrypted with the phase 1 key and the first IV, hash(g^xi | g^xr)." });
      sameSa(got.established, want.established!, "aggressive3");
      const fin = refFinish(two.state, got.send!);
      expectEqual(fin.established?.keys, got.established?.keys, { what: "the reference responder's keys after your message 3, beside yours", why: "both ends of one IKE SA hold the same keys." });
      expectBytes(got.established?.lastIv, fin.established!.lastIv, { what: "your initiator's lastIv beside the responder's", why: "both sides must start quick mode from the same block." });
    }
  });
  test("aggressiveFinish accepts the reference's message 3", () => {
    for (let i = 0; i < 5; i++) {
      const { one, two } = exchange("am3-responder", i);
      const three = refAggressive3(one.state, two.send!);
      const got = aggressiveFinish(two.state, three.send!);
      const want = refFinish(two.state, three.send!);
      sameSa(got.established, want.established!, `aggressiveFinish (${two.state.natT ? "with" : "without"} NAT-T agreed)`);
      expectEqual(got.state.messages, 3, { what: "state.messages after message 3" });
      expectEqual(got.send, undefined, { what: "aggressiveFinish(...).send", why: "message 3 is the last of the exchange: the responder sends nothing back." });
    }
  });
  test("message 3 in clear text, as RFC 2409 section 5.4 writes it", () => {
    for (let i = 0; i < 3; i++) {
      const { one, two } = exchange("am3-clear", i);
      const initiator = refAggressive3(one.state, two.send!).state;
      const clear = clearMessage3(initiator, authHash(initiator, "initiator", one.state.idB!));
      const got = aggressiveFinish(two.state, clear);
      expectEqual(got.established?.keys, initiator.keys, { what: "established.keys after a clear message 3", why: "the keys come from messages 1 and 2; message 3 only proves the initiator knows them." });
      expectBytes(got.established?.lastIv, two.state.iv!, { what: "established.lastIv after a clear message 3", why: "nothing was encrypted in phase 1, so the last CBC block is still the first IV, hash(g^xi | g^xr)." });
    }
  });
});

describe("step 3: a wrong pre-shared key", () => {
  test("the initiator refuses message 2", () => {
    const r = rng("am3-wrong-psk-i");
    const pair = randomPair(r);
    const one = refAggressive1(initiatorState("aggressive", { ...pair.initiator, random: (n) => r.bytes(n) }));
    const two = refAggressive2({ ...pair.responder, psk: new TextEncoder().encode("not the same key"), random: (n) => r.bytes(n) }, one.send!);
    expectNegotiation(() => aggressive3(one.state, two.send!), NotifyType.AUTHENTICATION_FAILED, "Hash DATA", "aggressive3(a message 2 from a responder with another PSK)", PSK_WHY);
  });
  test("the responder refuses message 3: garbage after decryption, or a wrong hash in clear", () => {
    const { one, two } = exchange("am3-wrong-psk-r", 0);
    // The initiator's side of the exchange with another PSK: what an initiator configured differently derives.
    const m2 = decodeMessage(two.send!);
    const data = (t: number) => (m2.payloads.find((p) => p.type === t) as { data: Uint8Array }).data;
    const other = { ...one.state.config, psk: new TextEncoder().encode("another key") };
    const withDh: Phase1State = { ...one.state, config: other, ckyR: two.state.ckyR, suite: two.state.suite!, natT: two.state.natT!, gxr: data(4), nr: data(10), peerId: two.state.config.identity };
    const { keys, iv } = phase1Keys(withDh);
    const wrong: Phase1State = { ...withDh, keys, iv };
    const hashI = authHash(wrong, "initiator", one.state.idB!);
    const sealed = sealMessage({ initiatorSpi: wrong.ckyI, responderSpi: wrong.ckyR, exchangeType: 4, messageId: 0, flags: { encryption: true, commit: false, authenticationOnly: false }, payloads: message3Payloads(wrong, hashI) }, keys, iv);
    expectNegotiation(() => aggressiveFinish(two.state, sealed.datagram), NotifyType.AUTHENTICATION_FAILED, undefined, "aggressiveFinish(message 3 encrypted with a key from another PSK)", PSK_WHY);
    expectNegotiation(() => aggressiveFinish(two.state, clearMessage3(wrong, hashI)), NotifyType.AUTHENTICATION_FAILED, "Hash DATA", "aggressiveFinish(message 3 in clear with a HASH_I from another PSK)", PSK_WHY);
  });
});

describe("step 4: states that cannot take this message", () => {
  test("aggressive3 and aggressiveFinish check the state first", () => {
    const { one, two } = exchange("am3-state", 0);
    expectThrows(() => aggressive3(two.state, two.send!), { what: "aggressive3 on the responder's state", error: "FieldError", field: "Message" });
    expectThrows(() => aggressiveFinish(one.state, two.send!), { what: "aggressiveFinish on the initiator's state", error: "FieldError", field: "Message" });
    const done = refAggressive3(one.state, two.send!);
    expectThrows(() => aggressive3(done.state, two.send!), { what: "aggressive3 on a state that already sent message 3", error: "FieldError", field: "Message", why: "a repeated message 2 is answered by the retransmission logic with the same message 3, never by a new one." });
  });
});
