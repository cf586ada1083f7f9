/**
 * Exercise 09-quick-mode/keymat: the keys of an IPsec SA.
 *
 * RFC 2409 section 5.5, prf from ../06-phase1-keys/prf.ts:
 *
 *   seed   = [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b
 *   K1     = prf(SKEYID_d, seed)
 *   Kn     = prf(SKEYID_d, Kn-1 | seed)
 *   KEYMAT = K1 | K2 | ... cut to the length needed
 *
 * protocol is one octet (ESP 3, AH 2), SPI four big-endian octets: the SPI
 * of THIS SA, which the side that receives on it chose; g(qm)^xy (only with
 * PFS) is the quick mode Diffie-Hellman secret in its fixed length. The
 * nonces are always in the order Ni_b, Nr_b (initiator's first), whichever
 * side computes.
 *
 * 1. `keymat(input, bytes)`: `bytes` octets of KEYMAT. bytes not a whole
 *    number >= 1 -> FieldError("KEYMAT length", bytes, reason).
 * 2. `childKeys(input, encryption, integrity)`: one direction's ChildKeys:
 *    { spi: input.spi, encKey, integKey }, KEYMAT of the two key sizes
 *    together (ENCRYPTION[...].keyBytes, INTEGRITY[...].keyBytes from
 *    "@course/ipsec-algorithms.ts"), cut into the cipher key first, then
 *    the integrity key. AH: no cipher (encryption undefined, encKey empty);
 *    ESP without integrity ("none"): integKey empty. Neither -> FieldError
 *    ("Transform", "none", reason).
 *
 * Lesson: lessons/09-quick-mode.md#keymat
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import type { EncryptionName, IntegrityName } from "@course/ipsec-algorithms.ts";
import type { ChildKeys } from "./proxy-id.ts";

export interface KeymatInput {
  readonly hash: HashName;
  readonly skeyidD: Uint8Array;
  /** 2 (AH) or 3 (ESP). */
  readonly protocolId: number;
  /** The SPI of this direction's SA: chosen by the side that receives on it. */
  readonly spi: number;
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  /** g(qm)^xy with PFS, as fixed-length octets; absent without PFS. */
  readonly gxy?: Uint8Array;
}

export function keymat(input: KeymatInput, bytes: number): Uint8Array {
  return todo("keymat");
}

export function childKeys(input: KeymatInput, encryption: EncryptionName | undefined, integrity: IntegrityName | "none"): ChildKeys {
  return todo("childKeys");
}
