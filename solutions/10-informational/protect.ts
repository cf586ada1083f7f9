/**
 * Exercise 10-informational/protect: an informational exchange protected by
 * the IKE SA: HASH(1) and encryption (reference solution).
 *
 * RFC 2409 section 5.7: once phase 1 has keys, every informational message
 * is encrypted and starts with a HASH payload:
 *
 *   HDR*, HASH(1), N/D
 *   HASH(1) = prf(SKEYID_a, M-ID | N/D)
 *
 * where M-ID is the message's 4-octet Message ID and N/D the Notification
 * or Delete payloads that follow the HASH, generic headers included (the
 * HASH payload's own header is not covered). The IV is that of a new
 * exchange (RFC 2409 Appendix B): hash(last phase-1 CBC block | M-ID), so
 * every informational message, with its own random Message ID, is encrypted
 * independently of quick modes and of the other informational messages.
 *
 * Lesson: lessons/10-informational.md#protect
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError, NegotiationError } from "@course/errors.ts";
import { ikeCipher } from "@course/ike-algorithms.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { ExchangeType, PayloadType } from "@course/isakmp-names.ts";
import { toHex } from "../01-bytes/hex.ts";
import { readU32 } from "../01-bytes/integers.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { ISAKMP_HEADER_LENGTH } from "../02-isakmp-header/header.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { encodeMessage, type Payload } from "../03-payloads/message.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";
import { exchangeIv } from "../06-phase1-keys/iv.ts";
import { prf } from "../06-phase1-keys/prf.ts";
import { openMessage, sealMessage } from "../07-main-mode/encryption.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";

/** What an informational message carries after its HASH(1). */
export interface Informational {
  readonly messageId: number;
  readonly payloads: Payload[];
}

/** RFC 2408 section 4.8: an informational exchange carries notifications and deletes. */
const INFORMATIONAL_PAYLOADS: ReadonlySet<number> = new Set([PayloadType.NOTIFICATION, PayloadType.DELETE]);

/**
 * A Message ID for a new exchange: random (RFC 2408 section 3.1: unique per
 * exchange, and section 4.8: informational exchanges choose one) and not 0,
 * which is phase 1's.
 */
export function freshMessageId(random: RandomSource): number {
  for (;;) {
    const bytes = random(4);
    if (bytes.length !== 4) throw new FieldError("Message ID", bytes.length, "the random source must return 4 octets for a Message ID");
    const id = readU32(bytes, 0);
    if (id !== 0) return id;
  }
}

/**
 * The payloads as they travel, generic headers included, the last one's Next
 * Payload 0: the same bytes the encoder puts after a header.
 */
function chainBytes(ike: IkeSa, payloads: Payload[]): Uint8Array {
  const m = encodeMessage({
    initiatorSpi: ike.ckyI,
    responderSpi: ike.ckyR,
    exchangeType: ExchangeType.INFORMATIONAL,
    flags: { encryption: false, commit: false, authenticationOnly: false },
    messageId: 0,
    payloads,
  });
  return m.subarray(ISAKMP_HEADER_LENGTH);
}

/** HASH(1) = prf(SKEYID_a, M-ID | N/D), M-ID as 4 big-endian octets (RFC 2409 section 5.7). */
export function informationalHash(ike: IkeSa, messageId: number, payloads: Payload[]): Uint8Array {
  const data = new ByteWriter().u32(messageId, "Message ID").bytes(chainBytes(ike, payloads)).finish();
  return prf(ike.keys.hash, ike.keys.skeyid_a, data);
}

function checkPayloads(payloads: Payload[]): void {
  if (payloads.length === 0) throw new FieldError("Next payload", 0, "an informational message carries at least one Notification or Delete payload");
  for (const p of payloads) {
    if (!INFORMATIONAL_PAYLOADS.has(p.type)) {
      throw new NegotiationError(NotifyType.INVALID_PAYLOAD_TYPE, "Next payload", `payload type ${p.type} has no place in an informational exchange: only Notification (11) and Delete (12) follow HASH(1)`);
    }
  }
}

function ivFor(ike: IkeSa, messageId: number): Uint8Array {
  return exchangeIv(ike.keys.hash, ike.lastIv, messageId, ikeCipher(ike.keys.cipher).blockBytes);
}

/**
 * HDR*, HASH(1), N/D: the whole message, encrypted with the IV of a new
 * exchange. The same inputs always give the same octets (the padding is
 * zeros), which is how a test can compare them with strongSwan's.
 */
export function sealInformational(ike: IkeSa, messageId: number, payloads: Payload[]): Uint8Array {
  if (messageId === 0) throw new FieldError("Message ID", 0, "Message ID 0 belongs to phase 1; an informational exchange after it uses a fresh non-zero one");
  checkPayloads(payloads);
  const hash: Payload = { type: PayloadType.HASH, data: informationalHash(ike, messageId, payloads) };
  const message = {
    initiatorSpi: ike.ckyI,
    responderSpi: ike.ckyR,
    exchangeType: ExchangeType.INFORMATIONAL,
    flags: { encryption: true, commit: false, authenticationOnly: false },
    messageId,
    payloads: [hash, ...payloads],
  };
  return sealMessage(message, ike.keys, ivFor(ike, messageId)).datagram;
}

/**
 * Checks, decrypts and authenticates an informational message of this IKE
 * SA, and returns the payloads after HASH(1).
 *
 * An unencrypted one is refused: after phase 1 anybody on the path could
 * forge a clear "delete" or "NO-PROPOSAL-CHOSEN", so RFC 2409 section 5.7
 * lets only hashed ones act. The HASH is recomputed over the payloads as our
 * encoder writes them; the codecs of chapter 03 give back exactly the octets
 * they read (they refuse non-zero reserved fields and trailing bytes), so
 * this is the hash of the octets that travelled.
 */
export function openInformational(ike: IkeSa, datagram: Uint8Array): Informational {
  const h = decodeHeader(datagram);
  if (!equalBytes(h.initiatorSpi, ike.ckyI)) throw new FieldError("Initiator SPI", toHex(h.initiatorSpi), "not the initiator cookie of this IKE SA");
  if (!equalBytes(h.responderSpi, ike.ckyR)) throw new FieldError("Responder SPI", toHex(h.responderSpi), "not the responder cookie of this IKE SA");
  if (h.exchangeType !== ExchangeType.INFORMATIONAL) throw new FieldError("Exchange type", h.exchangeType, "an informational message has exchange type 5");
  if (!h.flags.encryption) {
    throw new NegotiationError(NotifyType.INVALID_FLAGS, "Flags", "an unencrypted informational message after phase 1 could come from anyone: it must be encrypted and carry HASH(1) (RFC 2409 section 5.7)");
  }
  if (h.messageId === 0) throw new FieldError("Message ID", 0, "an informational exchange after phase 1 has its own non-zero Message ID");
  const { message } = openMessage(datagram, ike.keys, ivFor(ike, h.messageId));
  const [first, ...rest] = message.payloads;
  if (first === undefined || first.type !== PayloadType.HASH) {
    throw new NegotiationError(NotifyType.INVALID_HASH_INFORMATION, "Next payload", "the first payload of a protected informational message must be HASH(1) (RFC 2409 section 5.7)");
  }
  checkPayloads(rest);
  const want = informationalHash(ike, h.messageId, rest);
  if (!equalBytes(first.data, want)) {
    throw new NegotiationError(NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", `HASH(1) is ${toHex(first.data)}, but prf(SKEYID_a, M-ID | N/D) is ${toHex(want)}: altered on the way, or another IKE SA's key`);
  }
  return { messageId: h.messageId, payloads: rest };
}
