/**
 * Exercise 06-phase1-keys/enc-key: the cipher key from SKEYID_e
 *
 * Write `encryptionKey(h, skeyidE, keyBytes)` (RFC 2409 Appendix B):
 *   - if SKEYID_e has at least keyBytes octets, the key is its first keyBytes;
 *   - otherwise expand: K1 = prf(SKEYID_e, 0x00) (one zero octet),
 *     K2 = prf(SKEYID_e, K1), K3 = prf(SKEYID_e, K2), ... and the key is the
 *     first keyBytes octets of K1 | K2 | K3 ... (SKEYID_e itself is not part
 *     of it).
 * With SHA-1 (20 octets): AES-128 takes SKEYID_e's first 16 octets, AES-256
 * (32) and 3DES (24) take K1 | K2 cut to size.
 *
 * Error: keyBytes not a whole number >= 1 → FieldError("Key Length", keyBytes, reason).
 *
 * Lesson: lessons/06-phase1-keys.md#enc-key
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

export function encryptionKey(h: HashName, skeyidE: Uint8Array, keyBytes: number): Uint8Array {
  return todo("encryptionKey");
}
