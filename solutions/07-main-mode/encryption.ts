/**
 * Exercise 07-main-mode/encryption: sealing a whole ISAKMP message with the
 * phase-1 keys, and opening one (reference solution).
 *
 * RFC 2408 section 3.1 (Flags, E bit) and RFC 2409 Appendix B: once keys
 * exist, everything after the 28-octet header is encrypted; the header itself
 * stays in clear, because the receiver needs its cookies to find the keys.
 * Its Length counts the ciphertext, padding included: it is the length of
 * the datagram. The header's Next Payload still names the first (encrypted)
 * payload, so the chain can be walked once it is decrypted.
 *
 * The receiver ignores the padding (RFC 2409 Appendix B; section 5.3 has a
 * variant with a count in the last octet, and implementations differ): the
 * generic headers' lengths say where the payload chain ends, and whatever
 * follows the payload whose Next Payload is NONE is padding.
 *
 * Main mode messages 5 and 6 use this; so do aggressive mode message 3,
 * quick mode and informational exchanges (chapters 08 to 10), each with its
 * own IV.
 *
 * Lesson: lessons/07-main-mode.md#encryption
 */
import { FieldError } from "@course/errors.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { ISAKMP_HEADER_LENGTH, encodeHeader } from "../02-isakmp-header/header.ts";
import { readGenericHeader } from "../03-payloads/payload-header.ts";
import { decodeMessage, encodeMessage, type IsakmpMessage } from "../03-payloads/message.ts";
import { decryptBody, encryptBody } from "../06-phase1-keys/cbc.ts";
import type { Phase1Keys } from "./exchange.ts";

export interface Sealed {
  /** Header in clear (E flag set, Length = 28 + ciphertext), then the ciphertext. */
  readonly datagram: Uint8Array;
  /** The last ciphertext block: the IV of the next message of this exchange. */
  readonly nextIv: Uint8Array;
}

export interface Opened {
  /** The decrypted message; flags.encryption is true, as it was on the wire. */
  readonly message: IsakmpMessage;
  readonly nextIv: Uint8Array;
}

export function sealMessage(m: IsakmpMessage, keys: Phase1Keys, iv: Uint8Array): Sealed {
  // Chapter 03 encodes the cleartext message: header (naming the first
  // payload) and chain. The chain is what gets encrypted.
  const clear = encodeMessage({ ...m, flags: { ...m.flags, encryption: false } });
  const body = clear.subarray(ISAKMP_HEADER_LENGTH);
  const e = encryptBody(keys.cipher, keys.encKey, iv, body);
  const h = decodeHeader(clear);
  const header = encodeHeader({ ...h, flags: { ...h.flags, encryption: true }, length: ISAKMP_HEADER_LENGTH + e.ciphertext.length });
  return { datagram: new ByteWriter().bytes(header).bytes(e.ciphertext).finish(), nextIv: e.nextIv };
}

/**
 * How many octets of `plain` the payload chain starting with `first` fills:
 * step from generic header to generic header until Next Payload is NONE.
 * A payload that runs past the end means the decryption produced noise
 * (wrong key or IV) or the sender lied about a length.
 */
function chainLength(first: number, plain: Uint8Array): number {
  const r = new ByteReader(plain, ISAKMP_HEADER_LENGTH);
  let type = first;
  while (type !== 0) {
    const start = r.offset;
    const h = readGenericHeader(r);
    if (start + h.length > plain.length) {
      throw new FieldError("Payload length", h.length, `the decrypted payload at offset ${ISAKMP_HEADER_LENGTH + start} runs past the end of the ${plain.length} decrypted octets`);
    }
    r.skip(h.length - 4, "Payload length");
    type = h.nextPayload;
  }
  return r.offset;
}

export function openMessage(datagram: Uint8Array, keys: Phase1Keys, iv: Uint8Array): Opened {
  const h = decodeHeader(datagram);
  if (!h.flags.encryption) throw new FieldError("Flags", 0, "this message must be encrypted (E flag set): it travels after the keys exist");
  const d = decryptBody(keys.cipher, keys.encKey, iv, datagram.subarray(ISAKMP_HEADER_LENGTH));
  const chain = d.plaintext.subarray(0, chainLength(h.nextPayload, d.plaintext));
  // The cleartext message the sender encoded before padding and encrypting
  // it: chapter 03's decoder checks every payload in it.
  const clear = new ByteWriter()
    .bytes(encodeHeader({ ...h, flags: { ...h.flags, encryption: false }, length: ISAKMP_HEADER_LENGTH + chain.length }))
    .bytes(chain)
    .finish();
  const message = decodeMessage(clear);
  return { message: { ...message, flags: { ...message.flags, encryption: true } }, nextIv: d.nextIv };
}
