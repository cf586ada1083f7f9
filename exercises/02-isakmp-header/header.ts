/**
 * Exercise 02-isakmp-header/header: encode the 28-byte header
 *
 * Every ISAKMP message, from main mode message 1 to the last quick mode
 * message, starts with the same 28 bytes (RFC 2408 section 3.1, Figure 2):
 *
 *   bytes  0-7   Initiator SPI (the initiator's cookie)
 *   bytes  8-15  Responder SPI (the responder's cookie, zero in message 1)
 *   byte  16     Next payload   (type of the first payload, e.g. 1 = SA)
 *   byte  17     Version        (0x10 for 1.0: use encodeVersion)
 *   byte  18     Exchange type  (2 = main mode, 4 = aggressive, 32 = quick mode)
 *   byte  19     Flags          (use encodeFlags)
 *   bytes 20-23  Message ID     (u32, big-endian)
 *   bytes 24-27  Length         (u32, big-endian: the whole message, header included)
 *
 * Write `encodeHeader(h)`, returning exactly 28 bytes. Build them with
 * `ByteWriter` from "../01-bytes/writer.ts", giving each write its
 * Wireshark field name ("Next payload", "Version", "Exchange type", "Flags",
 * "Message ID", "Length") so a number too big for its field is reported
 * by name. Before writing, check both cookies: if one is not exactly 8
 * bytes, throw a `FieldError` (from "@course/errors.ts") whose field is
 * "Initiator SPI" or "Responder SPI" and whose value is the wrong length.
 *
 * Lesson: lessons/02-isakmp-header.md#header
 */
import { todo } from "@course/todo.ts";
import type { Flags, Version } from "./version-flags.ts";

export const ISAKMP_HEADER_LENGTH = 28;

export interface IsakmpHeader {
  initiatorSpi: Uint8Array;
  responderSpi: Uint8Array;
  nextPayload: number;
  version: Version;
  exchangeType: number;
  flags: Flags;
  messageId: number;
  length: number;
}

export function encodeHeader(h: IsakmpHeader): Uint8Array {
  return todo("encodeHeader");
}
