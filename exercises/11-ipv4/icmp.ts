/**
 * Exercise 11-ipv4/icmp: ICMP echo request and reply, and a ping packet
 *
 * RFC 792. An echo message is: byte 0 Type (8 request, 0 reply), byte 1
 * Code (0), bytes 2-3 Checksum, bytes 4-5 Identifier, bytes 6-7 Sequence
 * Number, then the data. The checksum is the Internet checksum of the whole
 * message (data included) computed with the checksum field at 0.
 *
 * - `encodeIcmpEcho(e)`: the message bytes.
 * - `decodeIcmpEcho(message)`: the fields and a copy of the data. Refuse a
 *   type other than 8 or 0 (`FieldError` "Type"), a code other than 0
 *   (`FieldError` "Code"), a message that does not sum to 0xffff
 *   (`FieldError` "Checksum"), fewer than 8 bytes (the reader's
 *   `TruncatedError`).
 * - `pingPacket(o)`: a whole IPv4 packet: encodeIpv4Header with DS field 0,
 *   flags 0, offset 0, TTL `o.ttl ?? 255`, protocol ICMP (1), the given
 *   identification and addresses, followed by the echo message.
 *
 * The seed's pings carry 72 data bytes: 8 + 72 = 80 bytes of ICMP, and a
 * 100-byte IPv4 packet, the size chapters 12-15 protect.
 *
 * Lesson: lessons/11-ipv4.md#icmp
 */
import { todo } from "@course/todo.ts";

export const ICMP_ECHO_REQUEST = 8;

export const ICMP_ECHO_REPLY = 0;

export interface IcmpEcho {
  readonly type: typeof ICMP_ECHO_REQUEST | typeof ICMP_ECHO_REPLY;
  readonly identifier: number;
  readonly sequence: number;
  readonly data: Uint8Array;
}

export function encodeIcmpEcho(e: IcmpEcho): Uint8Array {
  return todo("encodeIcmpEcho");
}

export function decodeIcmpEcho(message: Uint8Array): IcmpEcho {
  return todo("decodeIcmpEcho");
}

export interface PingOptions {
  readonly src: string;
  readonly dst: string;
  /** The IPv4 Identification field. */
  readonly identification: number;
  readonly echo: IcmpEcho;
  /** 255 unless given: the seed's routers send their own pings with TTL 255. */
  readonly ttl?: number;
}

/** A whole IPv4 packet carrying one echo message: the test traffic AH and ESP protect. */
export function pingPacket(o: PingOptions): Uint8Array {
  return todo("pingPacket");
}
