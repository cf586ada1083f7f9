/**
 * Exercise 15-sad/natt: ESP in UDP on port 4500
 *
 * RFC 3948. Three functions:
 * - `classify4500(payload)`: a UDP payload received on port 4500 is
 *   a NAT-keepalive (exactly one byte, 0xff), IKE (first four bytes zero:
 *   the non-ESP marker; return the message after it) or ESP (anything else:
 *   return the whole payload, a view or a copy). Fewer than 4 bytes otherwise: the
 *   reader's `TruncatedError` "Non-ESP Marker"; ESP shorter than 8 bytes:
 *   `TruncatedError("ESP Sequence", 4, 4, payload.length - 4)`.
 * - `espInUdp(packet, sport = 4500, dport = 4500)`: IPv4 | ESP becomes
 *   IPv4 (Protocol 17, new Total Length) | UDP header (source port,
 *   destination port, length = 8 + ESP bytes, checksum 0) | ESP. A packet
 *   that is not ESP: `FieldError` "Protocol".
 * - `espFromUdp(packet)`: the reverse. Protocol must be 17 (`FieldError`
 *   "Protocol"), destination port 4500 (`FieldError` "Destination Port"),
 *   UDP Length equal to the datagram's size (`FieldError` "Length"), and
 *   the payload must classify as ESP (`FieldError` "Non-ESP Marker").
 *
 * Lesson: lessons/15-sad.md#natt
 */
import { todo } from "@course/todo.ts";

export const NAT_T_PORT = 4500;

export const UDP_HEADER_LENGTH = 8;

export type Port4500Payload =
  | { readonly kind: "keepalive" }
  | { readonly kind: "ike"; readonly message: Uint8Array }
  | { readonly kind: "esp"; readonly esp: Uint8Array };

/** Sorts a UDP payload received on port 4500. */
export function classify4500(payload: Uint8Array): Port4500Payload {
  return todo("classify4500");
}

/** IPv4 | ESP → IPv4 | UDP 4500 | ESP (RFC 3948 section 2.1), UDP checksum zero. */
export function espInUdp(packet: Uint8Array, sport = NAT_T_PORT, dport = NAT_T_PORT): Uint8Array {
  return todo("espInUdp");
}

/** IPv4 | UDP 4500 | ESP → IPv4 | ESP, ready for ESP inbound processing (section 3.2). */
export function espFromUdp(packet: Uint8Array): Uint8Array {
  return todo("espFromUdp");
}
