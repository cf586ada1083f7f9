/**
 * Exercise 02-isakmp-header/describe: print a header the way Wireshark does
 * (reference solution).
 *
 * Putting your own output beside a capture, line for line, is the quickest
 * way to find a wrong field. Names and formats follow Wireshark's ISAKMP
 * dissector (fields of RFC 2408 section 3.1).
 * Lesson: lessons/02-isakmp-header.md#describe
 */
import { EXCHANGE_TYPE_NAMES, PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { toHex } from "../01-bytes/hex.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import type { IsakmpHeader } from "./header.ts";
import { encodeFlags } from "./version-flags.ts";

/** "Quick Mode (32)"; a number missing from the table prints as "Unknown (7)", as Wireshark does. */
function named(table: ReadonlyMap<number, string>, value: number): string {
  return `${table.get(value) ?? "Unknown"} (${value})`;
}

export function describeHeader(h: IsakmpHeader): string {
  // Flags and Message ID are shown as the bytes on the wire: a fixed number
  // of hex digits, leading zeros kept (0x00, 0x00000000).
  const flags = toHex(Uint8Array.of(encodeFlags(h.flags)));
  const messageId = toHex(new ByteWriter().u32(h.messageId, "Message ID").finish());
  return [
    `Initiator SPI: ${toHex(h.initiatorSpi)}`,
    `Responder SPI: ${toHex(h.responderSpi)}`,
    `Next payload: ${named(PAYLOAD_TYPE_NAMES, h.nextPayload)}`,
    `Version: ${h.version.major}.${h.version.minor}`,
    `Exchange type: ${named(EXCHANGE_TYPE_NAMES, h.exchangeType)}`,
    `Flags: 0x${flags}`,
    `Message ID: 0x${messageId}`,
    `Length: ${h.length}`,
  ].join("\n");
}
