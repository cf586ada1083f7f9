/**
 * Exercise 06-phase1-keys/auth-hash: HASH_I and HASH_R (reference solution).
 *
 * RFC 2409 section 5:
 *   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 * The responder swaps the public values and the cookies, but both hashes use
 * the initiator's SA body: what was offered, so a man in the middle cannot
 * strip proposals unnoticed. SAi_b and the ID bodies are the payload bodies as
 * they were on the wire, without their 4-octet generic headers.
 *
 * Lesson: lessons/06-phase1-keys.md#auth-hash
 */
import type { HashName } from "@course/ike-algorithms.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { prf } from "./prf.ts";

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
  return prf(h, skeyid, new ByteWriter().bytes(t.gxi).bytes(t.gxr).bytes(t.ckyI).bytes(t.ckyR).bytes(t.saiB).bytes(idiiB).finish());
}

export function hashR(h: HashName, skeyid: Uint8Array, t: Phase1Transcript, idirB: Uint8Array): Uint8Array {
  return prf(h, skeyid, new ByteWriter().bytes(t.gxr).bytes(t.gxi).bytes(t.ckyR).bytes(t.ckyI).bytes(t.saiB).bytes(idirB).finish());
}
