/**
 * Exercise 08-aggressive-mode/psk-crack: recover a pre-shared key offline
 * from one captured aggressive mode exchange
 *
 * Aggressive mode message 2 carries, in clear text (RFC 2409 section 5.4):
 *
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 *   SKEYID = prf(PSK, Ni_b | Nr_b)
 *
 * Every input except the PSK is in messages 1 and 2. Guess a PSK, recompute
 * HASH_R with your chapter 06 code (skeyidPsk in ../06-phase1-keys/skeyid.ts,
 * hashR in ../06-phase1-keys/auth-hash.ts), compare with the captured one.
 *
 * 1. `parsePskCrackLine(line)`: the line ike-scan --pskcrack writes,
 *      g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r
 *    nine hex fields (payload bodies without generic headers). Ignore
 *    whitespace around the line. Errors:
 *    - not exactly 9 colon-separated fields → TextFormatError("psk-crack line", line, reason)
 *    - a field that is empty, has a non-hex character or an odd number of
 *      digits → TextFormatError(that field's psk-crack name, e.g. "cky_r", its text, reason)
 *    - cky_r / cky_i not 8 octets → FieldError("Responder SPI" / "Initiator SPI", length, reason)
 *    - g_xr and g_xi of different lengths → FieldError("Key Exchange Data", g_xr's length, reason)
 *    Leave `hash` out of the result: the line does not say.
 * 2. `crackPsk(input, words)`: the first word (UTF-8 encoded) whose HASH_R
 *    equals input.hashR, or undefined when none does. Stop reading `words` at
 *    the first match (it may be an endless generator). The hash is
 *    input.hash when given (HASH_R must then have that hash's length, else
 *    FieldError("Hash DATA", length, reason)); otherwise psk-crack's rule:
 *    16 octets md5, 20 octets sha1, any other length FieldError("Hash DATA",
 *    length, reason). IKE_HASHES in "@course/ike-algorithms.ts" has the lengths.
 *
 * Lesson: lessons/08-aggressive-mode.md#psk-crack
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

/** The cleartext of one aggressive mode exchange, as psk-crack needs it. */
export interface CrackInput {
  /** Key Exchange Data of message 2 (responder) and message 1 (initiator). */
  readonly gxr: Uint8Array;
  readonly gxi: Uint8Array;
  /** Responder SPI and Initiator SPI from the ISAKMP header. */
  readonly ckyR: Uint8Array;
  readonly ckyI: Uint8Array;
  /** The body of the initiator's SA payload (message 1). */
  readonly saiB: Uint8Array;
  /** The body of the responder's ID payload (message 2). */
  readonly idirB: Uint8Array;
  /** Nonce DATA of message 1 and message 2. */
  readonly niB: Uint8Array;
  readonly nrB: Uint8Array;
  /** Hash DATA of message 2: HASH_R. */
  readonly hashR: Uint8Array;
  /** The negotiated hash; when absent it is chosen by HASH_R's length as psk-crack does (16 MD5, 20 SHA-1). */
  readonly hash?: HashName;
}

export function parsePskCrackLine(line: string): CrackInput {
  return todo("parsePskCrackLine");
}

export function crackPsk(input: CrackInput, words: Iterable<string>): string | undefined {
  return todo("crackPsk");
}
