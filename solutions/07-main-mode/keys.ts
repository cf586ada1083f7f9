/**
 * Exercise 07-main-mode/keys: from the state after messages 3 and 4 to the
 * keys of the IKE SA (reference solution).
 *
 * Everything is chapter 05 and 06 put together in the order RFC 2409
 * section 5 gives: g^xy from our private value and the peer's public value
 * (checked first), SKEYID = prf(PSK, Ni_b | Nr_b) (section 5.4, pre-shared
 * keys), SKEYID_d, SKEYID_a, SKEYID_e, the cipher key (Appendix B when
 * SKEYID_e is too short) and the first IV, hash(g^xi | g^xr) cut to one
 * block. Both sides compute the same values: the initiator's x goes with
 * g^xr, the responder's with g^xi, and nonces and public values always go in
 * initiator-then-responder order whoever computes.
 *
 * Lesson: lessons/07-main-mode.md#keys
 */
import { FieldError } from "@course/errors.ts";
import { IKE_CIPHERS, IKE_HASHES, type CipherName, type HashName } from "@course/ike-algorithms.ts";
import { Encryption } from "@course/isakmp-attributes.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { sharedSecret } from "../05-diffie-hellman/shared-secret.ts";
import { encryptionKey } from "../06-phase1-keys/enc-key.ts";
import { phase1Iv } from "../06-phase1-keys/iv.ts";
import { deriveKeys, skeyidPsk } from "../06-phase1-keys/skeyid.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Phase1Keys, Phase1State } from "./exchange.ts";

/** The algorithm names behind a suite's attribute numbers (RFC 2409 Appendix A, RFC 3602, RFC 4868). */
export function suiteAlgorithms(suite: IkeSuite): { hash: HashName; cipher: CipherName } {
  const hash = Object.values(IKE_HASHES).find((h) => h.id === suite.hash);
  if (!hash) throw new FieldError("Hash-Algorithm", suite.hash, "this course does MD5 (1), SHA (2), SHA2-256 (4), SHA2-384 (5) and SHA2-512 (6)");
  if (suite.encryption === Encryption.TRIPLE_DES_CBC) {
    if (suite.keyLength !== undefined) throw new FieldError("Key-Length", suite.keyLength, "3DES has a fixed key: no Key-Length attribute");
    return { hash: hash.name, cipher: "3des" };
  }
  if (suite.encryption !== Encryption.AES_CBC) throw new FieldError("Encryption-Algorithm", suite.encryption, "this course does AES-CBC (7) and 3DES-CBC (5)");
  // RFC 3602 section 5.3: AES in IKE always names its key length.
  const aes = Object.values(IKE_CIPHERS).find((c) => c.id === Encryption.AES_CBC && c.keyBytes * 8 === suite.keyLength);
  if (!aes) throw new FieldError("Key-Length", suite.keyLength ?? "none", "AES-CBC takes a Key-Length of 128, 192 or 256");
  return { hash: hash.name, cipher: aes.name };
}

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new FieldError(field, "missing", "the exchange state must hold it before the keys can be derived (messages 3 and 4)");
  return value;
}

export function phase1Keys(state: Phase1State): { keys: Phase1Keys; iv: Uint8Array } {
  const suite = need(state.suite, "Transform");
  const x = need(state.x, "Private value");
  const gxi = need(state.gxi, "Key Exchange Data");
  const gxr = need(state.gxr, "Key Exchange Data");
  const ni = need(state.ni, "Nonce DATA");
  const nr = need(state.nr, "Nonce DATA");
  const { hash, cipher } = suiteAlgorithms(suite);
  const group = modpGroup(suite.group);
  // Our private value with the other side's public value (checked inside).
  const gxy = sharedSecret(group, x, state.role === "initiator" ? gxr : gxi);
  const skeyid = skeyidPsk(hash, state.config.psk, ni, nr);
  const { skeyid_d, skeyid_a, skeyid_e } = deriveKeys(hash, skeyid, gxy, state.ckyI, state.ckyR);
  const c = IKE_CIPHERS[cipher];
  const encKey = encryptionKey(hash, skeyid_e, c.keyBytes);
  return { keys: { hash, cipher, skeyid, skeyid_d, skeyid_a, skeyid_e, encKey }, iv: phase1Iv(hash, gxi, gxr, c.blockBytes) };
}
