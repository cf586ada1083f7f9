/**
 * Exercise 12-ah/integrity: ICVs, and comparing them safely
 *
 * - `computeIcv(algorithm, key, data)`: HMAC (RFC 2104) of `data` with the
 *   algorithm's hash, truncated to its leftmost `icvBytes` bytes. The sizes
 *   are in INTEGRITY from "@course/ipsec-algorithms.ts": hmac-md5-96
 *   (MD5, 16-byte key, 12-byte ICV), hmac-sha1-96 (SHA-1, 20, 12),
 *   hmac-sha256-128 (SHA-256, 32, 16). Use `hmac` from
 *   "@noble/hashes/hmac.js", `md5` and `sha1` from "@noble/hashes/legacy.js",
 *   `sha256` from "@noble/hashes/sha2.js". A key of the wrong length is a
 *   `FieldError` "Integrity key" (value: the key's length). (`createHmac`
 *   from "node:crypto" gives the same bytes about three times faster; the
 *   reference uses it because the chapter 16 tunnel runs every packet
 *   through here.)
 * - `constantTimeEqual(a, b)`: true when the bytes are equal. Different
 *   lengths: false. Otherwise look at every byte, whatever you find (OR the
 *   XOR of each pair into one variable and test it once at the end): no
 *   early return, so the time does not depend on where the bytes differ.
 *
 * Lesson: lessons/12-ah.md#integrity
 */
import { todo } from "@course/todo.ts";
import type { IntegrityName } from "@course/ipsec-algorithms.ts";

export function computeIcv(algorithm: IntegrityName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return todo("computeIcv");
}

/** Equal bytes, in a time that depends only on the lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return todo("constantTimeEqual");
}
