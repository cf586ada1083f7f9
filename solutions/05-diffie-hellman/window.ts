/**
 * Exercise 05-diffie-hellman/window: sliding-window exponentiation (reference
 * solution).
 *
 * Square and multiply spends a multiplication on every 1 bit. A sliding window
 * (Handbook of Applied Cryptography, algorithm 14.85) reads the exponent in
 * odd chunks of up to w bits instead: one multiplication per chunk, by a
 * precomputed odd power base^1, base^3, ..., base^(2^w - 1). The squarings
 * stay (one per bit), the multiplications drop from about n/2 to about
 * n/(w+1). For a 1024-bit exponent and w = 5 that is ~512 → ~171.
 *
 * Lesson: lessons/05-diffie-hellman.md#window
 */
import { FieldError } from "@course/errors.ts";

export interface WindowDigit {
  /** An odd value, 1 to 2^w - 1. */
  readonly digit: number;
  /** Where its lowest bit sits in the exponent (bit 0 is the least significant). */
  readonly shift: number;
}

function checkWindow(windowBits: number): void {
  if (!Number.isInteger(windowBits) || windowBits < 1 || windowBits > 8) throw new FieldError("Window size", windowBits, "must be a whole number from 1 to 8");
}

/**
 * The odd windows of `exponent`, most significant first, chosen greedily from
 * the top: at a 1 bit, take the longest run of at most w bits that ends in a 1.
 * Zero bits between windows are skipped (they cost a squaring each, no multiply).
 */
export function windowDigits(exponent: bigint, windowBits: number): WindowDigit[] {
  checkWindow(windowBits);
  if (exponent < 0n) throw new FieldError("Exponent", exponent, "must not be negative");
  const bits = exponent === 0n ? "" : exponent.toString(2);
  const out: WindowDigit[] = [];
  let i = 0; // index into the bit string, 0 = most significant
  while (i < bits.length) {
    if (bits[i] === "0") {
      i++;
      continue;
    }
    let end = Math.min(i + windowBits, bits.length) - 1;
    while (bits[end] === "0") end--; // the window must end in a 1 bit (odd digit)
    out.push({ digit: parseInt(bits.slice(i, end + 1), 2), shift: bits.length - 1 - end });
    i = end + 1;
  }
  return out;
}

export function modPowWindow(base: bigint, exponent: bigint, modulus: bigint, windowBits = 5): bigint {
  if (modulus < 1n) throw new FieldError("Modulus", modulus, "must be 1 or more");
  const digits = windowDigits(exponent, windowBits);
  const b = ((base % modulus) + modulus) % modulus;
  // odd[k] = b^(2k+1): b, b^3, b^5, ... up to b^(2^w - 1).
  const b2 = (b * b) % modulus;
  const odd: bigint[] = [b];
  for (let k = 1; k < 1 << (windowBits - 1); k++) odd.push((odd[k - 1]! * b2) % modulus);
  let result = 1n % modulus;
  let position = exponent === 0n ? 0 : exponent.toString(2).length; // bits still to consume
  for (const { digit, shift } of digits) {
    // One squaring per bit passed over, zeros and the window's own bits alike,
    // then one multiplication for the whole window.
    for (let s = position - shift; s > 0; s--) result = (result * result) % modulus;
    result = (result * odd[(digit - 1) >> 1]!) % modulus;
    position = shift;
  }
  for (let s = 0; s < position; s++) result = (result * result) % modulus;
  return result;
}
