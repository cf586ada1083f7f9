/**
 * Exercise 05-diffie-hellman/window: sliding-window exponentiation (stretch)
 *
 * Square and multiply pays one multiplication per 1 bit of the exponent. A
 * sliding window reads the exponent in odd chunks of at most w bits and pays
 * one multiplication per chunk, by a precomputed odd power of the base.
 *
 * 1. `windowDigits(exponent, windowBits)`: the chunks, most significant
 *    first. Walk the bits from the top; skip 0 bits; at a 1 bit take the next
 *    `windowBits` bits (fewer at the end of the number), then drop 0 bits from
 *    the chunk's low end so it ends in a 1. Each chunk is
 *    { digit: its value (odd), shift: the bit position of its lowest bit,
 *    bit 0 being the least significant }. Example, 0b1011000111 with w = 3:
 *    [{digit 5, shift 7}, {digit 1, shift 6}, {digit 7, shift 0}].
 *    Exponent 0 has no chunks.
 * 2. `modPowWindow(base, exponent, modulus, windowBits = 5)`: precompute
 *    base^1, base^3, ..., base^(2^w - 1) mod modulus; then, from result = 1,
 *    for each chunk square once per bit between the previous position and
 *    the chunk's lowest bit and multiply by base^digit; finally square once
 *    per bit below the last chunk. Same results as modPow.
 *
 * Errors: windowBits not a whole number 1..8 → FieldError("Window size", ...);
 * exponent < 0 → FieldError("Exponent", ...); modulus < 1 →
 * FieldError("Modulus", ...).
 *
 * Lesson: lessons/05-diffie-hellman.md#window
 */
import { todo } from "@course/todo.ts";

export interface WindowDigit {
  /** An odd value, 1 to 2^w - 1. */
  readonly digit: number;
  /** Where its lowest bit sits in the exponent (bit 0 is the least significant). */
  readonly shift: number;
}

export function windowDigits(exponent: bigint, windowBits: number): WindowDigit[] {
  return todo("windowDigits");
}

export function modPowWindow(base: bigint, exponent: bigint, modulus: bigint, windowBits = 5): bigint {
  return todo("modPowWindow");
}
