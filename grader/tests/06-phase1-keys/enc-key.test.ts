/**
 * Hidden tests for 06-phase1-keys/enc-key: strongSwan's logged keys (AES-128
 * with SHA-1 takes SKEYID_e as it is; AES-256 with SHA2-256 too), and the
 * Appendix B expansion for AES-256 and 3DES with SHA-1 and MD5, computed here
 * with HMAC from node:crypto.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import type { HashName } from "@course/ike-algorithms.ts";
import { encryptionKey } from "@impl/06-phase1-keys/enc-key.ts";
import { STRONGSWAN_EXCHANGES } from "./strongswan-vectors.ts";
import { b, cat } from "./vectors.ts";

const hmac = (h: HashName, key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac(h, key).update(data).digest());

function ka(h: HashName, e: Uint8Array, n: number): Uint8Array {
  let k: Uint8Array<ArrayBufferLike> = hmac(h, e, b("00"));
  let out: Uint8Array<ArrayBufferLike> = k;
  while (out.length < n) {
    k = hmac(h, e, k);
    out = cat(out, k);
  }
  return out.slice(0, n);
}

describe("step 1: SKEYID_e long enough: its first octets", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const n = x.cipher === "aes128" ? 16 : 32;
      expectBytes(encryptionKey(x.hash, b(x.skeyid_e), n), b(x.encKey), { what: `encryptionKey("${x.hash}", SKEYID_e, ${n})`, why: `strongSwan logged this key: SKEYID_e has ${b(x.skeyid_e).length} octets, enough for ${n}, so the key is its first ${n} octets.` });
    });
  }
});

describe("step 2: SKEYID_e too short: K1 | K2 | ...", () => {
  test("AES-256 with SHA-1 (32 from 20), 3DES with SHA-1 (24 from 20), 3DES and AES-256 with MD5", () => {
    const r = rng("encryptionKey");
    for (const [h, n, label] of [["sha1", 32, "AES-256/SHA-1"], ["sha1", 24, "3DES/SHA-1"], ["md5", 24, "3DES/MD5"], ["md5", 32, "AES-256/MD5"], ["md5", 40, "40 octets from MD5 (K1 | K2 | K3)"]] as const) {
      const e = r.bytes(h === "sha1" ? 20 : 16);
      expectBytes(encryptionKey(h, e, n), ka(h, e, n), {
        what: `encryptionKey("${h}", SKEYID_e, ${n}) for ${label}`,
        why: "RFC 2409 Appendix B: K1 = prf(SKEYID_e, 0x00), K2 = prf(SKEYID_e, K1), ...; the key is the start of K1 | K2 | ..., and SKEYID_e itself is not in it.",
      });
    }
  });
  test("the same rule for every hash and length", () => {
    const r = rng("encryptionKey random");
    for (let i = 0; i < 20; i++) {
      const h = r.pick(["md5", "sha1", "sha256", "sha384", "sha512"] as const);
      const e = r.bytes({ md5: 16, sha1: 20, sha256: 32, sha384: 48, sha512: 64 }[h]);
      const n = r.int(1, 100);
      expectBytes(encryptionKey(h, e, n), e.length >= n ? e.slice(0, n) : ka(h, e, n), { what: `encryptionKey("${h}", ${e.length}-octet SKEYID_e, ${n})` });
    }
  });
});

describe("step 3: bad key lengths", () => {
  test("0, -1 and 2.5 octets", () => {
    for (const n of [0, -1, 2.5]) expectThrows(() => encryptionKey("sha1", new Uint8Array(20), n), { what: `encryptionKey("sha1", ..., ${n})`, error: "FieldError", field: "Key Length" });
  });
});
