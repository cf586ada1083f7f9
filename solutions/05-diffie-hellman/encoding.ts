/**
 * Exercise 05-diffie-hellman/encoding: big numbers as fixed-length bytes
 * (reference solution).
 *
 * The Key Exchange Data of a KE payload is g^x mod p as a big-endian number,
 * "zero-prepended" to the length of the prime (RFC 2409 section 5): 128
 * octets in group 2 even when the number happens to be smaller. The shared
 * secret g^xy goes into every key derivation in the same fixed-length form.
 * An implementation that drops leading zero octets fails about one exchange
 * in 256 (a classic interop bug), so the length is always explicit here.
 *
 * Lesson: lessons/05-diffie-hellman.md#encoding
 */
import { FieldError } from "@course/errors.ts";

/** `value` as exactly `length` big-endian octets, zeros in front. */
export function bigIntToBytes(value: bigint, length: number, field: string): Uint8Array {
  if (value < 0n) throw new FieldError(field, value, "a negative number has no unsigned encoding");
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v > 0n) throw new FieldError(field, value, `does not fit in ${length} octets`);
  return out;
}

/** The unsigned big-endian number in `bytes` (leading zeros change nothing). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}
