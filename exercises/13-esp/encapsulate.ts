/**
 * Exercise 13-esp/encapsulate: ESP outbound in transport and tunnel mode
 *
 * RFC 4303 section 2 and RFC 3602 section 3:
 *
 *   bytes 0-3    ESP SPI
 *   bytes 4-7    ESP Sequence
 *   bytes 8-23   IV (16 bytes, in the clear)
 *   bytes 24-    ciphertext of payload | padding | pad length | next header
 *   last 12/16   ICV: computeIcv over bytes 0 to the end of the ciphertext
 *                (none when sa.integrity is "none")
 *
 * - `espPacket(sa, sequence, payload, nextHeader, iv)`: the bytes above.
 *   `iv` defaults to fresh random bytes (`randomBytes` from
 *   "@noble/hashes/utils.js"); tests pass a fixed one. Refuse a sequence
 *   outside 1..2^32-1 (`FieldError` "ESP Sequence") and a key whose length
 *   is not ENCRYPTION[sa.encryption].keyBytes (`FieldError` "Encryption key").
 * - `espTransport(packet, sa, sequence, iv?)`: original header with
 *   Protocol 50 and the new Total Length, then espPacket of the original
 *   payload with next header = the original Protocol.
 * - `espTunnel(packet, sa, sequence, outer, iv?)`: tunnelHeader (from
 *   "../12-ah/protect.ts") with Protocol 50, then espPacket of the whole
 *   packet with next header 4 (IPIP).
 *
 * With AES-128-CBC and HMAC-SHA1-96 the seed's 100-byte ping becomes 152
 * bytes in transport mode and 168 in tunnel mode.
 *
 * Lesson: lessons/13-esp.md#encapsulate
 */
import { todo } from "@course/todo.ts";
import type { EncryptionName, IntegrityName } from "@course/ipsec-algorithms.ts";
import type { TunnelEndpoints } from "../12-ah/protect.ts";

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
  return todo("espPacket");
}

export function espTransport(packet: Uint8Array, sa: EspSa, sequence: number, iv?: Uint8Array): Uint8Array {
  return todo("espTransport");
}

export function espTunnel(packet: Uint8Array, sa: EspSa, sequence: number, outer: TunnelEndpoints, iv?: Uint8Array): Uint8Array {
  return todo("espTunnel");
}
