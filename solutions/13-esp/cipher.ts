/**
 * Exercise 13-esp/cipher: AES-CBC for ESP (reference solution).
 *
 * RFC 3602: AES in CBC mode with a 16-byte IV carried in the clear at the
 * start of the ESP payload. ESP pads the data itself (13-esp/padding), so the
 * cipher must add no padding of its own: the data is whole blocks already.
 *
 * The reference calls OpenSSL through node:crypto rather than @noble/ciphers'
 * `cbc` (which the exercise suggests, and which gives the same bytes): the
 * capstone tunnel runs every packet through here, and OpenSSL's AES, using
 * the processor's AES instructions, is several times faster than AES in
 * JavaScript (`npm run bench` prints both). strongSwan's openssl plugin does
 * the same.
 * Lesson: lessons/13-esp.md#cipher
 */
import { FieldError } from "@course/errors.ts";
import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from "node:crypto";

export const AES_BLOCK = 16;

/** OpenSSL's name for AES-CBC with each key size (RFC 3602 section 2.2: 128, 192 or 256 bits). */
const CBC_BY_KEY_BYTES: Readonly<Record<number, string>> = { 16: "aes-128-cbc", 24: "aes-192-cbc", 32: "aes-256-cbc" };

function check(key: Uint8Array, iv: Uint8Array, data: Uint8Array, field: string): string {
  const name = CBC_BY_KEY_BYTES[key.length];
  if (name === undefined) throw new FieldError("Encryption key", key.length, "AES keys are 16, 24 or 32 bytes");
  if (iv.length !== AES_BLOCK) throw new FieldError("ESP IV", iv.length, "the AES-CBC IV is one block, 16 bytes");
  if (data.length % AES_BLOCK !== 0) throw new FieldError(field, data.length, "CBC works on whole 16-byte blocks: pad first");
  return name;
}

/** Runs whole blocks through a cipher without padding: `final` adds nothing, so `update` gives every output byte. */
function run(cipher: Cipher | Decipher, data: Uint8Array): Uint8Array {
  const out = cipher.setAutoPadding(false).update(data);
  cipher.final();
  // A plain Uint8Array over the same bytes: a Buffer's slice() would share them rather than copy.
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return run(createCipheriv(check(key, iv, plaintext, "ESP Decrypted Data"), key, iv), plaintext);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return run(createDecipheriv(check(key, iv, ciphertext, "ESP Encrypted Data"), key, iv), ciphertext);
}
