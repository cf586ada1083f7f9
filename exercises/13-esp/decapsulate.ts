/**
 * Exercise 13-esp/decapsulate: ESP inbound
 *
 * - `espOpen(sa, esp)`: `esp` is what follows the IPv4 header. In order:
 *   1. read the SPI (ByteReader, "ESP SPI"); not the SA's: `FieldError` "ESP SPI";
 *   2. read the sequence number ("ESP Sequence");
 *   3. the packet must hold at least 8 + IV + one block + ICV bytes, else
 *      `TruncatedError("ESP Encrypted Data", 8, minimum - 8, esp.length - 8)`;
 *   4. unless sa.integrity is "none": recompute the ICV over everything but
 *      the last icvBytes and compare (constantTimeEqual) with those last
 *      bytes: a mismatch is an `IntegrityError` "ESP ICV". This happens
 *      BEFORE any decryption;
 *   5. decrypt the bytes between the IV and the ICV (aesCbcDecrypt: a length
 *      that is not whole blocks is its `FieldError`), then removeTrailer.
 *   Return SPI, sequence, next header and the payload.
 * - `espInbound(packet, sa)`: decodeIpv4; Protocol must be 50 (`FieldError`
 *   "Protocol"); espOpen; next header 4 is tunnel mode (check the inner
 *   packet with decodeIpv4 and return it); otherwise rebuild the original:
 *   the received header with Protocol = next header and Total Length
 *   = 20 + payload length, then the payload.
 *
 * Lesson: lessons/13-esp.md#decapsulate
 */
import { todo } from "@course/todo.ts";
import type { EspSa } from "./encapsulate.ts";

export interface EspPayload {
  readonly spi: number;
  readonly sequence: number;
  readonly nextHeader: number;
  /** The decrypted payload, trailer removed. */
  readonly payload: Uint8Array;
}

/** Opens the ESP bytes that follow the IPv4 header. */
export function espOpen(sa: EspSa, esp: Uint8Array): EspPayload {
  return todo("espOpen");
}

export interface EspInbound {
  readonly sequence: number;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet rebuilt. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function espInbound(packet: Uint8Array, sa: EspSa): EspInbound {
  return todo("espInbound");
}
