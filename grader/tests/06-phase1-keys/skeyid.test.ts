/**
 * Hidden tests for 06-phase1-keys/skeyid: strongSwan's logged SKEYIDs for two
 * real exchanges, and random cases against HMAC from node:crypto.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import type { HashName } from "@course/ike-algorithms.ts";
import { deriveKeys, skeyidPsk } from "@impl/06-phase1-keys/skeyid.ts";
import { STRONGSWAN_EXCHANGES } from "./strongswan-vectors.ts";
import { b, cat } from "./vectors.ts";

const hmac = (h: HashName, key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac(h, key).update(data).digest());

describe("step 1: strongSwan's exchanges", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const skeyid = skeyidPsk(x.hash, new TextEncoder().encode(x.psk), b(x.ni), b(x.nr));
      expectBytes(skeyid, b(x.skeyid), { what: `skeyidPsk("${x.hash}", "cisco123", Ni_b, Nr_b)`, why: "strongSwan logged this SKEYID: prf(pre-shared key, Ni_b | Nr_b), the initiator's nonce first (RFC 2409 section 5)." });
      const keys = deriveKeys(x.hash, b(x.skeyid), b(x.gxy), b(x.ckyI), b(x.ckyR));
      expectBytes(keys.skeyid_d, b(x.skeyid_d), { what: "SKEYID_d", why: "prf(SKEYID, g^xy | CKY-I | CKY-R | 0x00), as strongSwan logged it." });
      expectBytes(keys.skeyid_a, b(x.skeyid_a), { what: "SKEYID_a", why: "prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 0x01): SKEYID_d goes in front." });
      expectBytes(keys.skeyid_e, b(x.skeyid_e), { what: "SKEYID_e", why: "prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 0x02)." });
    });
  }
});

describe("step 2: random inputs, every hash", () => {
  test("against HMAC from node:crypto", () => {
    const r = rng("skeyid");
    for (const h of ["md5", "sha1", "sha256", "sha384", "sha512"] as const) {
      const psk = r.bytes(r.int(1, 40));
      const ni = r.bytes(r.int(8, 64));
      const nr = r.bytes(r.int(8, 64));
      const gxy = r.bytes(r.pick([96, 128, 256]));
      const ci = r.bytes(8);
      const cr = r.bytes(8);
      const skeyid = hmac(h, psk, cat(ni, nr));
      expectBytes(skeyidPsk(h, psk, ni, nr), skeyid, { what: `skeyidPsk("${h}", ...)` });
      const d = hmac(h, skeyid, cat(gxy, ci, cr, b("00")));
      const a = hmac(h, skeyid, cat(d, gxy, ci, cr, b("01")));
      const e = hmac(h, skeyid, cat(a, gxy, ci, cr, b("02")));
      const got = deriveKeys(h, skeyid, gxy, ci, cr);
      expectBytes(got.skeyid_d, d, { what: `deriveKeys("${h}").skeyid_d` });
      expectBytes(got.skeyid_a, a, { what: `deriveKeys("${h}").skeyid_a` });
      expectBytes(got.skeyid_e, e, { what: `deriveKeys("${h}").skeyid_e` });
    }
  });
});

describe("step 3: cookies must be 8 octets", () => {
  test("a 7-octet initiator cookie, a 9-octet responder cookie", () => {
    const s = new Uint8Array(20);
    expectThrows(() => deriveKeys("sha1", s, new Uint8Array(128), new Uint8Array(7), new Uint8Array(8)), { what: "deriveKeys with a 7-octet CKY-I", error: "FieldError", field: "Initiator SPI", why: "a cookie fills the 8-octet SPI of the ISAKMP header (RFC 2408 section 3.1); a shorter one shifts every later octet of the prf input." });
    expectThrows(() => deriveKeys("sha1", s, new Uint8Array(128), new Uint8Array(8), new Uint8Array(9)), { what: "deriveKeys with a 9-octet CKY-R", error: "FieldError", field: "Responder SPI" });
  });
});
