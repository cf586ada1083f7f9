/**
 * Provisional stand-in for 07-main-mode/encryption (engineer B's exercise),
 * with the agreed signatures, so chapter 10 can be written and tested before
 * it lands. Replaced by the real module at merge.
 *
 * RFC 2408 section 3.1 and RFC 2409 Appendix B: the header stays in clear
 * with the E flag set and a Length that counts the padded ciphertext; the
 * payload chain is encrypted in CBC mode (chapter 06).
 */
import { ISAKMP_HEADER_LENGTH, encodeHeader } from "../02-isakmp-header/header.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { decodeMessage, encodeMessage, type IsakmpMessage } from "../03-payloads/message.ts";
import { decryptBody, encryptBody } from "../06-phase1-keys/cbc.ts";
import type { Phase1Keys } from "./exchange.ts";

export function sealMessage(m: IsakmpMessage, keys: Phase1Keys, iv: Uint8Array): { datagram: Uint8Array; nextIv: Uint8Array } {
  const clear = encodeMessage({ ...m, flags: { ...m.flags, encryption: false } });
  const { ciphertext, nextIv } = encryptBody(keys.cipher, keys.encKey, iv, clear.subarray(ISAKMP_HEADER_LENGTH));
  const h = decodeHeader(clear);
  const header = encodeHeader({ ...h, flags: { ...h.flags, encryption: true }, length: ISAKMP_HEADER_LENGTH + ciphertext.length });
  const datagram = new Uint8Array(header.length + ciphertext.length);
  datagram.set(header);
  datagram.set(ciphertext, header.length);
  return { datagram, nextIv };
}

/** Where the chain that starts with `first` ends in `plain`: the padding follows. */
function chainEnd(first: number, plain: Uint8Array): number {
  let at = 0;
  for (let type = first; type !== 0 && at + 4 <= plain.length; ) {
    type = plain[at]!;
    at += Math.max(4, (plain[at + 2]! << 8) | plain[at + 3]!);
  }
  return Math.min(at, plain.length);
}

export function openMessage(datagram: Uint8Array, keys: Phase1Keys, iv: Uint8Array): { message: IsakmpMessage; nextIv: Uint8Array } {
  const h = decodeHeader(datagram);
  const { plaintext, nextIv } = decryptBody(keys.cipher, keys.encKey, iv, datagram.subarray(ISAKMP_HEADER_LENGTH, h.length));
  const used = plaintext.subarray(0, chainEnd(h.nextPayload, plaintext));
  const header = encodeHeader({ ...h, flags: { ...h.flags, encryption: false }, length: ISAKMP_HEADER_LENGTH + used.length });
  const clear = new Uint8Array(header.length + used.length);
  clear.set(header);
  clear.set(used, header.length);
  const message = decodeMessage(clear);
  return { message: { ...message, flags: { ...message.flags, encryption: true } }, nextIv };
}
