/**
 * Exercise 06-phase1-keys/enc-key: the cipher key from SKEYID_e (reference
 * solution).
 *
 * RFC 2409 Appendix B: the key is the first bytes of SKEYID_e when it is long
 * enough. When it is not (AES-256 or 3DES with SHA-1, AES-192 or more with
 * MD5), SKEYID_e is expanded by feedback:
 *   Ka = K1 | K2 | K3 | ...,  K1 = prf(SKEYID_e, 0),  Kn = prf(SKEYID_e, Kn-1)
 * where 0 is one zero octet, and the key is the first bytes of Ka. Note that
 * the expanded key does not start with SKEYID_e itself.
 *
 * Lesson: lessons/06-phase1-keys.md#enc-key
 */
import { FieldError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { prf } from "./prf.ts";

export function encryptionKey(h: HashName, skeyidE: Uint8Array, keyBytes: number): Uint8Array {
  if (!Number.isInteger(keyBytes) || keyBytes < 1) throw new FieldError("Key Length", keyBytes, "must be a whole number of octets, 1 or more");
  if (skeyidE.length >= keyBytes) return skeyidE.slice(0, keyBytes);
  const ka = new Uint8Array(keyBytes);
  let k = prf(h, skeyidE, new Uint8Array([0]));
  for (let filled = 0; ; k = prf(h, skeyidE, k)) {
    ka.set(k.subarray(0, keyBytes - filled), filled);
    filled += k.length;
    if (filled >= keyBytes) return ka;
  }
}
