/** Hidden tests for 13-esp/cipher: AES-CBC on RFC 3602 section 4's cases, with no padding of the cipher's own. */
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import { aesCbcDecrypt, aesCbcEncrypt } from "@impl/13-esp/cipher.ts";
import * as ref from "@ref/13-esp/cipher.ts";
import { CBC_CASES, ESP_CASES } from "./vectors.ts";

describe("step 1: RFC 3602 cases 1-4", () => {
  test("encrypt gives the RFC's ciphertext, exactly as long as the plaintext", () => {
    for (const c of CBC_CASES) {
      expectBytes(aesCbcEncrypt(c.key, c.iv, c.plaintext), c.ciphertext, {
        what: `aesCbcEncrypt(RFC 3602 case ${c.case}, ${c.plaintext.length} bytes)`,
        why: "a 16-byte extra block at the end means the cipher added PKCS#7 padding: pass { disablePadding: true }, ESP pads by itself.",
      });
    }
  });
  test("decrypt gives the plaintext back", () => {
    for (const c of CBC_CASES) expectBytes(aesCbcDecrypt(c.key, c.iv, c.ciphertext), c.plaintext, { what: `aesCbcDecrypt(RFC 3602 case ${c.case})` });
  });
  test("RFC 3602 cases 5-8: the ESP payloads", () => {
    for (const c of ESP_CASES) {
      const ct = c.espPacket.subarray(24);
      expectBytes(aesCbcEncrypt(c.key, c.iv, c.plaintextBeforeEncryption), ct, { what: `aesCbcEncrypt(RFC 3602 case ${c.case}: ${c.title})` });
    }
  });
});

describe("step 2: AES-256 and random data agree with the reference", () => {
  test("random keys of 16 and 32 bytes, random whole blocks", () => {
    const r = rng("cbc random");
    for (let i = 0; i < 20; i++) {
      const key = r.bytes(r.pick([16, 32]));
      const iv = r.bytes(16);
      const pt = r.bytes(16 * r.int(1, 20));
      const ct = ref.aesCbcEncrypt(key, iv, pt);
      expectBytes(aesCbcEncrypt(key, iv, pt), ct, { what: `aesCbcEncrypt(${key.length * 8}-bit key, ${pt.length} bytes)` });
      expectBytes(aesCbcDecrypt(key, iv, ct), pt, { what: `aesCbcDecrypt(${key.length * 8}-bit key, ${pt.length} bytes)` });
    }
  });
});

describe("step 3: wrong sizes are refused", () => {
  const c = CBC_CASES[0]!;
  test("data that is not whole blocks, a short IV, a 15-byte key", () => {
    expectThrows(() => aesCbcEncrypt(c.key, c.iv, new Uint8Array(17)), { what: "aesCbcEncrypt(17 bytes)", error: "FieldError", field: "ESP Decrypted Data", why: "pad first (13-esp/padding): CBC needs whole 16-byte blocks." });
    expectThrows(() => aesCbcDecrypt(c.key, c.iv, new Uint8Array(33)), { what: "aesCbcDecrypt(33 bytes)", error: "FieldError", field: "ESP Encrypted Data", why: "a ciphertext that is not whole blocks was cut or damaged." });
    expectThrows(() => aesCbcEncrypt(c.key, new Uint8Array(8), c.plaintext), { what: "aesCbcEncrypt(an 8-byte IV)", error: "FieldError", field: "ESP IV" });
    expectThrows(() => aesCbcEncrypt(new Uint8Array(15), c.iv, c.plaintext), { what: "aesCbcEncrypt(a 15-byte key)", error: "FieldError", field: "Encryption key" });
  });
});
