/**
 * Exercise 06-phase1-keys/iv: the IVs of phase 1 and of later exchanges
 *
 * RFC 2409 Appendix B, with hash from ./prf.ts (the plain hash, not the prf):
 *
 * 1. `phase1Iv(h, gxi, gxr, blockBytes)`: the first blockBytes octets of
 *    hash(g^xi | g^xr), the two Key Exchange Data values as sent (initiator's
 *    first). 16 octets for AES, 8 for 3DES.
 * 2. `exchangeIv(h, lastPhase1Block, messageId, blockBytes)`: the first IV of
 *    a quick mode or informational exchange: the first blockBytes octets of
 *    hash(last phase-1 CBC ciphertext block | M-ID), M-ID being the exchange's
 *    Message ID as 4 big-endian octets.
 *
 * Errors: blockBytes not a whole number from 1 to the hash length →
 * FieldError("Block size", blockBytes, reason); lastPhase1Block not
 * blockBytes long → FieldError("Last phase 1 block", its length, reason); a
 * Message ID that is not a u32 → FieldError("Message ID", ...) (the
 * ByteWriter's u32 does that when you pass it the field name).
 *
 * Lesson: lessons/06-phase1-keys.md#iv
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";

export function phase1Iv(h: HashName, gxi: Uint8Array, gxr: Uint8Array, blockBytes: number): Uint8Array {
  return todo("phase1Iv");
}

export function exchangeIv(h: HashName, lastPhase1Block: Uint8Array, messageId: number, blockBytes: number): Uint8Array {
  return todo("exchangeIv");
}
