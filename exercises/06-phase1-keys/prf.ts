/**
 * Exercise 06-phase1-keys/prf: the negotiated hash and its HMAC
 *
 * IKEv1 uses the Hash Algorithm attribute two ways (RFC 2409 section 4):
 * hash(data), the plain digest, and prf(key, data), which is HMAC with that
 * hash (RFC 2104) since no separate PRF is negotiated.
 *
 * 1. `hash(name, data)`: md5 and sha1 from "@noble/hashes/legacy.js",
 *    sha256, sha384, sha512 from "@noble/hashes/sha2.js".
 * 2. `prf(name, key, data)`: `hmac(hashFn, key, data)` from
 *    "@noble/hashes/hmac.js". Do not write HMAC yourself.
 *
 * Error: a name that is not one of the five → FieldError("Hash Algorithm",
 * name, reason). `ikeHash(name)` from "@course/ike-algorithms.ts" does that
 * check for you. Careful with a lookup table indexed by the name: "toString"
 * or "constructor" must be refused too.
 *
 * Lesson: lessons/06-phase1-keys.md#prf
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

export function hash(name: HashName, data: Uint8Array): Uint8Array {
  return todo("hash");
}

export function prf(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return todo("prf");
}
