/**
 * Exercise 06-phase1-keys/prf: the negotiated hash and its HMAC (reference
 * solution).
 *
 * IKEv1 uses two functions of the Hash Algorithm attribute: hash(x), the
 * plain digest (phase-1 IV, NAT-D), and prf(key, x). RFC 2409 section 4 says
 * that when no PRF attribute is negotiated (always, in practice: RFC 2409
 * defines none) the prf is the HMAC version of the hash (RFC 2104).
 *
 * Lesson: lessons/06-phase1-keys.md#prf
 */
import { hmac } from "@noble/hashes/hmac.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { ikeHash, type HashName } from "@course/ike-algorithms.ts";

const HASHES = { md5, sha1, sha256, sha384, sha512 } as const;

function hashFunction(name: HashName) {
  // ikeHash throws the FieldError ("Hash Algorithm") for an unknown name.
  return HASHES[ikeHash(name).name];
}

export function hash(name: HashName, data: Uint8Array): Uint8Array {
  return hashFunction(name)(data);
}

export function prf(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(hashFunction(name), key, data);
}
