/**
 * Exercise 05-diffie-hellman/modpow: modular exponentiation by square and
 * multiply
 *
 * Write `modPow(base, exponent, modulus)`, returning base^exponent mod
 * modulus on BigInt. Never compute the full power (for Diffie-Hellman it
 * would have more digits than atoms in the universe): reduce after every
 * multiplication. Read the exponent's bits from the most significant down:
 *
 *   result = 1 (mod modulus: use 1n % modulus, so modulus 1 gives 0)
 *   for each bit, top to bottom:
 *     result = result * result % modulus
 *     if the bit is 1: result = result * base % modulus
 *
 * Bring a negative base into 0..modulus-1 first (BigInt's % keeps the
 * sign). exponent 0 gives 1 % modulus.
 *
 * Errors: modulus < 1 → FieldError("Modulus", modulus, reason);
 * exponent < 0 → FieldError("Exponent", exponent, reason).
 *
 * Lesson: lessons/05-diffie-hellman.md#modpow
 */
import { todo } from "@course/todo.ts";

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  return todo("modPow");
}
