/**
 * Hidden tests for 06-phase1-keys/cbc: strongSwan's messages 5 and 6
 * decrypted with its logged key and IVs, and encrypted again to the same
 * bytes; RFC 3602 AES-CBC vectors; random cases against node:crypto.
 */
import { createCipheriv } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { IKE_CIPHERS, type CipherName } from "@course/ike-algorithms.ts";
import { decryptBody, encryptBody, padBody } from "@impl/06-phase1-keys/cbc.ts";
import { STRONGSWAN_EXCHANGES } from "./strongswan-vectors.ts";
import { b, cat } from "./vectors.ts";

/** Where the payloads end: walk the generic headers (next payload, reserved, length) from the first payload. */
function payloadEnd(plain: Uint8Array): number {
  let at = 0;
  for (;;) {
    const next = plain[at]!;
    at += (plain[at + 2]! << 8) | plain[at + 3]!;
    if (next === 0) return at;
  }
}

function opensslCbc(cipher: CipherName, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv(cipher === "3des" ? "des-ede3-cbc" : `aes-${key.length * 8}-cbc`, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

describe("step 1: padding", () => {
  test("zeros up to the next block, always at least one", () => {
    expectBytes(padBody(b("01 02 03"), 8), b("01 02 03 00 00 00 00 00"), { what: "padBody(3 octets, 8)" });
    expectBytes(padBody(new Uint8Array(36).fill(9), 16), cat(new Uint8Array(36).fill(9), new Uint8Array(12)), { what: "padBody(36 octets, 16)", why: "strongSwan's main mode message 6 in the interop suite: 36 octets of payloads, 12 zeros." });
    expectBytes(padBody(new Uint8Array(64).fill(9), 16), cat(new Uint8Array(64).fill(9), new Uint8Array(16)), { what: "padBody(64 octets, 16)", why: "a body that is already whole blocks gets a full block of zeros: strongSwan's message 5 (64 octets of payloads) went out as 80." });
  });
});

describe("step 2: strongSwan's messages 5 and 6", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      const key = b(x.encKey);
      const m5 = b(x.message5);
      const m6 = b(x.message6);
      const d5 = decryptBody(x.cipher, key, b(x.iv), m5);
      expectBytes(d5.plaintext.slice(0, 12), cat(b("08 00 000c"), b("01 00 0000 c0a80c01")), { what: "the first 12 octets of message 5, decrypted with the phase-1 IV", why: "an ID payload (next: HASH, length 12) holding ID_IPV4_ADDR 192.168.12.1: a wrong key or IV gives noise here." });
      expectBytes(d5.nextIv, m5.slice(-16), { what: "nextIv after message 5", why: "the IV of message 6 is the last ciphertext block of message 5, whichever side sent it." });
      const d6 = decryptBody(x.cipher, key, d5.nextIv, m6);
      expectBytes(d6.plaintext.slice(0, 12), cat(b("08 00 000c"), b("01 00 0000 c0a80c02")), { what: "the first 12 octets of message 6, decrypted with message 5's last block as IV", why: "the responder's ID: 192.168.12.2." });
      expectBytes(d6.plaintext.slice(16, 16 + b(x.hashR).length), b(x.hashR), { what: "the HASH_R payload's data in message 6" });
      for (const [label, d, m, iv] of [["message 5", d5, m5, b(x.iv)], ["message 6", d6, m6, d5.nextIv]] as const) {
        const body = d.plaintext.slice(0, payloadEnd(d.plaintext));
        expectBytes(encryptBody(x.cipher, key, iv, body).ciphertext, m, { what: `encryptBody of ${label}'s ${body.length} octets of payloads`, why: "padded with zeros as strongSwan pads, and encrypted with the same key and IV, the payloads give exactly the bytes strongSwan sent." });
      }
    });
  }
});

describe("step 3: AES and 3DES against RFC 3602 and OpenSSL", () => {
  test("RFC 3602 section 4, case 2: AES-128-CBC, two blocks", () => {
    const r = encryptBody("aes128", b("c286696d887c9aa0611bbb3e2025a45a"), b("562e17996d093d28ddb3ba695a2e6f58"), b("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").slice(0, 31));
    expectBytes(r.ciphertext.slice(0, 16), b("d296cd94c2cccf8a3a863028b5e1dc0a"), { what: "the first ciphertext block of RFC 3602 case 2", why: "the first block depends only on the key, the IV and the first 16 plaintext octets." });
  });
  test("random keys, IVs and bodies, every cipher, with the IV chain", () => {
    const r = rng("cbc");
    for (const name of Object.keys(IKE_CIPHERS) as CipherName[]) {
      const c = IKE_CIPHERS[name];
      const key = r.bytes(c.keyBytes);
      let iv = r.bytes(c.blockBytes);
      for (let i = 0; i < 4; i++) {
        const body = r.bytes(r.int(1, 90));
        const padded = padBody(body, c.blockBytes);
        const want = opensslCbc(name, key, iv, padded);
        const e = encryptBody(name, key, iv, body);
        expectBytes(e.ciphertext, want, { what: `encryptBody("${name}", ..., ${body.length} octets), message ${i + 1} of a chain` });
        const d = decryptBody(name, key, iv, want);
        expectBytes(d.plaintext, padded, { what: `decryptBody("${name}", ...) message ${i + 1}`, why: "decryption returns the padding too: the payload lengths, not the cipher, say where the data ends." });
        expectEqual(Buffer.from(d.nextIv).toString("hex"), Buffer.from(want.slice(-c.blockBytes)).toString("hex"), { what: `decryptBody("${name}").nextIv` });
        iv = e.nextIv;
      }
    }
  });
});

describe("step 4: bad input", () => {
  test("ciphertext that is not whole blocks, or empty", () => {
    expectThrows(() => decryptBody("aes128", new Uint8Array(16), new Uint8Array(16), new Uint8Array(40)), { what: "decryptBody(aes128, 40 octets)", error: "FieldError", field: "Encrypted Data", why: "CBC works on whole 16-octet blocks: 40 octets means a truncated or corrupted message." });
    expectThrows(() => decryptBody("3des", new Uint8Array(24), new Uint8Array(8), new Uint8Array(0)), { what: "decryptBody(3des, 0 octets)", error: "FieldError", field: "Encrypted Data" });
  });
  test("wrong key and IV lengths, an unknown cipher", () => {
    expectThrows(() => encryptBody("aes256", new Uint8Array(16), new Uint8Array(16), new Uint8Array(5)), { what: "encryptBody(aes256, a 16-octet key)", error: "FieldError", field: "Key Length", why: "AES-256 takes 32 octets: use encryptionKey's expansion, not SKEYID_e as it is." });
    expectThrows(() => encryptBody("3des", new Uint8Array(24), new Uint8Array(16), new Uint8Array(5)), { what: "encryptBody(3des, a 16-octet IV)", error: "FieldError", field: "IV", why: "3DES blocks are 8 octets: cut the phase-1 IV to 8." });
    expectThrows(() => encryptBody("des" as CipherName, new Uint8Array(8), new Uint8Array(8), new Uint8Array(5)), { what: 'encryptBody("des", ...)', error: "FieldError", field: "Encryption Algorithm" });
  });
});
