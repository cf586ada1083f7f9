/**
 * Exercise 06-phase1-keys/cbc: encrypting and decrypting a message body, with
 * the IV carried from message to message (reference solution).
 *
 * RFC 2409 Appendix B and RFC 2408 section 3.1: everything after the 28-octet
 * header is encrypted in CBC mode with the phase-1 key; the first message uses
 * the IV from the iv exercise, every later message of the same exchange the
 * last ciphertext block of the message before it, whichever side sent it.
 *
 * Padding: Appendix B says to pad "up to the nearest block size using bytes
 * containing 0x00"; section 5.3 describes a variant that always pads and puts
 * a count in the last octet. Receivers ignore the padding: the payload chain
 * (each generic header's length) says where the data ends. This course pads
 * as strongSwan 5.9 does: zero octets, always at least one, so a body that is
 * already a whole number of blocks gets a full block of zeros (observed in the
 * interop suite: a 64-octet main mode message 5 is sent as 80 octets).
 *
 * AES comes from @noble/ciphers (cbc without its PKCS#7 layer); @noble/ciphers
 * has no DES, so 3DES-CBC uses node:crypto's des-ede3-cbc, also unpadded.
 *
 * Lesson: lessons/06-phase1-keys.md#cbc
 */
import { createCipheriv, createDecipheriv } from "node:crypto";
import { cbc } from "@noble/ciphers/aes.js";
import { FieldError } from "@course/errors.ts";
import { ikeCipher, type CipherName, type IkeCipher } from "@course/ike-algorithms.ts";

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
  const padded = new Uint8Array(body.length + blockBytes - (body.length % blockBytes));
  padded.set(body);
  return padded;
}

function check(c: IkeCipher, key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== c.keyBytes) throw new FieldError("Key Length", key.length, `${c.name} takes a ${c.keyBytes}-octet key`);
  if (iv.length !== c.blockBytes) throw new FieldError("IV", iv.length, `${c.name} takes a ${c.blockBytes}-octet IV (one block)`);
}

function run(c: IkeCipher, key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  if (c.name === "3des") {
    const op = encrypt ? createCipheriv("des-ede3-cbc", key, iv) : createDecipheriv("des-ede3-cbc", key, iv);
    op.setAutoPadding(false);
    const out = Buffer.concat([op.update(data), op.final()]);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
  const aes = cbc(key, iv, { disablePadding: true });
  return encrypt ? aes.encrypt(data) : aes.decrypt(data);
}

const lastBlock = (data: Uint8Array, blockBytes: number) => data.slice(data.length - blockBytes);

export function encryptBody(cipher: CipherName, key: Uint8Array, iv: Uint8Array, body: Uint8Array): Encrypted {
  const c = ikeCipher(cipher);
  check(c, key, iv);
  const ciphertext = run(c, key, iv, padBody(body, c.blockBytes), true);
  return { ciphertext, nextIv: lastBlock(ciphertext, c.blockBytes) };
}

export function decryptBody(cipher: CipherName, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Decrypted {
  const c = ikeCipher(cipher);
  check(c, key, iv);
  if (ciphertext.length === 0 || ciphertext.length % c.blockBytes !== 0) {
    throw new FieldError("Encrypted Data", ciphertext.length, `must be a whole number of ${c.blockBytes}-octet blocks, at least one`);
  }
  return { plaintext: run(c, key, iv, ciphertext, false), nextIv: lastBlock(ciphertext, c.blockBytes) };
}
