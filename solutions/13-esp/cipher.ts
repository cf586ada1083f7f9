/**
 * Exercise 13-esp/cipher: AES-CBC for ESP (reference solution).
 *
 * RFC 3602: AES in CBC mode with a 16-byte IV carried in the clear at the
 * start of the ESP payload. ESP pads the data itself (13-esp/padding), so the
 * cipher must add no padding of its own: the data is whole blocks already.
 * Lesson: lessons/13-esp.md#cipher
 */
import { FieldError } from "@course/errors.ts";
import { cbc } from "@noble/ciphers/aes.js";

export const AES_BLOCK = 16;

function check(key: Uint8Array, iv: Uint8Array, data: Uint8Array, field: string): void {
  // 128, 192 or 256 bits (RFC 3602 section 2.2); IPsec uses 128 and 256 here.
  if (![16, 24, 32].includes(key.length)) throw new FieldError("Encryption key", key.length, "AES keys are 16, 24 or 32 bytes");
  if (iv.length !== AES_BLOCK) throw new FieldError("ESP IV", iv.length, "the AES-CBC IV is one block, 16 bytes");
  if (data.length % AES_BLOCK !== 0) throw new FieldError(field, data.length, "CBC works on whole 16-byte blocks: pad first");
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  check(key, iv, plaintext, "ESP Decrypted Data");
  return cbc(key, iv, { disablePadding: true }).encrypt(plaintext);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  check(key, iv, ciphertext, "ESP Encrypted Data");
  return cbc(key, iv, { disablePadding: true }).decrypt(ciphertext);
}
