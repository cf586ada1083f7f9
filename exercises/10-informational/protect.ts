/**
 * Exercise 10-informational/protect: an informational exchange protected by
 * the IKE SA.
 *
 * After phase 1 every informational message (RFC 2409 section 5.7) is
 *
 *   HDR*, HASH(1), N/D        HASH(1) = prf(SKEYID_a, M-ID | N/D)
 *
 * HDR* is the 28-octet header in clear: the IKE SA's cookies, Next Payload
 * HASH (8), version 1.0, exchange type INFORMATIONAL (5), flags with only E
 * set, the Message ID, and a Length that counts the encrypted, padded body.
 * M-ID is the Message ID as 4 big-endian octets; N/D are the Notification
 * and Delete payloads after the HASH, generic headers included, exactly as
 * they travel (the last one's Next Payload is 0; the HASH payload's own
 * header is not covered). The prf is chapter 06's prf with the IKE SA's
 * hash (ike.keys.hash) and key ike.keys.skeyid_a.
 * The body is encrypted with the IV of a new exchange: chapter 06's
 * exchangeIv(ike.keys.hash, ike.lastIv, messageId, cipher block size).
 *
 * 1. `freshMessageId(random)`: 4 octets from `random` read as a big-endian
 *    number; draw again while it is 0 (Message ID 0 is phase 1's).
 * 2. `informationalHash(ike, messageId, payloads)`: HASH(1) over the given
 *    payloads. Hint: encodeMessage (chapter 03) writes a header and then
 *    exactly the chain bytes you need.
 * 3. `sealInformational(ike, messageId, payloads)`: the whole message as
 *    above (sealMessage from chapter 07 does header and encryption).
 *    Refuse Message ID 0 with FieldError("Message ID", 0, reason), an empty
 *    list with FieldError("Next payload", 0, reason), and any payload that
 *    is not a Notification (11) or Delete (12) with
 *    NegotiationError(INVALID-PAYLOAD-TYPE = 1, "Next payload", reason).
 * 4. `openInformational(ike, datagram)`: check, decrypt, authenticate;
 *    return the Message ID and the payloads after HASH(1). In this order:
 *    - Initiator SPI / Responder SPI not this IKE SA's cookies ->
 *      FieldError("Initiator SPI" / "Responder SPI", hex, reason);
 *      exchange type not 5 -> FieldError("Exchange type", ...);
 *    - E flag clear -> NegotiationError(INVALID-FLAGS = 8, "Flags", reason):
 *      after phase 1 a clear informational message could come from anyone;
 *    - Message ID 0 -> FieldError("Message ID", 0, reason);
 *    - decrypt (openMessage, chapter 07); the first payload not a HASH ->
 *      NegotiationError(INVALID-HASH-INFORMATION = 23, "Next payload", ...);
 *      the others as in sealInformational;
 *    - HASH(1) not equal to your own computation ->
 *      NegotiationError(INVALID-HASH-INFORMATION = 23, "Hash DATA", reason).
 *
 * NotifyType in @course/isakmp-attributes.ts names every notify type.
 *
 * Lesson: lessons/10-informational.md#protect
 */
import { todo } from "@course/todo.ts";
import type { Payload } from "../03-payloads/message.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";

/** What an informational message carries after its HASH(1). */
export interface Informational {
  readonly messageId: number;
  readonly payloads: Payload[];
}

export function freshMessageId(random: RandomSource): number {
  return todo("freshMessageId");
}

export function informationalHash(ike: IkeSa, messageId: number, payloads: Payload[]): Uint8Array {
  return todo("informationalHash");
}

export function sealInformational(ike: IkeSa, messageId: number, payloads: Payload[]): Uint8Array {
  return todo("sealInformational");
}

export function openInformational(ike: IkeSa, datagram: Uint8Array): Informational {
  return todo("openInformational");
}
