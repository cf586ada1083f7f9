/**
 * Exercise 07-main-mode/message-2: the responder reads the offer and answers
 * with its choice.
 *
 * Write:
 * - peerSupportsNatT(message): true when one of its Vendor ID payloads is
 *   exactly the RFC 3947 one (natTraversalVendorId from message-1). The NAT-T
 *   drafts' IDs do not count: they use other payload numbers.
 * - saBodyAsSent(datagram): the body (after the 4-octet generic header) of
 *   the SA payload, octets exactly as they are in the datagram: walk the
 *   chain (chapter 03 walkChain, MESSAGE_PAYLOAD_TYPES) after the 28-octet
 *   header. You may assume the datagram decodes and has an SA payload.
 * - mainMode2(config, datagram): decodeMessage and decodeHeader the
 *   datagram; state = responderState("main", config, header), then
 *   acceptHeader(state, header) (exercise exchange: it checks version,
 *   exchange type, Message ID and cookies). The offer is onePayload(SA);
 *   selectPhase1 (chapter 04) with { suites: config.suites, prefer:
 *   config.prefer } chooses or throws its NegotiationError. natT =
 *   config.natTraversal && peerSupportsNatT(message). Reply with
 *   clearMessage: [SA = the choice's reply, Vendor ID payloads: RFC 3947's
 *   first when natT, then config.vendorIds.sa]. Returns { state: {...state,
 *   saiB: saBodyAsSent(datagram), suite: choice.sa, natT, messages: 2},
 *   send }.
 *
 * Configured like the seed's R2, message 2 is 108 octets.
 *
 * Lesson: lessons/07-main-mode.md#message-2
 */
import { todo } from "@course/todo.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";
import type { Phase1Config, Phase1State, Step } from "./exchange.ts";

export function peerSupportsNatT(m: IsakmpMessage): boolean {
  return todo("peerSupportsNatT");
}

export function saBodyAsSent(datagram: Uint8Array): Uint8Array {
  return todo("saBodyAsSent");
}

export function mainMode2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode2");
}
