/**
 * Exercise 09-quick-mode/hashes: HASH(1), HASH(2) and HASH(3), the
 * authentication of the three quick mode messages (reference solution).
 *
 * RFC 2409 section 5.5, with prf the negotiated HMAC (chapter 06) and
 * SKEYID_a the phase 1 authentication key:
 *   HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [| KE] [| IDci | IDcr])
 *   HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [| KE] [| IDci | IDcr])
 *   HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
 * M-ID is the 4-octet Message ID; "SA | Ni ..." are the whole payloads
 * after the HASH payload, generic headers included, exactly as they travel
 * (not the padding); Ni_b/Nr_b are nonce bodies without their headers; the
 * 0 of HASH(3) is a single octet. The HASH payload must come first, right
 * after the header. A wrong hash is INVALID-HASH-INFORMATION (23).
 *
 * Lesson: lessons/09-quick-mode.md#hashes
 */
import { FieldError, NegotiationError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { ISAKMP_HEADER_LENGTH } from "../02-isakmp-header/header.ts";
import { encodeMessage, type IsakmpMessage } from "../03-payloads/message.ts";
import { prf } from "../06-phase1-keys/prf.ts";

export function quickHash1(h: HashName, skeyidA: Uint8Array, messageId: number, afterHash: Uint8Array): Uint8Array {
  return prf(h, skeyidA, new ByteWriter().u32(messageId, "Message ID").bytes(afterHash).finish());
}

export function quickHash2(h: HashName, skeyidA: Uint8Array, messageId: number, niB: Uint8Array, afterHash: Uint8Array): Uint8Array {
  return prf(h, skeyidA, new ByteWriter().u32(messageId, "Message ID").bytes(niB).bytes(afterHash).finish());
}

export function quickHash3(h: HashName, skeyidA: Uint8Array, messageId: number, niB: Uint8Array, nrB: Uint8Array): Uint8Array {
  return prf(h, skeyidA, new ByteWriter().u8(0, "HASH(3) zero octet").u32(messageId, "Message ID").bytes(niB).bytes(nrB).finish());
}

/**
 * The octets HASH(1) and HASH(2) cover: every payload after the leading
 * HASH payload, with its generic header, as encoded. Chapter 03's codec
 * gives back the bytes it decoded (attributes keep their TV or TLV form),
 * so this is also what the sender hashed.
 */
export function afterHash(m: IsakmpMessage): Uint8Array {
  if (m.payloads[0]?.type !== PayloadType.HASH) {
    throw new NegotiationError(NotifyType.INVALID_HASH_INFORMATION, "Next payload", "a quick mode message starts with its HASH payload, right after the header (RFC 2409 section 5.5)");
  }
  const rest = encodeMessage({ ...m, flags: { ...m.flags, encryption: false }, payloads: m.payloads.slice(1) });
  return rest.subarray(ISAKMP_HEADER_LENGTH);
}

/** The Hash DATA of the leading HASH payload. */
export function receivedHash(m: IsakmpMessage): Uint8Array {
  const first = m.payloads[0];
  if (first?.type !== PayloadType.HASH) throw new NegotiationError(NotifyType.INVALID_HASH_INFORMATION, "Next payload", "a quick mode message starts with its HASH payload (RFC 2409 section 5.5)");
  return first.data;
}

/** Compares a received hash with the one we computed; every octet is looked at, whatever the first difference. */
export function checkHash(which: string, received: Uint8Array, expected: Uint8Array): void {
  if (expected.length === 0) throw new FieldError("Hash DATA", 0, "nothing to compare with");
  let diff = received.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (received[i] ?? 0) ^ expected[i]!;
  if (diff !== 0) throw new NegotiationError(NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", `${which} does not match: the message was altered, or SKEYID_a differs`);
}
