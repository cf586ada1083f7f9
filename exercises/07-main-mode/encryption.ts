/**
 * Exercise 07-main-mode/encryption: sealing a whole ISAKMP message with the
 * phase-1 keys, and opening one.
 *
 * From main mode message 5 on, the 28-octet header travels in clear (the
 * receiver needs its cookies to find the keys) and everything after it is
 * encrypted (RFC 2408 section 3.1, RFC 2409 Appendix B).
 *
 * 1. `sealMessage(m, keys, iv)`:
 *    - encode m as a cleartext message with your chapter 03 encodeMessage
 *      (flags.encryption false: that function refuses it set); its header's
 *      Next Payload names the first payload, bytes 28.. are the payload chain;
 *    - encrypt the chain with your chapter 06 encryptBody(keys.cipher,
 *      keys.encKey, iv, chain) (it pads);
 *    - the datagram is the header with the E flag set (Flags bit 0x01) and
 *      Length = 28 + ciphertext length, followed by the ciphertext. Every
 *      other header field is m's.
 *    Return { datagram, nextIv: encryptBody's nextIv }.
 * 2. `openMessage(datagram, keys, iv)`:
 *    - decodeHeader (chapter 02); if the E flag is clear throw
 *      FieldError("Flags", 0, reason);
 *    - decryptBody(keys.cipher, keys.encKey, iv, bytes 28..);
 *    - walk the decrypted payloads' generic headers (Next Payload, Reserved,
 *      Payload Length) from the header's Next Payload until a payload says
 *      0: the octets after it are padding, whatever their value (RFC 2409
 *      Appendix B and section 5.3 pad differently; receivers ignore it).
 *      A payload that runs past the decrypted octets: FieldError("Payload
 *      length", its length, reason). A reserved byte that is not 0:
 *      FieldError("Reserved") (readGenericHeader does it).
 *    - decode the payloads with chapter 03's decodeMessage, by giving it the
 *      header with the E flag clear and Length = 28 + the payloads' octets,
 *      followed by those octets (its errors pass through unchanged).
 *    Return { message (flags.encryption true, as on the wire), nextIv:
 *    decryptBody's nextIv }.
 *
 * With a wrong key or IV the decrypted octets are noise, so one of these
 * errors is thrown; the main mode steps turn it into AUTHENTICATION-FAILED.
 *
 * Lesson: lessons/07-main-mode.md#encryption
 */
import { todo } from "@course/todo.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";
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
  return todo("sealMessage");
}

export function openMessage(datagram: Uint8Array, keys: Phase1Keys, iv: Uint8Array): Opened {
  return todo("openMessage");
}
