/**
 * Hidden tests for 06-phase1-keys/iv: strongSwan's initial IV and quick mode
 * IV for two real exchanges, and random cases against node:crypto's hashes.
 */
import { createHash } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectThrows, rng } from "@teach";
import { exchangeIv, phase1Iv } from "@impl/06-phase1-keys/iv.ts";
import { STRONGSWAN_EXCHANGES } from "./strongswan-vectors.ts";
import { b, cat } from "./vectors.ts";

const digest = (h: string, data: Uint8Array) => new Uint8Array(createHash(h).update(data).digest());

describe("step 1: strongSwan's IVs", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      expectBytes(phase1Iv(x.hash, b(x.gxi), b(x.gxr), 16), b(x.iv), { what: `phase1Iv("${x.hash}", g^xi, g^xr, 16)`, why: "strongSwan's initial IV: the plain hash (not the prf) of g^xi | g^xr, cut to the 16-octet AES block (RFC 2409 Appendix B)." });
      const m6 = b(x.message6);
      expectBytes(exchangeIv(x.hash, m6.slice(-16), x.quickModeMessageId, 16), b(x.quickModeIv), {
        what: `exchangeIv("${x.hash}", last block of message 6, 0x${x.quickModeMessageId.toString(16)}, 16)`,
        why: "strongSwan's first quick mode IV: hash(last phase-1 ciphertext block | M-ID as 4 octets), cut to the block size.",
      });
    });
  }
});

describe("step 2: random values, every hash, AES and 3DES blocks", () => {
  test("against node:crypto", () => {
    const r = rng("iv");
    for (const h of ["md5", "sha1", "sha256", "sha384", "sha512"] as const) {
      for (const block of [8, 16]) {
        const gxi = r.bytes(128);
        const gxr = r.bytes(128);
        expectBytes(phase1Iv(h, gxi, gxr, block), digest(h, cat(gxi, gxr)).slice(0, block), { what: `phase1Iv("${h}", ..., ${block})` });
        const last = r.bytes(block);
        const mid = r.int(0, 0xffffffff);
        const m = new Uint8Array(4);
        new DataView(m.buffer).setUint32(0, mid);
        expectBytes(exchangeIv(h, last, mid, block), digest(h, cat(last, m)).slice(0, block), { what: `exchangeIv("${h}", ..., 0x${mid.toString(16)}, ${block})`, why: "the Message ID is 4 big-endian octets; a value with the top bit set must not turn negative." });
      }
    }
  });
});

describe("step 3: bad arguments", () => {
  test("block sizes", () => {
    expectThrows(() => phase1Iv("md5", new Uint8Array(128), new Uint8Array(128), 17), { what: 'phase1Iv("md5", ..., 17)', error: "FieldError", field: "Block size", why: "an MD5 digest has 16 octets: there is no 17th to take." });
    expectThrows(() => phase1Iv("sha1", new Uint8Array(128), new Uint8Array(128), 0), { what: 'phase1Iv("sha1", ..., 0)', error: "FieldError", field: "Block size" });
  });
  test("a last block of the wrong length, a Message ID beyond 32 bits", () => {
    expectThrows(() => exchangeIv("sha1", new Uint8Array(8), 1, 16), { what: 'exchangeIv("sha1", an 8-octet block, 1, 16)', error: "FieldError", field: "Last phase 1 block", why: "the IV of a new exchange comes from one whole cipher block." });
    expectThrows(() => exchangeIv("sha1", new Uint8Array(16), 2 ** 32, 16), { what: 'exchangeIv("sha1", ..., 2^32, 16)', error: "FieldError", field: "Message ID" });
  });
});
