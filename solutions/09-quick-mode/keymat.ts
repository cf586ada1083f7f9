/**
 * Exercise 09-quick-mode/keymat: the keys of an IPsec SA (reference
 * solution).
 *
 * RFC 2409 section 5.5:
 *   KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
 * with g(qm)^xy the quick mode Diffie-Hellman secret when PFS is on,
 * protocol the one-octet protocol ID (ESP 3, AH 2), SPI the 4-octet SPI of
 * the SA being keyed. When more octets are needed than one prf output,
 *   K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
 *   Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
 *   KEYMAT = K1 | K2 | K3 ...
 * Each SA is one direction, and its SPI is the one its RECEIVER chose, so
 * the two directions get different keys from the same nonces. The octets
 * are taken in order: the cipher key first, then the integrity key (what
 * strongSwan and Cisco do; RFC 2409 leaves the split to the algorithms).
 *
 * Lesson: lessons/09-quick-mode.md#keymat
 */
import { FieldError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { ENCRYPTION, INTEGRITY, type EncryptionName, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { prf } from "../06-phase1-keys/prf.ts";
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
  if (!Number.isInteger(bytes) || bytes < 1) throw new FieldError("KEYMAT length", bytes, "at least one octet");
  const seed = new ByteWriter()
    .bytes(input.gxy ?? new Uint8Array(0))
    .u8(input.protocolId, "Protocol ID")
    .u32(input.spi, "SPI")
    .bytes(input.niB)
    .bytes(input.nrB)
    .finish();
  const out = new ByteWriter();
  let k: Uint8Array = new Uint8Array(0);
  let have = 0;
  while (have < bytes) {
    // K1 has no predecessor: Kn-1 is empty for the first block.
    k = prf(input.hash, input.skeyidD, new ByteWriter().bytes(k).bytes(seed).finish());
    out.bytes(k);
    have += k.length;
  }
  return out.finish().slice(0, bytes);
}

/** One direction's keys: KEYMAT cut into the cipher key, then the integrity key. */
export function childKeys(input: KeymatInput, encryption: EncryptionName | undefined, integrity: IntegrityName | "none"): ChildKeys {
  const encBytes = encryption ? ENCRYPTION[encryption].keyBytes : 0;
  const integBytes = integrity === "none" ? 0 : INTEGRITY[integrity].keyBytes;
  if (encBytes + integBytes === 0) throw new FieldError("Transform", "none", "an SA with neither cipher nor integrity needs no keys");
  const km = keymat(input, encBytes + integBytes);
  return { spi: input.spi, encKey: km.slice(0, encBytes), integKey: km.slice(encBytes) };
}
