/**
 * Hidden tests for 06-phase1-keys/prf: RFC 2202 and RFC 4868 HMAC vectors,
 * and random cases against node:crypto (OpenSSL).
 */
import { createHash, createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import type { HashName } from "@course/ike-algorithms.ts";
import { hash, prf } from "@impl/06-phase1-keys/prf.ts";
import { b } from "./vectors.ts";

const NAMES: readonly HashName[] = ["md5", "sha1", "sha256", "sha384", "sha512"];

describe("step 1: published HMAC vectors", () => {
  // RFC 2202 test case 2 (key "Jefe") and RFC 4868 section 2.7.2.1 AUTH256-1 / AUTH384-1 / AUTH512-1 (full PRF output).
  const jefe = b("4a656665");
  const what = b("7768617420646f2079612077616e7420666f72206e6f7468696e673f");
  const hiThere = b("4869205468657265");
  const cases: [HashName, Uint8Array, Uint8Array, string, string][] = [
    ["md5", jefe, what, "750c783e6ab0b503eaa86e310a5db738", "RFC 2202 section 2, test case 2"],
    ["sha1", jefe, what, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "RFC 2202 section 3, test case 2"],
    ["sha256", new Uint8Array(32).fill(0x0b), hiThere, "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7", "RFC 4868 AUTH256-1"],
    ["sha384", new Uint8Array(48).fill(0x0b), hiThere, "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc4c5df61d5b3297b4fb68dab9f1b582c2", "RFC 4868 AUTH384-1"],
    ["sha512", new Uint8Array(64).fill(0x0b), hiThere, "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b", "RFC 4868 AUTH512-1"],
  ];
  for (const [name, key, data, want, source] of cases) {
    test(`prf("${name}") on ${source}`, () => {
      expectBytes(prf(name, key, data), b(want), { what: `prf("${name}", key, data) for ${source}`, why: "RFC 2409 section 4: with no PRF negotiated, prf is the HMAC of the negotiated hash. These values are printed in the RFCs." });
    });
  }
  test("hash of \"abc\" (FIPS 180 and RFC 1321 examples)", () => {
    const abc = new TextEncoder().encode("abc");
    expectBytes(hash("md5", abc), b("900150983cd24fb0d6963f7d28e17f72"), { what: 'hash("md5", "abc")' });
    expectBytes(hash("sha1", abc), b("a9993e364706816aba3e25717850c26c9cd0d89d"), { what: 'hash("sha1", "abc")' });
    expectBytes(hash("sha256", abc), b("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), { what: 'hash("sha256", "abc")' });
  });
});

describe("step 2: random keys and messages, against OpenSSL", () => {
  test("every hash, keys shorter and longer than a block", () => {
    const r = rng("prf");
    for (const name of NAMES) {
      for (let i = 0; i < 6; i++) {
        const key = r.bytes(r.pick([0, 8, 20, 64, 129, 200]));
        const data = r.bytes(r.int(0, 400));
        expectBytes(prf(name, key, data), new Uint8Array(createHmac(name, key).update(data).digest()), { what: `prf("${name}", ${key.length}-octet key, ${data.length}-octet message)`, why: "HMAC hashes a key longer than the hash block first, and pads a shorter one: @noble/hashes' hmac does both." });
        expectBytes(hash(name, data), new Uint8Array(createHash(name).update(data).digest()), { what: `hash("${name}", ${data.length} octets)` });
      }
    }
  });
});

describe("step 3: unknown hash names", () => {
  for (const name of ["sha224", "SHA1", "toString", ""]) {
    test(JSON.stringify(name), () => {
      expectThrows(() => prf(name as HashName, new Uint8Array(4), new Uint8Array(4)), { what: `prf(${JSON.stringify(name)}, ...)`, error: "FieldError", field: "Hash Algorithm", why: "the five hashes of an IKEv1 proposal are md5, sha1, sha256, sha384 and sha512; anything else is a mistake to report, not to guess." });
      expectThrows(() => hash(name as HashName, new Uint8Array(4)), { what: `hash(${JSON.stringify(name)}, ...)`, error: "FieldError", field: "Hash Algorithm" });
    });
  }
});
