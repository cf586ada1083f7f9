/**
 * Exercise 09-quick-mode/message-3: the initiator checks message 2 and
 * sends HASH(3); the responder checks HASH(3); both get the CHILD SA.
 *
 * RFC 2409 section 5.5:  HDR*, HASH(3)
 *
 * 1. `quick3(state, datagram)` (initiator; another role -> FieldError(
 *    "Quick mode state")): the Message ID must be state.messageId (else
 *    FieldError("Message ID")); open with state.iv; check HASH(2) with
 *    state.ni; quickPayloads (message-2). The reply SA must hold exactly one
 *    proposal, with a number and protocol we offered, exactly one transform
 *    equal, octet for octet, to one of that proposal's transforms (compare
 *    encodeTransform outputs), else NegotiationError(BAD_PROPOSAL_SYNTAX
 *    (15), "Proposal", ...); its SPI is the peer's (4 octets, >= 256, else
 *    FieldError("SPI Size") / ("SPI")). The agreed lifetime is the one our
 *    transform offered (none: 28800 s, DEFAULT_IPSEC_LIFETIME), shortened
 *    kind by kind by a RESPONDER-LIFETIME notify for that protocol (its
 *    data: SA-Life-Type / SA-Life-Duration pairs). IDs: checkProxyIds(
 *    config, "initiator", ...) with { our address, the peer's }. PFS:
 *    pfsSecret(state.pfsGroup, KE, state.x). Send HASH(3) alone, sealed
 *    with the nextIv of message 2, and return the CHILD SA.
 * 2. `quickFinish(state, datagram)` (responder after message 2, else
 *    FieldError("Quick mode state")): same Message ID check, open with
 *    state.iv, exactly one payload (else NegotiationError(PAYLOAD_MALFORMED,
 *    "Next payload")), HASH(3) checked; return the CHILD SA.
 *
 * The CHILD SA (ChildSa in ./proxy-id.ts) of both: algorithms from
 * ipsecAlgorithms("@course/ipsec-suites.ts") of the agreed transform
 * (transform ID, Authentication-Algorithm, Key-Length); mode "transport"
 * for Encapsulation-Mode 2 or 4, else "tunnel"; udpEncapsulation for 3 or
 * 4; inbound = childKeys with OUR SPI, outbound = childKeys with the PEER's,
 * both with Ni_b, Nr_b in that order and g(qm)^xy with PFS; lifetime,
 * subnets from the config, messageId, pfs.
 *
 * Lesson: lessons/09-quick-mode.md#message-3
 */
import { todo } from "@course/todo.ts";
import type { QuickState } from "./message-1.ts";
import type { ChildSa } from "./proxy-id.ts";

export function quick3(state: QuickState, datagram: Uint8Array): { send: Uint8Array; child: ChildSa } {
  return todo("quick3");
}

export function quickFinish(state: QuickState, datagram: Uint8Array): { child: ChildSa } {
  return todo("quickFinish");
}
