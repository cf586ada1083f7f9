/**
 * Exercise 01-bytes/hex: hex text ↔ bytes (reference solution).
 * Lesson: lessons/01-bytes.md#hex
 */
import { TextFormatError } from "@course/errors.ts";

const DIGITS = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += DIGITS[b >> 4]! + DIGITS[b & 0x0f]!;
  return out;
}

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10; // a-f
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10; // A-F
  return -1;
}

export function fromHex(text: string): Uint8Array {
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // Separators as Wireshark and hexdump print them; they carry no value.
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === ":") continue;
    const v = nibble(text.charCodeAt(i));
    if (v < 0) throw new TextFormatError("hex text", text, `character ${JSON.stringify(ch)} at position ${i} is not a hex digit`);
    digits.push(v);
  }
  if (digits.length % 2 !== 0) {
    throw new TextFormatError("hex text", text, `${digits.length} hex digits is an odd number: every byte takes exactly two`);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return out;
}
