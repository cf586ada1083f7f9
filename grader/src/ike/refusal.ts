/**
 * What kind of fault an error from a step function is, once the IKE SA
 * exists: the tunnel counts a dropped message under one of these reasons,
 * and a fault of the message (altered, forged, truncated) only drops that
 * message, while a refusal of the exchange itself ends that exchange.
 */
import { IntegrityError, NegotiationError, PacketError } from "@course/errors.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import type { IkeDropReason } from "../tunnel/drops.ts";

/**
 * The notify types the hash checks of chapters 07-10 throw with: HASH_I or
 * HASH_R (AUTHENTICATION-FAILED), a quick mode HASH or an informational
 * HASH(1) (INVALID-HASH-INFORMATION).
 */
const HASH_FAILURES: ReadonlySet<number> = new Set([NotifyType.INVALID_HASH_INFORMATION, NotifyType.AUTHENTICATION_FAILED]);

function isHashFailure(e: unknown): boolean {
  return e instanceof IntegrityError || (e instanceof NegotiationError && HASH_FAILURES.has(e.notifyType));
}

/** Why a message a step refused is dropped: its hash, its bytes, or what it asks for. */
export function refusalReason(e: unknown): IkeDropReason {
  if (isHashFailure(e)) return "ike-bad-hash";
  if (e instanceof PacketError) return "ike-malformed";
  return "ike-rejected";
}

/**
 * A fault of the message, not of the exchange: the bytes do not decode, or
 * the hash does not match (altered on the way, or not from the peer). RFC
 * 2408 section 5: such a message is dropped and the exchange goes on, so
 * anybody on the path cannot end it with one bad datagram.
 */
export function isMessageFault(e: unknown): boolean {
  return e instanceof PacketError || isHashFailure(e);
}
