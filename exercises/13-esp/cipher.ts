/**
 * Exercise 13-esp/cipher: AES-CBC without padding
 *
 * RFC 3602. `aesCbcEncrypt(key, iv, plaintext)` and
 * `aesCbcDecrypt(key, iv, ciphertext)` with `cbc` from
 * "@noble/ciphers/aes.js", called with `{ disablePadding: true }`: ESP pads
 * its data itself (13-esp/padding), the cipher must add nothing. (OpenSSL
 * through "node:crypto", `createCipheriv("aes-128-cbc", key, iv)` with
 * `setAutoPadding(false)`, gives the same bytes several times faster; the
 * reference uses it for the chapter 16 tunnel's sake.)
 *
 * Check first, with `FieldError`s from "@course/errors.ts": a key that is
 * not 16, 24 or 32 bytes ("Encryption key", value: its length), an IV that
 * is not 16 bytes ("ESP IV"), data that is not a whole number of 16-byte
 * blocks ("ESP Decrypted Data" when encrypting, "ESP Encrypted Data" when
 * decrypting; value: the data's length).
 *
 * Lesson: lessons/13-esp.md#cipher
 */
import { todo } from "@course/todo.ts";

export const AES_BLOCK = 16;

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return todo("aesCbcEncrypt");
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return todo("aesCbcDecrypt");
}
