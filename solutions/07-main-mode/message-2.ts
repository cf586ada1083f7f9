/**
 * Exercise 07-main-mode/message-2: the responder reads the offer and answers
 * with its choice (reference solution).
 *
 * RFC 2409 section 5 (HDR, SA): the responder picks one transform of the one
 * proposal and returns it unchanged (RFC 2408 section 4.2, chapter 04's
 * selectPhase1). It also picks its own cookie, which from now on fills the
 * Responder SPI of every message. The RFC 3947 vendor ID goes back only when
 * the initiator sent it and we do NAT traversal: both must support it.
 *
 * Lesson: lessons/07-main-mode.md#message-2
 */
import { equalBytes } from "@course/bytes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { ISAKMP_HEADER_LENGTH } from "../02-isakmp-header/header.ts";
import { walkChain } from "../03-payloads/chain.ts";
import { MESSAGE_PAYLOAD_TYPES, decodeMessage, type IsakmpMessage, type Payload } from "../03-payloads/message.ts";
import { selectPhase1 } from "../04-negotiation/phase1.ts";
import { acceptHeader, clearMessage, onePayload, payloadsOf, responderState, type Phase1Config, type Phase1State, type Step } from "./exchange.ts";
import { natTraversalVendorId, saVendorIds } from "./message-1.ts";

/** Did the peer send the RFC 3947 vendor ID? (Drafts' IDs are not enough: they use other payload numbers and ports.) */
export function peerSupportsNatT(m: IsakmpMessage): boolean {
  const rfc3947 = natTraversalVendorId();
  return payloadsOf(m, PayloadType.VENDOR_ID).some((v) => equalBytes(v.data, rfc3947));
}

/**
 * The SA payload body exactly as the initiator sent it. HASH_I and HASH_R
 * cover these octets (RFC 2409 section 5: SAi_b is "the entire body of the
 * SA payload"), so they come off the wire, not from a re-encoding.
 */
export function saBodyAsSent(datagram: Uint8Array): Uint8Array {
  const h = decodeHeader(datagram);
  const raw = walkChain(h.nextPayload, datagram.subarray(ISAKMP_HEADER_LENGTH), MESSAGE_PAYLOAD_TYPES, ISAKMP_HEADER_LENGTH).find((p) => p.type === PayloadType.SA);
  // decodeMessage and onePayload ran first, so the SA payload is there.
  return raw!.body.slice();
}

export function mainMode2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State> {
  const m = decodeMessage(datagram);
  const header = decodeHeader(datagram);
  const fresh = responderState("main", config, header);
  const state = acceptHeader(fresh, header);
  const offer = onePayload(m, PayloadType.SA).sa;
  // NegotiationError NO-PROPOSAL-CHOSEN (or BAD-PROPOSAL-SYNTAX) when nothing fits.
  const choice = selectPhase1(offer, { suites: [...config.suites], prefer: config.prefer });
  const natT = config.natTraversal && peerSupportsNatT(m);
  const payloads: Payload[] = [
    { type: PayloadType.SA, sa: choice.reply },
    ...(natT ? saVendorIds(config) : config.vendorIds.sa).map((data) => ({ type: PayloadType.VENDOR_ID, data })),
  ];
  return { state: { ...state, saiB: saBodyAsSent(datagram), suite: choice.sa, natT, messages: 2 }, send: clearMessage(state, payloads) };
}
