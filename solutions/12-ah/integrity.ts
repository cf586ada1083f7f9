/**
 * Exercise 12-ah/integrity: ICVs with HMAC-96 and HMAC-SHA-256-128 (reference solution).
 *
 * AH and ESP authenticate with a keyed hash, HMAC (RFC 2104), cut to its
 * leftmost bytes: 12 for HMAC-MD5-96 (RFC 2403) and HMAC-SHA-1-96 (RFC 2404),
 * 16 for HMAC-SHA-256-128 (RFC 4868). The receiver recomputes the ICV and
 * compares it in constant time, so the time a refusal takes says nothing
 * about how many leading bytes of a forged ICV were right.
 *
 * The reference computes HMAC with OpenSSL through node:crypto rather than
 * @noble/hashes (which the exercise suggests, and which gives the same
 * bytes): every ESP packet of the capstone tunnel is authenticated here, and
 * OpenSSL's SHA-1 is about three times faster than SHA-1 in JavaScript
 * (`npm run bench` prints both).
 * Lesson: lessons/12-ah.md#integrity
 */
import { FieldError } from "@course/errors.ts";
import { INTEGRITY, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { createHmac } from "node:crypto";

export function computeIcv(algorithm: IntegrityName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const alg = INTEGRITY[algorithm];
  // The key length is fixed per algorithm (RFC 2403/2404 section 3, RFC 4868 section 2.1.1):
  // a wrong length means the SA was built wrong, and HMAC would silently accept it.
  if (key.length !== alg.keyBytes) throw new FieldError("Integrity key", key.length, `${algorithm} needs a ${alg.keyBytes}-byte key`);
  // Truncation keeps the leftmost bytes (RFC 2404 section 2, RFC 4868 section 2.3).
  const mac = createHmac(alg.hash, key).update(data).digest();
  return new Uint8Array(mac.buffer, mac.byteOffset, alg.icvBytes);
}

/** Equal bytes, in a time that depends only on the lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // No early exit: OR every difference together and look once at the end.
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
