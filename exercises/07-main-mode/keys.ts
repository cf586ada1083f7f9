/**
 * Exercise 07-main-mode/keys: from the state after messages 3 and 4 to the
 * keys of the IKE SA.
 *
 * Write:
 * - suiteAlgorithms(suite): { hash, cipher } names for the suite's numbers.
 *   hash: the IKE_HASHES entry ("@course/ike-algorithms.ts") whose id is
 *   suite.hash, else FieldError "Hash-Algorithm". cipher: encryption 5 is
 *   "3des" (a keyLength set with it: FieldError "Key-Length"); encryption 7
 *   is the AES of suite.keyLength bits ("aes128", "aes192", "aes256"; any
 *   other or none: FieldError "Key-Length"); anything else: FieldError
 *   "Encryption-Algorithm".
 * - phase1Keys(state): needs state.suite, x, gxi, gxr, ni, nr (a missing
 *   one: FieldError naming "Transform", "Private value", "Key Exchange Data"
 *   or "Nonce DATA"). Then, with chapters 05 and 06:
 *   g^xy = sharedSecret(group, x, the PEER's public value: gxr for an
 *   initiator, gxi for a responder); SKEYID = skeyidPsk(hash,
 *   config.psk, ni, nr); deriveKeys; encKey = encryptionKey(hash,
 *   SKEYID_e, the cipher's keyBytes); iv = phase1Iv(hash, gxi, gxr, the
 *   cipher's blockBytes). Returns { keys: { hash, cipher, skeyid, skeyid_d,
 *   skeyid_a, skeyid_e, encKey }, iv }.
 *
 * Lesson: lessons/07-main-mode.md#keys
 */
import { todo } from "@course/todo.ts";
import type { CipherName, HashName } from "@course/ike-algorithms.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Phase1Keys, Phase1State } from "./exchange.ts";

export function suiteAlgorithms(suite: IkeSuite): { hash: HashName; cipher: CipherName } {
  return todo("suiteAlgorithms");
}

export function phase1Keys(state: Phase1State): { keys: Phase1Keys; iv: Uint8Array } {
  return todo("phase1Keys");
}
