/**
 * Exercise 13-esp/encapsulate: ESP outbound, transport and tunnel mode (reference solution).
 *
 * RFC 4303 section 2: SPI, Sequence Number, then the payload (here the AES-CBC
 * IV followed by the ciphertext of payload + trailer), then the ICV. The ICV
 * covers SPI through the end of the ciphertext (section 2.8), never the IP
 * header: ESP encrypts first and authenticates what it sent (section 3.3.2).
 * Transport mode protects the original payload behind the original header
 * (section 3.1.1); tunnel mode protects the whole original packet behind a
 * new header, Next Header 4 (section 3.1.2).
 * Lesson: lessons/13-esp.md#encapsulate
 */
import { FieldError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { ENCRYPTION, INTEGRITY, type EncryptionName, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { randomBytes } from "@noble/hashes/utils.js";
import { writeU32 } from "../01-bytes/integers.ts";
import { decodeIpv4 } from "../11-ipv4/decode.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";
import { computeIcv } from "../12-ah/integrity.ts";
import { tunnelHeader, type HeaderTemplate, type TunnelEndpoints } from "../12-ah/protect.ts";
import { aesCbcEncrypt } from "./cipher.ts";
import { espTrailer } from "./padding.ts";

export interface EspSa {
  readonly spi: number;
  readonly encryption: EncryptionName;
  readonly encryptionKey: Uint8Array;
  /** "none" when ESP carries no ICV (RFC 3602's sample packets, or AH authenticates outside it). */
  readonly integrity: IntegrityName | "none";
  readonly integrityKey: Uint8Array;
}

/**
 * CBC needs an unpredictable IV for every packet (RFC 3602 section 3).
 * Asking the operating system for 16 random bytes costs about as much as
 * encrypting a few hundred bytes, so the IVs are cut from a 4 KiB block of
 * randomness fetched at once: one request per 256 packets, and each IV is
 * still fresh random bytes nobody has seen.
 */
const IV_POOL_BYTES = 4096;
let ivPool = new Uint8Array(0);
let ivPoolUsed = 0;

function freshIv(length: number): Uint8Array {
  if (ivPoolUsed + length > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivPoolUsed = 0;
  }
  ivPoolUsed += length;
  return ivPool.subarray(ivPoolUsed - length, ivPoolUsed);
}

/**
 * The ESP packet (header, IV, ciphertext, ICV) written `headroom` bytes into
 * a new buffer, so that tunnel and transport mode can put the IPv4 header in
 * front of it without copying the whole packet again.
 */
function sealEsp(sa: EspSa, sequence: number, payload: Uint8Array, nextHeader: number, iv: Uint8Array | undefined, headroom: number): Uint8Array {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 0xffffffff) throw new FieldError("ESP Sequence", sequence, "1 to 2^32-1");
  const enc = ENCRYPTION[sa.encryption];
  if (sa.encryptionKey.length !== enc.keyBytes) throw new FieldError("Encryption key", sa.encryptionKey.length, `${sa.encryption} needs a ${enc.keyBytes}-byte key`);
  const ivBytes = iv ?? freshIv(enc.ivBytes);
  const trailer = espTrailer(payload.length, nextHeader, enc.blockBytes);
  const plaintext = new Uint8Array(payload.length + trailer.length);
  plaintext.set(payload);
  plaintext.set(trailer, payload.length);
  const ciphertext = aesCbcEncrypt(sa.encryptionKey, ivBytes, plaintext);
  const icvBytes = sa.integrity === "none" ? 0 : INTEGRITY[sa.integrity].icvBytes;
  // SPI (4) | Sequence (4) | IV | ciphertext | ICV, in one buffer behind the headroom.
  const out = new Uint8Array(headroom + 8 + ivBytes.length + ciphertext.length + icvBytes);
  const esp = out.subarray(headroom);
  writeU32(esp, 0, sa.spi, "ESP SPI");
  writeU32(esp, 4, sequence, "ESP Sequence");
  esp.set(ivBytes, 8);
  esp.set(ciphertext, 8 + ivBytes.length);
  if (sa.integrity !== "none") {
    // The ICV covers SPI through the end of the ciphertext (section 2.8).
    const signedEnd = esp.length - icvBytes;
    esp.set(computeIcv(sa.integrity, sa.integrityKey, esp.subarray(0, signedEnd)), signedEnd);
  }
  return out;
}

/** The ESP header, payload and trailer, and ICV: what follows the IPv4 header. */
export function espPacket(sa: EspSa, sequence: number, payload: Uint8Array, nextHeader: number, iv?: Uint8Array): Uint8Array {
  return sealEsp(sa, sequence, payload, nextHeader, iv, 0);
}

/** The IPv4 header, Protocol 50, written into the headroom sealEsp left in front of the ESP packet. */
function withEsp(header: HeaderTemplate, packet: Uint8Array): Uint8Array {
  // The template's fields named one by one: V8 builds `{ ...header, more }` on a slow path that costs
  // more than the IPv4 header itself, and this runs for every packet.
  const { tos, identification, flags, fragmentOffset, ttl, src, dst } = header;
  packet.set(encodeIpv4Header({ tos, identification, flags, fragmentOffset, ttl, src, dst, protocol: IP_PROTOCOL.ESP, totalLength: packet.length }));
  return packet;
}

export function espTransport(packet: Uint8Array, sa: EspSa, sequence: number, iv?: Uint8Array): Uint8Array {
  const { header, payload } = decodeIpv4(packet);
  return withEsp(header, sealEsp(sa, sequence, payload, header.protocol, iv, IPV4_HEADER_LENGTH));
}

export function espTunnel(packet: Uint8Array, sa: EspSa, sequence: number, outer: TunnelEndpoints, iv?: Uint8Array): Uint8Array {
  return withEsp(tunnelHeader(decodeIpv4(packet).header, outer), sealEsp(sa, sequence, packet, IP_PROTOCOL.IPIP, iv, IPV4_HEADER_LENGTH));
}
