/**
 * Exercise 06-phase1-keys/auth-hash: HASH_I and HASH_R
 *
 * RFC 2409 section 5, with prf from ./prf.ts:
 *
 *   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 *
 * HASH_R swaps the public values and the cookies, but keeps the initiator's
 * SA body. SAi_b is the body of message 1's SA payload, IDii_b / IDir_b the
 * bodies of the ID payloads of messages 5 / 6 (ID type, protocol, port,
 * data), all without their 4-octet generic headers, exactly as on the wire.
 *
 * Write `hashI(h, skeyid, transcript, idiiB)` and `hashR(h, skeyid,
 * transcript, idirB)`.
 *
 * Lesson: lessons/06-phase1-keys.md#auth-hash
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

export interface Phase1Transcript {
  /** The initiator's and responder's Key Exchange Data (fixed length). */
  readonly gxi: Uint8Array;
  readonly gxr: Uint8Array;
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  /** The body of the initiator's SA payload (DOI, situation, proposals). */
  readonly saiB: Uint8Array;
}

export function hashI(h: HashName, skeyid: Uint8Array, t: Phase1Transcript, idiiB: Uint8Array): Uint8Array {
  return todo("hashI");
}

export function hashR(h: HashName, skeyid: Uint8Array, t: Phase1Transcript, idirB: Uint8Array): Uint8Array {
  return todo("hashR");
}
