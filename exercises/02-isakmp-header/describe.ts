/**
 * Exercise 02-isakmp-header/describe: print a header the way Wireshark does
 *
 * Write `describeHeader(h)`: eight lines joined by "\n", no newline at the
 * end, exactly as Wireshark's packet tree shows the ISAKMP header. The
 * seed's main mode message 2:
 *
 *   Initiator SPI: e47a59ffd057587f
 *   Responder SPI: a00b8ef0902bb8ec
 *   Next payload: Security Association (1)
 *   Version: 1.0
 *   Exchange type: Identity Protection (Main Mode) (2)
 *   Flags: 0x00
 *   Message ID: 0x00000000
 *   Length: 108
 *
 * - SPIs: lower-case hex, 16 digits (use `toHex` from "../01-bytes/hex.ts").
 * - Next payload / Exchange type: the name from PAYLOAD_TYPE_NAMES /
 *   EXCHANGE_TYPE_NAMES ("@course/isakmp-names.ts"), then the number in
 *   parentheses. A number missing from the table prints as "Unknown (7)".
 * - Version: major.minor in decimal.
 * - Flags: "0x" and 2 lower-case hex digits (E set → 0x01).
 * - Message ID: "0x" and 8 lower-case hex digits, leading zeros kept
 *   (0xe22a74c1, 0x00000000).
 * - Length: decimal.
 *
 * Lesson: lessons/02-isakmp-header.md#describe
 */
import { todo } from "@course/todo.ts";
import type { IsakmpHeader } from "./header.ts";

export function describeHeader(h: IsakmpHeader): string {
  return todo("describeHeader");
}
