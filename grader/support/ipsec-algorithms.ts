/**
 * The algorithms chapters 12-15 implement, with the sizes the RFCs fix for
 * them. An SA names its algorithms by these keys; the sizes tell encoders how
 * long keys, IVs and ICVs are. Shared by the learner's code, the reference
 * solution and the hidden tests.
 */

export interface IntegrityAlgorithm {
  /** The hash inside the HMAC (RFC 2104). */
  readonly hash: "md5" | "sha1" | "sha256";
  /** Key length in bytes, fixed by the algorithm's RFC. */
  readonly keyBytes: number;
  /** ICV length in bytes: the HMAC output truncated to its leftmost bytes. */
  readonly icvBytes: number;
  /** Wireshark's and the RFC's name. */
  readonly label: string;
}

export const INTEGRITY = {
  /** RFC 2403: 128-bit key, ICV = first 96 bits of HMAC-MD5. */
  "hmac-md5-96": { hash: "md5", keyBytes: 16, icvBytes: 12, label: "HMAC-MD5-96 (RFC 2403)" },
  /** RFC 2404: 160-bit key, ICV = first 96 bits of HMAC-SHA-1 (the seed's "esp-sha-hmac" / "ah-sha-hmac"). */
  "hmac-sha1-96": { hash: "sha1", keyBytes: 20, icvBytes: 12, label: "HMAC-SHA-1-96 (RFC 2404)" },
  /** RFC 4868: 256-bit key, ICV = first 128 bits of HMAC-SHA-256. */
  "hmac-sha256-128": { hash: "sha256", keyBytes: 32, icvBytes: 16, label: "HMAC-SHA-256-128 (RFC 4868)" },
} as const satisfies Record<string, IntegrityAlgorithm>;

export type IntegrityName = keyof typeof INTEGRITY;

export interface EncryptionAlgorithm {
  readonly keyBytes: number;
  /** Cipher block size: the ESP payload, trailer included, must be a multiple of it. */
  readonly blockBytes: number;
  /** Explicit IV carried at the start of the ESP payload (RFC 3602 section 3). */
  readonly ivBytes: number;
  readonly label: string;
}

export const ENCRYPTION = {
  /** RFC 3602, 128-bit key (the seed's "esp-aes"). */
  "aes-128-cbc": { keyBytes: 16, blockBytes: 16, ivBytes: 16, label: "AES-CBC-128 (RFC 3602)" },
  /** RFC 3602, 256-bit key ("esp-aes 256"). */
  "aes-256-cbc": { keyBytes: 32, blockBytes: 16, ivBytes: 16, label: "AES-CBC-256 (RFC 3602)" },
} as const satisfies Record<string, EncryptionAlgorithm>;

export type EncryptionName = keyof typeof ENCRYPTION;
