/**
 * Exercise 06-phase1-keys/skeyid: SKEYID and SKEYID_d, SKEYID_a, SKEYID_e
 * for pre-shared keys
 *
 * RFC 2409 section 5, with prf from ./prf.ts and | meaning "followed by":
 *
 *   SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)
 *   SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0x00)
 *   SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 0x01)
 *   SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 0x02)
 *
 * Ni_b and Nr_b are the nonce payload bodies (no generic header), g^xy the
 * fixed-length shared secret, CKY-I / CKY-R the 8-octet cookies, and the last
 * item a single octet. ByteWriter (../01-bytes/writer.ts) assembles the input.
 *
 * 1. `skeyidPsk(h, psk, niB, nrB)`.
 * 2. `deriveKeys(h, skeyid, gxy, ckyI, ckyR)` → { skeyid_d, skeyid_a, skeyid_e }.
 *    Error: a cookie that is not 8 octets → FieldError("Initiator SPI" or
 *    "Responder SPI", its length, reason).
 *
 * Lesson: lessons/06-phase1-keys.md#skeyid
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

export interface KeyMaterial {
  readonly skeyid_d: Uint8Array;
  readonly skeyid_a: Uint8Array;
  readonly skeyid_e: Uint8Array;
}

export function skeyidPsk(h: HashName, psk: Uint8Array, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return todo("skeyidPsk");
}

export function deriveKeys(h: HashName, skeyid: Uint8Array, gxy: Uint8Array, ckyI: Uint8Array, ckyR: Uint8Array): KeyMaterial {
  return todo("deriveKeys");
}
