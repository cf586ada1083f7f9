/**
 * Exercise 01-bytes/ipv4-address: dotted quad ↔ 4 bytes (reference solution).
 *
 * On the wire an IPv4 address is 4 bytes (RFC 791 section 3.1); people write
 * it as four decimal numbers. ISAKMP's ID_IPV4_ADDR identity (RFC 2407
 * section 4.6.2.2) carries exactly these 4 bytes: the seed's 192.168.12.2 is
 * c0 a8 0c 02.
 * Lesson: lessons/01-bytes.md#ipv4-address
 */
import { FieldError, TextFormatError } from "@course/errors.ts";
import { readU32, writeU32 } from "./integers.ts";

const FIELD = "IPv4 address";

export function parseIPv4(text: string): Uint8Array {
  const parts = text.split(".");
  if (parts.length !== 4) throw new TextFormatError(FIELD, text, `needs 4 dot-separated numbers, found ${parts.length}`);
  const out = new Uint8Array(4);
  parts.forEach((p, i) => {
    // Digits only: no signs, spaces or hex. A leading zero is refused because
    // some parsers read "010" as octal 8; guessing would put traffic in the
    // wrong subnet.
    if (!/^\d{1,3}$/.test(p)) throw new TextFormatError(FIELD, text, `part ${i + 1} (${JSON.stringify(p)}) is not a number from 0 to 255`);
    if (p.length > 1 && p.startsWith("0")) throw new TextFormatError(FIELD, text, `part ${i + 1} (${JSON.stringify(p)}) has a leading zero`);
    const n = Number(p);
    if (n > 255) throw new TextFormatError(FIELD, text, `part ${i + 1} (${n}) is larger than 255`);
    out[i] = n;
  });
  return out;
}

export function formatIPv4(bytes: Uint8Array): string {
  if (bytes.length !== 4) throw new FieldError(FIELD, bytes.length, "an IPv4 address is exactly 4 bytes");
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

export function ipv4ToNumber(bytes: Uint8Array): number {
  if (bytes.length !== 4) throw new FieldError(FIELD, bytes.length, "an IPv4 address is exactly 4 bytes");
  return readU32(bytes, 0, FIELD);
}

export function numberToIPv4(value: number): Uint8Array {
  const out = new Uint8Array(4);
  writeU32(out, 0, value, FIELD);
  return out;
}
