/**
 * Exercise 05-diffie-hellman/modpow: modular exponentiation by square and
 * multiply (reference solution).
 *
 * Diffie-Hellman (RFC 2409 section 5, RFC 2631 section 2.1.1) is nothing but
 * g^x mod p and y^x mod p with numbers of 768 to 3072 bits. Computing the
 * power first and reducing afterwards is hopeless (g^x would have about 2^1024
 * digits), so every step is reduced mod p, and the exponent is read one bit at
 * a time, most significant first: square for every bit, multiply by the base
 * when the bit is 1. That is about 1.5 multiplications per exponent bit.
 *
 * Lesson: lessons/05-diffie-hellman.md#modpow
 */
import { FieldError } from "@course/errors.ts";

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus < 1n) throw new FieldError("Modulus", modulus, "must be 1 or more");
  if (exponent < 0n) throw new FieldError("Exponent", exponent, "must not be negative (a private value is a whole number of multiplications)");
  // A negative base (possible only by mistake) is brought into 0..m-1 first,
  // because BigInt's % keeps the sign of the dividend.
  const b = ((base % modulus) + modulus) % modulus;
  let result = 1n % modulus;
  for (let i = BigInt(exponent.toString(2).length) - 1n; i >= 0n; i--) {
    result = (result * result) % modulus;
    if ((exponent >> i) & 1n) result = (result * b) % modulus;
  }
  return result;
}
