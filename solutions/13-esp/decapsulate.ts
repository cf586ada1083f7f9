/**
 * Exercise 13-esp/decapsulate: ESP inbound (reference solution).
 *
 * RFC 4303 section 3.4: check the SPI, then the ICV *before* decrypting
 * (section 3.4.4: a forged packet costs the receiver one HMAC, never a
 * decryption, and nothing of the plaintext is ever looked at before it is
 * known to be genuine), then decrypt, then check and remove the trailer.
 * Transport mode gives back the original packet, tunnel mode the inner one.
 * Lesson: lessons/13-esp.md#decapsulate
 */
import { FieldError, IntegrityError, TruncatedError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { ENCRYPTION, INTEGRITY } from "@course/ipsec-algorithms.ts";
import { concatBytes } from "@noble/hashes/utils.js";
import { ByteReader } from "../01-bytes/reader.ts";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";
import { computeIcv, constantTimeEqual } from "../12-ah/integrity.ts";
import { aesCbcDecrypt } from "./cipher.ts";
import type { EspSa } from "./encapsulate.ts";
import { removeTrailer } from "./padding.ts";

export interface EspPayload {
  readonly spi: number;
  readonly sequence: number;
  readonly nextHeader: number;
  /** The decrypted payload, trailer removed. */
  readonly payload: Uint8Array;
}

/** Opens the ESP bytes that follow the IPv4 header. */
export function espOpen(sa: EspSa, esp: Uint8Array): EspPayload {
  const enc = ENCRYPTION[sa.encryption];
  const icvBytes = sa.integrity === "none" ? 0 : INTEGRITY[sa.integrity].icvBytes;
  const r = new ByteReader(esp);
  const spi = r.u32("ESP SPI");
  if (spi !== sa.spi) throw new FieldError("ESP SPI", spi, `this SA's SPI is 0x${sa.spi.toString(16).padStart(8, "0")}`);
  const sequence = r.u32("ESP Sequence");
  // The smallest packet: header, IV, one cipher block, ICV.
  const minimum = 8 + enc.ivBytes + enc.blockBytes + icvBytes;
  if (esp.length < minimum) throw new TruncatedError("ESP Encrypted Data", 8, minimum - 8, esp.length - 8);
  const signedEnd = esp.length - icvBytes;
  if (sa.integrity !== "none") {
    const want = computeIcv(sa.integrity, sa.integrityKey, esp.subarray(0, signedEnd));
    if (!constantTimeEqual(want, esp.subarray(signedEnd))) throw new IntegrityError("ESP ICV", "the ICV does not match: the packet was changed, or sent with another key");
  }
  const iv = r.bytes(enc.ivBytes, "ESP IV");
  const ciphertext = esp.subarray(8 + enc.ivBytes, signedEnd);
  const { payload, nextHeader } = removeTrailer(aesCbcDecrypt(sa.encryptionKey, iv, ciphertext));
  return { spi, sequence, nextHeader, payload };
}

export interface EspInbound {
  readonly sequence: number;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet rebuilt. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function espInbound(packet: Uint8Array, sa: EspSa): EspInbound {
  const { header, payload } = decodeIpv4(packet);
  if (header.protocol !== IP_PROTOCOL.ESP) throw new FieldError("Protocol", header.protocol, "not ESP (50)");
  const opened = espOpen(sa, payload);
  if (opened.nextHeader === IP_PROTOCOL.IPIP) {
    decodeIpv4(opened.payload); // a sound inner packet before it is forwarded
    return { sequence: opened.sequence, mode: "tunnel", packet: opened.payload };
  }
  const original = encodeIpv4Header({ ...header, protocol: opened.nextHeader, totalLength: IPV4_HEADER_LENGTH + opened.payload.length });
  return { sequence: opened.sequence, mode: "transport", packet: concatBytes(original, opened.payload) };
}
