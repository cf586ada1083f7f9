/**
 * Exercise 06-phase1-keys/skeyid: SKEYID and SKEYID_d, SKEYID_a, SKEYID_e for
 * pre-shared keys (reference solution).
 *
 * RFC 2409 section 5:
 *   SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)
 *   SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 *   SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 *   SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 * The nonces are payload bodies (no generic header), the cookies the 8-octet
 * SPIs of the header, g^xy the fixed-length shared secret, and 0/1/2 single
 * octets. Each key chains in the previous one, so one wrong byte in SKEYID_d
 * spoils the other two as well.
 *
 * Lesson: lessons/06-phase1-keys.md#skeyid
 */
import { FieldError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { prf } from "./prf.ts";

export interface KeyMaterial {
  readonly skeyid_d: Uint8Array;
  readonly skeyid_a: Uint8Array;
  readonly skeyid_e: Uint8Array;
}

export function skeyidPsk(h: HashName, psk: Uint8Array, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return prf(h, psk, new ByteWriter().bytes(niB).bytes(nrB).finish());
}

function checkCookie(cookie: Uint8Array, field: string): void {
  if (cookie.length !== 8) throw new FieldError(field, cookie.length, "a cookie is exactly 8 octets (RFC 2408 section 3.1)");
}

export function deriveKeys(h: HashName, skeyid: Uint8Array, gxy: Uint8Array, ckyI: Uint8Array, ckyR: Uint8Array): KeyMaterial {
  checkCookie(ckyI, "Initiator SPI");
  checkCookie(ckyR, "Responder SPI");
  const step = (previous: Uint8Array, label: number) =>
    prf(h, skeyid, new ByteWriter().bytes(previous).bytes(gxy).bytes(ckyI).bytes(ckyR).u8(label).finish());
  const skeyid_d = step(new Uint8Array(0), 0);
  const skeyid_a = step(skeyid_d, 1);
  const skeyid_e = step(skeyid_a, 2);
  return { skeyid_d, skeyid_a, skeyid_e };
}
