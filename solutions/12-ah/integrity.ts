/**
 * Exercise 12-ah/integrity: ICVs with HMAC-96 and HMAC-SHA-256-128 (reference solution).
 *
 * AH and ESP authenticate with a keyed hash, HMAC (RFC 2104), cut to its
 * leftmost bytes: 12 for HMAC-MD5-96 (RFC 2403) and HMAC-SHA-1-96 (RFC 2404),
 * 16 for HMAC-SHA-256-128 (RFC 4868). The receiver recomputes the ICV and
 * compares it in constant time, so the time a refusal takes says nothing
 * about how many leading bytes of a forged ICV were right.
 * Lesson: lessons/12-ah.md#integrity
 */
import { FieldError } from "@course/errors.ts";
import { equalBytes } from "@course/bytes.ts";
import { INTEGRITY, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { hmac } from "@noble/hashes/hmac.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";

const HASHES = { md5, sha1, sha256 } as const;

/** An HMAC in progress: feed it the message, then read the tag. */
interface Mac {
  update(data: Uint8Array): { digest(): Uint8Array };
}

/** An HMAC that has taken in its key and nothing else: a copy of it starts each message. */
interface Keyed {
  clone(): Mac;
}

/**
 * HMAC starts every message by hashing the key XOR ipad and the key XOR opad
 * (RFC 2104 section 2): two hash blocks that are the same for every packet of
 * an SA. An SA's integrity key is one Uint8Array for its whole life, so the
 * hash state after those two blocks is kept per key array and cloned for each
 * packet. The bytes the state was made from are kept too and compared, so a
 * key array whose contents changed gets a new state rather than a stale one.
 */
const keyed = new WeakMap<Uint8Array, { readonly hash: string; readonly key: Uint8Array; readonly state: Keyed }>();

function keyedHmac(hash: keyof typeof HASHES, key: Uint8Array): Mac {
  const cached = keyed.get(key);
  if (cached && cached.hash === hash && equalBytes(cached.key, key)) return cached.state.clone();
  const state = hmac.create(HASHES[hash], key);
  keyed.set(key, { hash, key: key.slice(), state });
  return state.clone();
}

export function computeIcv(algorithm: IntegrityName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const alg = INTEGRITY[algorithm];
  // The key length is fixed per algorithm (RFC 2403/2404 section 3, RFC 4868 section 2.1.1):
  // a wrong length means the SA was built wrong, and HMAC would silently accept it.
  if (key.length !== alg.keyBytes) throw new FieldError("Integrity key", key.length, `${algorithm} needs a ${alg.keyBytes}-byte key`);
  // Truncation keeps the leftmost bytes (RFC 2404 section 2, RFC 4868 section 2.3).
  return keyedHmac(alg.hash, key).update(data).digest().subarray(0, alg.icvBytes);
}

/** Equal bytes, in a time that depends only on the lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // No early exit: OR every difference together and look once at the end.
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
