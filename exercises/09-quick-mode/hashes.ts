/**
 * Exercise 09-quick-mode/hashes: HASH(1), HASH(2) and HASH(3), which
 * authenticate the three quick mode messages.
 *
 * RFC 2409 section 5.5, prf = the negotiated HMAC (prf from
 * ../06-phase1-keys/prf.ts), SKEYID_a from phase 1, M-ID the Message ID as
 * 4 big-endian octets:
 *
 * 1. `quickHash1(h, skeyidA, messageId, afterHash)`
 *      = prf(SKEYID_a, M-ID | afterHash)
 * 2. `quickHash2(h, skeyidA, messageId, niB, afterHash)`
 *      = prf(SKEYID_a, M-ID | Ni_b | afterHash)
 * 3. `quickHash3(h, skeyidA, messageId, niB, nrB)`
 *      = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)   (0 is one octet)
 *    Ni_b, Nr_b: the nonce bodies, without payload headers.
 * 4. `afterHash(m)`: the octets HASH(1)/HASH(2) cover: all payloads after
 *    the first one, with their generic headers, as they are encoded (not
 *    the encryption padding). Encode a message holding `m.payloads.slice(1)`
 *    with chapter 03's encodeMessage (the E flag cleared) and drop the
 *    28-octet header. If the first payload is not a HASH ->
 *    NegotiationError(INVALID_HASH_INFORMATION (23), "Next payload", reason).
 * 5. `receivedHash(m)`: the Hash DATA of the first payload; the same error
 *    if it is not a HASH.
 * 6. `checkHash(which, received, expected)`: returns if the two are equal
 *    (same length, every octet), else NegotiationError(
 *    INVALID_HASH_INFORMATION, "Hash DATA", reason naming `which`, e.g.
 *    "HASH(2)"). Compare every octet even after a difference is found.
 *
 * Lesson: lessons/09-quick-mode.md#hashes
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";

export function quickHash1(h: HashName, skeyidA: Uint8Array, messageId: number, afterHash: Uint8Array): Uint8Array {
  return todo("quickHash1");
}

export function quickHash2(h: HashName, skeyidA: Uint8Array, messageId: number, niB: Uint8Array, afterHash: Uint8Array): Uint8Array {
  return todo("quickHash2");
}

export function quickHash3(h: HashName, skeyidA: Uint8Array, messageId: number, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return todo("quickHash3");
}

export function afterHash(m: IsakmpMessage): Uint8Array {
  return todo("afterHash");
}

export function receivedHash(m: IsakmpMessage): Uint8Array {
  return todo("receivedHash");
}

export function checkHash(which: string, received: Uint8Array, expected: Uint8Array): void {
  return todo("checkHash");
}
