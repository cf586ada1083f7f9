/**
 * What charon prints about a phase 1 at log level 4 (ike 4, enc 4): the
 * values a real implementation computed, which the strongSwan vector files
 * of chapters 06-08 hold as hex, so the course's key derivations are checked
 * against something nobody here wrote.
 */
export interface CharonPhase1Keys {
  readonly gxy: string;
  readonly skeyid: string;
  readonly skeyid_d: string;
  readonly skeyid_a: string;
  readonly skeyid_e: string;
  readonly encKey: string;
  /** The first phase 1 IV, hash(g^xi | g^xr). */
  readonly iv: string;
}

/** HASH_I and HASH_R, as charon logged them. */
export interface CharonAuthHashes {
  readonly hashI: string;
  readonly hashR: string;
}
