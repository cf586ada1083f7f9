/**
 * Exercise 06-phase1-keys/cbc: encrypting and decrypting a message body,
 * with the IV carried from message to message
 *
 * From main mode message 5 on, everything after the 28-octet ISAKMP header is
 * encrypted in CBC mode (RFC 2409 Appendix B). The cipher comes from
 * "@course/ike-algorithms.ts" (ikeCipher(name): keyBytes, blockBytes).
 *
 * 1. `padBody(body, blockBytes)`: the body followed by zero octets up to the
 *    next multiple of blockBytes, always at least one (a body that is
 *    already a whole number of blocks gets a full block of zeros), as
 *    strongSwan does.
 * 2. `encryptBody(cipher, key, iv, body)`: pad, encrypt in CBC mode; return
 *    { ciphertext, nextIv: the last ciphertext block }.
 * 3. `decryptBody(cipher, key, iv, ciphertext)`: decrypt; return
 *    { plaintext (padding included: the payload lengths say where the data
 *    ends), nextIv: the last ciphertext block }.
 *
 * Primitives: AES-CBC is `cbc(key, iv, { disablePadding: true })` from
 * "@noble/ciphers/aes.js" (its default PKCS#7 padding is not IKE's).
 * @noble/ciphers has no DES, so 3DES-CBC is node:crypto's
 * createCipheriv("des-ede3-cbc", key, iv) / createDecipheriv with
 * setAutoPadding(false).
 *
 * Errors (FieldError): an unknown cipher → "Encryption Algorithm" (ikeCipher
 * does it); a key of the wrong length → "Key Length"; an IV that is not one
 * block → "IV"; ciphertext that is empty or not a whole number of blocks →
 * "Encrypted Data" (value: its length).
 *
 * Lesson: lessons/06-phase1-keys.md#cbc
 */
import { todo } from "@course/todo.ts";
import type { CipherName } from "@course/ike-algorithms.ts";

export interface Encrypted {
  readonly ciphertext: Uint8Array;
  /** The last ciphertext block: the IV of the next message in this exchange. */
  readonly nextIv: Uint8Array;
}

export interface Decrypted {
  /** The payloads followed by the sender's padding. */
  readonly plaintext: Uint8Array;
  readonly nextIv: Uint8Array;
}

export function padBody(body: Uint8Array, blockBytes: number): Uint8Array {
  return todo("padBody");
}

export function encryptBody(cipher: CipherName, key: Uint8Array, iv: Uint8Array, body: Uint8Array): Encrypted {
  return todo("encryptBody");
}

export function decryptBody(cipher: CipherName, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Decrypted {
  return todo("decryptBody");
}
