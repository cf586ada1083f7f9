/**
 * Exercise 03-payloads/notify-delete: Notification and Delete payloads
 *
 * Notification body (RFC 2408 section 3.14):
 *   bytes 0-3 Domain of interpretation   byte 4 Protocol ID   byte 5 SPI Size
 *   bytes 6-7 Notify Message Type        then SPI (SPI Size bytes), then data
 * Delete body (RFC 2408 section 3.15):
 *   bytes 0-3 Domain of interpretation   byte 4 Protocol ID   byte 5 SPI Size
 *   bytes 6-7 Number of SPIs             then the SPIs, SPI Size bytes each
 *
 * - DOI must be 0 or 1 (DOI_NAMES): FieldError "Domain of interpretation".
 *   Protocol ID 1-4: FieldError "Protocol ID". Message type 0:
 *   FieldError "Notify Message Type".
 * - A delete's SPI size is 16 for ISAKMP (both cookies) or SPI_SIZE.get(protocol)
 *   (FieldError "SPI Size" when decoding, "Delete SPI" for a wrong-size SPI
 *   when encoding); at least one SPI (FieldError "Number of SPIs"); bytes
 *   after the last SPI: FieldError "Payload length".
 * - Read the SPI with field name "SPI" and each deleted SPI with "Delete SPI",
 *   so a short payload names them. Return copies, not views.
 *
 * Lesson: lessons/03-payloads.md#notify-delete
 */
import { todo } from "@course/todo.ts";

export interface Notification {
  /** 1 (IPSEC); 0 (ISAKMP) is also seen in phase 1 errors. */
  doi: number;
  protocolId: number;
  /** Empty, 16 bytes (both cookies) for ISAKMP, 4 bytes for AH/ESP. */
  spi: Uint8Array;
  messageType: number;
  data: Uint8Array;
}

export interface Delete {
  doi: number;
  protocolId: number;
  /** All the same size: 16 for ISAKMP (the two cookies), 4 for AH and ESP. */
  spis: Uint8Array[];
}

export function encodeNotification(n: Notification): Uint8Array {
  return todo("encodeNotification");
}

export function decodeNotification(body: Uint8Array, base = 0): Notification {
  return todo("decodeNotification");
}

export function encodeDelete(d: Delete): Uint8Array {
  return todo("encodeDelete");
}

export function decodeDelete(body: Uint8Array, base = 0): Delete {
  return todo("decodeDelete");
}

