/**
 * Exercise 12-ah/verify: AH inbound
 *
 * Write `ahVerify(packet, sa)`:
 * 1. decodeIpv4; Protocol must be 51, else `FieldError` "Protocol";
 * 2. decodeAhHeader(payload, the SA's ICV length); AH SPI must be the SA's,
 *    else `FieldError` "AH SPI";
 * 3. recompute the ICV over: the received header with mutable fields zeroed,
 *    the AH header as received but with the ICV bytes zeroed, and the rest;
 *    compare with constantTimeEqual. A mismatch is an `IntegrityError`
 *    "AH ICV" (from "@course/errors.ts");
 * 4. Next header 4 (IPIP): tunnel mode, return the inner packet (check it
 *    with decodeIpv4 first). Otherwise transport mode: return the original
 *    packet rebuilt: the received header with Protocol = Next header and
 *    Total Length = 20 + the bytes after AH (encodeIpv4Header), then those bytes.
 *
 * Lesson: lessons/12-ah.md#verify
 */
import { todo } from "@course/todo.ts";
import type { AhSa } from "./protect.ts";

export interface AhInbound {
  readonly sequence: number;
  readonly mode: "transport" | "tunnel";
  /** Transport: the original packet without AH. Tunnel: the inner packet. */
  readonly packet: Uint8Array;
}

export function ahVerify(packet: Uint8Array, sa: AhSa): AhInbound {
  return todo("ahVerify");
}
