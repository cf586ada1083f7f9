/**
 * Exercise 06-phase1-keys/iv: the IVs of phase 1 and of later exchanges
 * (reference solution).
 *
 * RFC 2409 Appendix B:
 *   phase 1:  IV = hash(g^xi | g^xr), cut to the cipher's block size
 *   phase 2 and informational: IV = hash(last phase-1 CBC block | M-ID), cut
 * with the negotiated hash (not the prf), the public values in their
 * fixed-length KE form, and M-ID the 4-octet Message ID of the new exchange.
 * Within an exchange each message's IV is the previous message's last
 * ciphertext block (that part is in the cbc exercise).
 *
 * Lesson: lessons/06-phase1-keys.md#iv
 */
import { FieldError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { hash } from "./prf.ts";

function cut(digest: Uint8Array, blockBytes: number): Uint8Array {
  if (!Number.isInteger(blockBytes) || blockBytes < 1 || blockBytes > digest.length) {
    throw new FieldError("Block size", blockBytes, `must be 1 to ${digest.length} octets (the hash output)`);
  }
  return digest.slice(0, blockBytes);
}

export function phase1Iv(h: HashName, gxi: Uint8Array, gxr: Uint8Array, blockBytes: number): Uint8Array {
  return cut(hash(h, new ByteWriter().bytes(gxi).bytes(gxr).finish()), blockBytes);
}

export function exchangeIv(h: HashName, lastPhase1Block: Uint8Array, messageId: number, blockBytes: number): Uint8Array {
  if (lastPhase1Block.length !== blockBytes) {
    throw new FieldError("Last phase 1 block", lastPhase1Block.length, `must be one cipher block (${blockBytes} octets)`);
  }
  return cut(hash(h, new ByteWriter().bytes(lastPhase1Block).u32(messageId, "Message ID").finish()), blockBytes);
}
