/**
 * Hidden tests for 06-phase1-keys/auth-hash: strongSwan's HASH_I and HASH_R
 * for two real exchanges (SA body and IDs as on the wire), and random cases
 * against HMAC from node:crypto.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectTrue, rng } from "@teach";
import { hashI, hashR, type Phase1Transcript } from "@impl/06-phase1-keys/auth-hash.ts";
import { STRONGSWAN_EXCHANGES } from "./strongswan-vectors.ts";
import { b, cat } from "./vectors.ts";

// ID payload bodies of main mode messages 5 and 6: ID_IPV4_ADDR (1), protocol 0, port 0, the address.
const IDII_B = b("01 00 0000 c0a80c01");
const IDIR_B = b("01 00 0000 c0a80c02");

describe("step 1: strongSwan's exchanges", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const t: Phase1Transcript = { gxi: b(x.gxi), gxr: b(x.gxr), ckyI: b(x.ckyI), ckyR: b(x.ckyR), saiB: b(x.saiB) };
      expectBytes(hashI(x.hash, b(x.skeyid), t, IDII_B), b(x.hashI), { what: "HASH_I", why: "strongSwan sent this HASH_I in message 5: prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)." });
      expectBytes(hashR(x.hash, b(x.skeyid), t, IDIR_B), b(x.hashR), { what: "HASH_R", why: "strongSwan sent this HASH_R in message 6: the public values and cookies swap places (responder's first), SAi_b stays the initiator's." });
    });
  }
});

describe("step 2: random transcripts", () => {
  test("against HMAC from node:crypto", () => {
    const r = rng("auth-hash");
    for (const h of ["md5", "sha1", "sha256", "sha384", "sha512"] as const) {
      const t: Phase1Transcript = { gxi: r.bytes(128), gxr: r.bytes(128), ckyI: r.bytes(8), ckyR: r.bytes(8), saiB: r.bytes(r.int(20, 120)) };
      const skeyid = r.bytes(20);
      const id = r.bytes(r.int(5, 30));
      const mac = (data: Uint8Array) => new Uint8Array(createHmac(h, skeyid).update(data).digest());
      expectBytes(hashI(h, skeyid, t, id), mac(cat(t.gxi, t.gxr, t.ckyI, t.ckyR, t.saiB, id)), { what: `hashI("${h}", ...)` });
      expectBytes(hashR(h, skeyid, t, id), mac(cat(t.gxr, t.gxi, t.ckyR, t.ckyI, t.saiB, id)), { what: `hashR("${h}", ...)` });
    }
  });
});

describe("step 3: every input matters", () => {
  test("one flipped bit in the SA body changes both hashes", () => {
    const x = STRONGSWAN_EXCHANGES[0]!;
    const t: Phase1Transcript = { gxi: b(x.gxi), gxr: b(x.gxr), ckyI: b(x.ckyI), ckyR: b(x.ckyR), saiB: b(x.saiB) };
    const changed = { ...t, saiB: t.saiB.map((v, i) => (i === t.saiB.length - 1 ? v ^ 1 : v)) };
    const same = (p: Uint8Array, q: Uint8Array) => Buffer.from(p).equals(Buffer.from(q));
    expectTrue(!same(hashI(x.hash, b(x.skeyid), changed, IDII_B), b(x.hashI)) && !same(hashR(x.hash, b(x.skeyid), changed, IDIR_B), b(x.hashR)), "changing the last octet of SAi_b (the lifetime) left HASH_I or HASH_R unchanged.", "the hashes cover the initiator's offer so a man in the middle cannot weaken it: a shorter lifetime or a removed proposal must break them.");
  });
});
