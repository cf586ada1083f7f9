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
import { ENCRYPTION, type EncryptionName, type IntegrityName } from "@course/ipsec-algorithms.ts";
import { concatBytes, randomBytes } from "@noble/hashes/utils.js";
import { ByteWriter } from "../01-bytes/writer.ts";
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

/** The ESP header, payload and trailer, and ICV: what follows the IPv4 header. */
export function espPacket(sa: EspSa, sequence: number, payload: Uint8Array, nextHeader: number, iv?: Uint8Array): Uint8Array {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 0xffffffff) throw new FieldError("ESP Sequence", sequence, "1 to 2^32-1");
  const enc = ENCRYPTION[sa.encryption];
  if (sa.encryptionKey.length !== enc.keyBytes) throw new FieldError("Encryption key", sa.encryptionKey.length, `${sa.encryption} needs a ${enc.keyBytes}-byte key`);
  // The IV must be unpredictable for CBC (RFC 3602 section 3): random per packet, never a counter.
  const plaintext = concatBytes(payload, espTrailer(payload.length, nextHeader, enc.blockBytes));
  const ivBytes = iv ?? randomBytes(enc.ivBytes);
  const ciphertext = aesCbcEncrypt(sa.encryptionKey, ivBytes, plaintext);
  const header = new ByteWriter().u32(sa.spi, "ESP SPI").u32(sequence, "ESP Sequence").finish();
  // One copy of the ciphertext, not the writer's growing buffer: ESP payloads are up to a whole MTU.
  const body = concatBytes(header, ivBytes, ciphertext);
  if (sa.integrity === "none") return body;
  return concatBytes(body, computeIcv(sa.integrity, sa.integrityKey, body));
}

function withEsp(header: HeaderTemplate, esp: Uint8Array): Uint8Array {
  const ip = encodeIpv4Header({ ...header, protocol: IP_PROTOCOL.ESP, totalLength: IPV4_HEADER_LENGTH + esp.length });
  return concatBytes(ip, esp);
}

export function espTransport(packet: Uint8Array, sa: EspSa, sequence: number, iv?: Uint8Array): Uint8Array {
  const { header, payload } = decodeIpv4(packet);
  return withEsp(header, espPacket(sa, sequence, payload, header.protocol, iv));
}

export function espTunnel(packet: Uint8Array, sa: EspSa, sequence: number, outer: TunnelEndpoints, iv?: Uint8Array): Uint8Array {
  return withEsp(tunnelHeader(decodeIpv4(packet).header, outer), espPacket(sa, sequence, packet, IP_PROTOCOL.IPIP, iv));
}
