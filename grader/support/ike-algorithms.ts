/**
 * The hash and cipher choices of an IKEv1 phase-1 proposal, with the sizes the
 * key derivation needs.
 *
 * Values: Hash Algorithm (attribute 2) and Encryption Algorithm (attribute 1)
 * from RFC 2409 Appendix A, SHA2 hash values from RFC 4868 section 2.4 (IKEv1:
 * 4, 5, 6), AES-CBC = 7 with its Key Length attribute from RFC 3602 section
 * 5.3. Block and key sizes: FIPS 197 (AES), SP 800-67 (3DES).
 *
 * This table is given to you, not an exercise: it is a lookup, the
 * derivations built on it are the skill.
 */
import { FieldError } from "./errors.ts";

export type HashName = "md5" | "sha1" | "sha256" | "sha384" | "sha512";

export interface IkeHash {
  readonly name: HashName;
  /** The Hash Algorithm value on the wire (isakmp.ike.attr.hash_algorithm). */
  readonly id: number;
  /** Output length in octets: also the length of every prf output, SKEYID included. */
  readonly bytes: number;
}

export const IKE_HASHES: Readonly<Record<HashName, IkeHash>> = {
  md5: { name: "md5", id: 1, bytes: 16 },
  sha1: { name: "sha1", id: 2, bytes: 20 },
  sha256: { name: "sha256", id: 4, bytes: 32 },
  sha384: { name: "sha384", id: 5, bytes: 48 },
  sha512: { name: "sha512", id: 6, bytes: 64 },
};

export type CipherName = "aes128" | "aes192" | "aes256" | "3des";

export interface IkeCipher {
  readonly name: CipherName;
  /** The Encryption Algorithm value on the wire: 7 AES-CBC, 5 3DES-CBC. */
  readonly id: number;
  /** Octets of key the cipher takes (AES: the Key Length attribute / 8). */
  readonly keyBytes: number;
  /** Octets per CBC block: the IV length and the padding unit. */
  readonly blockBytes: number;
}

export const IKE_CIPHERS: Readonly<Record<CipherName, IkeCipher>> = {
  aes128: { name: "aes128", id: 7, keyBytes: 16, blockBytes: 16 },
  aes192: { name: "aes192", id: 7, keyBytes: 24, blockBytes: 16 },
  aes256: { name: "aes256", id: 7, keyBytes: 32, blockBytes: 16 },
  "3des": { name: "3des", id: 5, keyBytes: 24, blockBytes: 8 },
};

/** The hash a name stands for; a FieldError naming "Hash Algorithm" for anything else. */
export function ikeHash(name: string): IkeHash {
  const hash = (IKE_HASHES as Readonly<Record<string, IkeHash>>)[name];
  if (!hash || !Object.hasOwn(IKE_HASHES, name)) throw new FieldError("Hash Algorithm", name, `not one of ${Object.keys(IKE_HASHES).join(", ")}`);
  return hash;
}

/** The cipher a name stands for; a FieldError naming "Encryption Algorithm" for anything else. */
export function ikeCipher(name: string): IkeCipher {
  const cipher = (IKE_CIPHERS as Readonly<Record<string, IkeCipher>>)[name];
  if (!cipher || !Object.hasOwn(IKE_CIPHERS, name)) throw new FieldError("Encryption Algorithm", name, `not one of ${Object.keys(IKE_CIPHERS).join(", ")}`);
  return cipher;
}
