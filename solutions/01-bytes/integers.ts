/**
 * Exercise 01-bytes/integers: big-endian integers (reference solution).
 *
 * Every multi-byte field in IKE, AH and ESP is sent most significant byte
 * first, "network byte order" (RFC 791 Appendix B; RFC 2408 section 3).
 * Lesson: lessons/01-bytes.md#integers
 */
import { FieldError, TruncatedError } from "@course/errors.ts";

function checkRoom(buf: Uint8Array, offset: number, size: number, field: string): void {
  if (!Number.isInteger(offset) || offset < 0) throw new FieldError(field, offset, "offset must be a whole number ≥ 0");
  if (offset + size > buf.length) throw new TruncatedError(field, offset, size, Math.max(0, buf.length - offset));
}

function checkValue(value: number, bits: 8 | 16 | 32, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 2 ** bits - 1) {
    throw new FieldError(field, value, `does not fit in an unsigned ${bits}-bit field (0 to ${2 ** bits - 1})`);
  }
}

export function readU8(buf: Uint8Array, offset: number, field = "u8"): number {
  checkRoom(buf, offset, 1, field);
  return buf[offset]!;
}

export function readU16(buf: Uint8Array, offset: number, field = "u16"): number {
  checkRoom(buf, offset, 2, field);
  return (buf[offset]! << 8) | buf[offset + 1]!;
}

export function readU32(buf: Uint8Array, offset: number, field = "u32"): number {
  checkRoom(buf, offset, 4, field);
  // Multiply instead of `<< 24`: a shift yields a signed 32-bit number, so
  // 0xe22a74c1 (the seed's quick mode message ID) would come out negative.
  return buf[offset]! * 0x1000000 + ((buf[offset + 1]! << 16) | (buf[offset + 2]! << 8) | buf[offset + 3]!);
}

export function readU64(buf: Uint8Array, offset: number, field = "u64"): bigint {
  checkRoom(buf, offset, 8, field);
  return (BigInt(readU32(buf, offset, field)) << 32n) | BigInt(readU32(buf, offset + 4, field));
}

export function writeU8(buf: Uint8Array, offset: number, value: number, field = "u8"): void {
  checkValue(value, 8, field);
  checkRoom(buf, offset, 1, field);
  buf[offset] = value;
}

export function writeU16(buf: Uint8Array, offset: number, value: number, field = "u16"): void {
  checkValue(value, 16, field);
  checkRoom(buf, offset, 2, field);
  buf[offset] = value >>> 8;
  buf[offset + 1] = value & 0xff;
}

export function writeU32(buf: Uint8Array, offset: number, value: number, field = "u32"): void {
  checkValue(value, 32, field);
  checkRoom(buf, offset, 4, field);
  buf[offset] = value >>> 24;
  buf[offset + 1] = (value >>> 16) & 0xff;
  buf[offset + 2] = (value >>> 8) & 0xff;
  buf[offset + 3] = value & 0xff;
}

export function writeU64(buf: Uint8Array, offset: number, value: bigint, field = "u64"): void {
  if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new FieldError(field, value, "does not fit in an unsigned 64-bit field");
  checkRoom(buf, offset, 8, field);
  writeU32(buf, offset, Number(value >> 32n), field);
  writeU32(buf, offset + 4, Number(value & 0xffff_ffffn), field);
}
