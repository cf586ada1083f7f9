/**
 * Exercise 07-main-mode/encryption: sealing and opening an encrypted ISAKMP
 * message (reference solution).
 *
 * RFC 2408 section 3.1 and RFC 2409 Appendix B: the 28-octet header stays in
 * clear with the E flag set and a Length that counts the padded ciphertext;
 * everything after it is the payload chain, CBC-encrypted (chapter 06).
 * The receiver walks the decrypted chain and ignores the padding after the
 * payload whose Next Payload is 0.
 *
 * Lesson: lessons/07-main-mode.md#encryption
 */
import { FieldError } from "@course/errors.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { ISAKMP_HEADER_LENGTH, encodeHeader } from "../02-isakmp-header/header.ts";
import { GENERIC_HEADER_LENGTH } from "../03-payloads/payload-header.ts";
import { decodeMessage, encodeMessage, type IsakmpMessage } from "../03-payloads/message.ts";
import { decryptBody, encryptBody } from "../06-phase1-keys/cbc.ts";
import type { Phase1Keys } from "./exchange.ts";

export function sealMessage(m: IsakmpMessage, keys: Phase1Keys, iv: Uint8Array): { datagram: Uint8Array; nextIv: Uint8Array } {
  const clear = encodeMessage({ ...m, flags: { ...m.flags, encryption: false } });
  const header = decodeHeader(clear);
  const { ciphertext, nextIv } = encryptBody(keys.cipher, keys.encKey, iv, clear.subarray(ISAKMP_HEADER_LENGTH));
  const sealedHeader = encodeHeader({ ...header, flags: { ...header.flags, encryption: true }, length: ISAKMP_HEADER_LENGTH + ciphertext.length });
  return { datagram: new ByteWriter().bytes(sealedHeader).bytes(ciphertext).finish(), nextIv };
}

/** Where the chain that starts with `first` ends: the padding starts there. */
function chainLength(first: number, plaintext: Uint8Array): number {
  let at = 0;
  for (let type = first; type !== 0; ) {
    if (at + GENERIC_HEADER_LENGTH > plaintext.length) throw new FieldError("Payload length", plaintext.length - at, "the decrypted chain ends inside a payload header");
    const length = (plaintext[at + 2]! << 8) | plaintext[at + 3]!;
    if (length < GENERIC_HEADER_LENGTH || at + length > plaintext.length) throw new FieldError("Payload length", length, `the decrypted payload at offset ${ISAKMP_HEADER_LENGTH + at} does not fit the message`);
    type = plaintext[at]!;
    at += length;
  }
  return at;
}

export function openMessage(datagram: Uint8Array, keys: Phase1Keys, iv: Uint8Array): { message: IsakmpMessage; nextIv: Uint8Array } {
  const header = decodeHeader(datagram);
  if (!header.flags.encryption) throw new FieldError("Flags", 0, "the E flag is clear: this message is not encrypted");
  const { plaintext, nextIv } = decryptBody(keys.cipher, keys.encKey, iv, datagram.subarray(ISAKMP_HEADER_LENGTH, header.length));
  const used = chainLength(header.nextPayload, plaintext);
  const clear = new ByteWriter()
    .bytes(encodeHeader({ ...header, flags: { ...header.flags, encryption: false }, length: ISAKMP_HEADER_LENGTH + used }))
    .bytes(plaintext.subarray(0, used))
    .finish();
  const message = decodeMessage(clear);
  return { message: { ...message, flags: { ...message.flags, encryption: true } }, nextIv };
}
