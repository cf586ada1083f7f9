/**
 * Hidden tests for 07-main-mode/keys. Fixed: both recorded exchanges with
 * strongSwan, where our private value is known and charon logged SKEYID,
 * SKEYID_d/a/e, the AES key and the first IV. Random: both sides of random
 * exchanges must agree, and match the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { SEED_SUITE, type IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { privateValue, publicValue } from "@ref/05-diffie-hellman/keypair.ts";
import type { Phase1State } from "@ref/07-main-mode/exchange.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as ref from "@ref/07-main-mode/keys.ts";
import { phase1Keys, suiteAlgorithms } from "@impl/07-main-mode/keys.ts";
import { b, payloadBodies, seedInitiatorConfig, seeded, strongswanConfig } from "./fixtures.ts";
import { STRONGSWAN_HALF_EXCHANGES, type HalfMainMode } from "./strongswan-vectors.ts";

/** The state of our side after message 4, rebuilt from a recording. */
function recordedState(x: HalfMainMode): Phase1State {
  const [m1, , m3, m4] = x.messages.map(b) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const body = (m: Uint8Array, type: number) => payloadBodies(m).find((p) => p.type === type)!.body;
  return {
    ...refExchange.initiatorState("main", strongswanConfig(x, seeded("keys"))),
    role: x.ours,
    ckyI: m1.slice(0, 8),
    ckyR: m4.slice(8, 16),
    suite: x.suite,
    x: BigInt("0x" + x.draws[1]),
    gxi: body(m3, 4),
    gxr: body(m4, 4),
    ni: body(m3, 10),
    nr: body(m4, 10),
    messages: 4,
  };
}

describe("step 1: suite numbers to algorithm names", () => {
  test("the seed's suite and others", () => {
    expectEqual(suiteAlgorithms(SEED_SUITE), { hash: "sha1", cipher: "aes128" }, { what: "suiteAlgorithms(the seed's AES-CBC 128 / SHA)" });
    expectEqual(suiteAlgorithms({ ...SEED_SUITE, hash: 4, keyLength: 256 }), { hash: "sha256", cipher: "aes256" }, { what: "suiteAlgorithms(AES-CBC 256 / SHA2-256)", why: "SHA2-256 is Hash-Algorithm 4 in IKEv1 (RFC 4868 section 2.4)." });
    expectEqual(suiteAlgorithms({ encryption: 5, hash: 1, authMethod: 1, group: 2, lifetimeSeconds: 86400 }), { hash: "md5", cipher: "3des" }, { what: "suiteAlgorithms(3DES / MD5)" });
    expectEqual(suiteAlgorithms({ ...SEED_SUITE, hash: 6, keyLength: 192 }), { hash: "sha512", cipher: "aes192" }, { what: "suiteAlgorithms(AES-CBC 192 / SHA2-512)" });
  });

  test("what the course does not do", () => {
    expectThrows(() => suiteAlgorithms({ ...SEED_SUITE, encryption: 1 }), { what: "suiteAlgorithms(DES-CBC)", error: "FieldError", field: "Encryption-Algorithm" });
    expectThrows(() => suiteAlgorithms({ ...SEED_SUITE, hash: 3 }), { what: "suiteAlgorithms(TIGER)", error: "FieldError", field: "Hash-Algorithm" });
    expectThrows(() => suiteAlgorithms({ ...SEED_SUITE, keyLength: 64 }), { what: "suiteAlgorithms(AES with Key-Length 64)", error: "FieldError", field: "Key-Length" });
    const { keyLength: _, ...noLength } = SEED_SUITE;
    expectThrows(() => suiteAlgorithms(noLength), { what: "suiteAlgorithms(AES without Key-Length)", error: "FieldError", field: "Key-Length", why: "RFC 3602 section 5.3: AES in IKE always says its key length." });
  });
});

describe("step 2: strongSwan's keys, from our recorded exchanges", () => {
  for (const x of STRONGSWAN_HALF_EXCHANGES) {
    test(x.label, () => {
      const { keys, iv } = phase1Keys(recordedState(x));
      const why = "charon logged this value for the same exchange; our private value was recorded, so the keys must come out the same.";
      expectBytes(keys.skeyid, b(x.charon.skeyid), { what: `phase1Keys(our ${x.ours}).keys.skeyid`, why: `${why} SKEYID = prf(PSK, Ni_b | Nr_b), initiator's nonce first.` });
      expectBytes(keys.skeyid_d, b(x.charon.skeyid_d), { what: `phase1Keys(our ${x.ours}).keys.skeyid_d`, why: "g^xy must be our x with the PEER's public value; the cookies go initiator first." });
      expectBytes(keys.skeyid_a, b(x.charon.skeyid_a), { what: `phase1Keys(our ${x.ours}).keys.skeyid_a`, why });
      expectBytes(keys.skeyid_e, b(x.charon.skeyid_e), { what: `phase1Keys(our ${x.ours}).keys.skeyid_e`, why });
      expectBytes(keys.encKey, b(x.charon.encKey), { what: `phase1Keys(our ${x.ours}).keys.encKey`, why: "AES takes the first 16 (AES-128) or 32 (AES-256) octets of SKEYID_e: SHA-1 gives 20, SHA2-256 32, enough either way." });
      expectBytes(iv, b(x.charon.iv), { what: `phase1Keys(our ${x.ours}).iv`, why: "hash(g^xi | g^xr) cut to one AES block, public values initiator first whoever computes." });
      const names = ref.suiteAlgorithms(x.suite);
      expectEqual([keys.hash, keys.cipher], [names.hash, names.cipher], { what: "phase1Keys(...).keys hash and cipher names" });
    });
  }
});

describe("step 3: both sides agree, the reference agrees, bad states are refused", () => {
  test("random suites: initiator and responder derive the same keys", () => {
    const r = rng("keys");
    for (let i = 0; i < 6; i++) {
      const suite: IkeSuite = { encryption: r.pick([5, 7]), hash: r.pick([1, 2, 4, 5, 6]), authMethod: 1, group: r.pick([1, 2]), lifetimeSeconds: 86400 };
      const s2: IkeSuite = suite.encryption === 7 ? { ...suite, keyLength: r.pick([128, 192, 256]) } : suite;
      const group = modpGroup(s2.group);
      const random = seeded(`keys-${i}`);
      const xi = privateValue(group, random);
      const xr = privateValue(group, random);
      const base = { ...refExchange.initiatorState("main", { ...seedInitiatorConfig(random), psk: r.bytes(r.int(1, 30)) }), ckyR: r.bytes(8), suite: s2, gxi: publicValue(group, xi), gxr: publicValue(group, xr), ni: r.bytes(r.int(8, 64)), nr: r.bytes(r.int(8, 64)) };
      const initiator = phase1Keys({ ...base, x: xi });
      const responder = phase1Keys({ ...base, role: "responder", x: xr });
      const want = ref.phase1Keys({ ...base, x: xi });
      for (const k of ["skeyid", "skeyid_d", "skeyid_a", "skeyid_e", "encKey"] as const) {
        expectBytes(initiator.keys[k], want.keys[k], { what: `random case ${i} (${s2.encryption === 7 ? `aes${s2.keyLength}` : "3des"}, hash ${s2.hash}): the initiator's ${k}` });
        expectBytes(responder.keys[k], want.keys[k], { what: `random case ${i}: the responder's ${k}`, why: "the responder uses its own x with g^xi; everything else is in the same order as on the initiator." });
      }
      expectBytes(initiator.iv, want.iv, { what: `random case ${i}: the first IV` });
    }
  });

  test("a state without what the keys need, or with a bad public value", () => {
    const x = STRONGSWAN_HALF_EXCHANGES[0]!;
    const s = recordedState(x);
    expectThrows(() => phase1Keys({ ...s, nr: undefined }), { what: "phase1Keys(a state without nr)", error: "FieldError", field: "Nonce DATA", why: "the keys need both nonces: call it after message 4." });
    expectThrows(() => phase1Keys({ ...s, gxr: undefined }), { what: "phase1Keys(a state without gxr)", error: "FieldError", field: "Key Exchange Data" });
    expectThrows(() => phase1Keys({ ...s, x: undefined }), { what: "phase1Keys(a state without x)", error: "FieldError", field: "Private value" });
    expectThrows(() => phase1Keys({ ...s, suite: undefined }), { what: "phase1Keys(a state without a suite)", error: "FieldError", field: "Transform" });
    const one = new Uint8Array(128);
    one[127] = 1;
    expectThrows(() => phase1Keys({ ...s, gxr: one }), { what: "phase1Keys with the peer's public value 1", error: "FieldError", field: "Key Exchange Data", why: "g^xy would be 1 whatever our x: the peer's value is checked first (chapter 05)." });
  });
});
