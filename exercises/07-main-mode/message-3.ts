/**
 * Exercise 07-main-mode/message-3: the initiator checks the responder's
 * choice and starts the Diffie-Hellman exchange.
 *
 * Write:
 * - chosenSuite(reply, offered): the responder's SA must hold exactly one
 *   proposal with exactly one transform (else NegotiationError
 *   BAD-PROPOSAL-SYNTAX (15), field "Proposal transforms"), proposal number
 *   1 and protocol ISAKMP (else BAD-PROPOSAL-SYNTAX, field "Proposal
 *   number"), and its transform must encode (encodeTransform) to exactly the
 *   octets of ikeTransform(offered[number - 1], number) (else
 *   NO-PROPOSAL-CHOSEN (14), field "Transform"), with one allowance: a
 *   Life-Duration (12) that comes back as a number (basic form, 2 octets;
 *   strongSwan echoes a lifetime below 65536 s that way) counts as the same
 *   value in the 4 octets you sent. Returns that suite.
 * - freshKeyExchange(config, suite): in this order, from config.random:
 *   x = privateValue(group of suite.group, config.random), then the nonce =
 *   config.random(config.nonceBytes). Returns { x, publicValue: g^x as the
 *   group's length, nonce }.
 * - keyExchangePayloads(state, publicKey, nonce): [KE, Nonce, one Vendor ID
 *   per config.vendorIds.keyExchange, then, only when state.natT, two NAT-D
 *   payloads: natDetectionPayloads(state, the suite's hash, config.local,
 *   config.remote)]. Used by messages 3 and 4 alike.
 * - mainMode3(state, datagram): for an initiator that has sent message 1 and
 *   nothing since (else FieldError "Message"): decodeMessage, then
 *   acceptHeader (it learns the responder cookie), suite =
 *   chosenSuite(onePayload(SA).sa, config.suites), natT =
 *   config.natTraversal && peerSupportsNatT(message), freshKeyExchange. The
 *   next state has suite, natT, x, gxi (the public value), ni (the nonce),
 *   messages 3; send = clearMessage(next state, keyExchangePayloads(...)).
 *
 * Configured like the seed's R1, message 3 is 284 octets.
 *
 * Lesson: lessons/07-main-mode.md#message-3
 */
import { todo } from "@course/todo.ts";
import type { Payload } from "../03-payloads/message.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Phase1Config, Phase1State, Step } from "./exchange.ts";

export function chosenSuite(reply: SecurityAssociation, offered: readonly IkeSuite[]): IkeSuite {
  return todo("chosenSuite");
}

export function freshKeyExchange(config: Phase1Config, suite: IkeSuite): { x: bigint; publicValue: Uint8Array; nonce: Uint8Array } {
  return todo("freshKeyExchange");
}

export function keyExchangePayloads(state: Phase1State, publicKey: Uint8Array, nonce: Uint8Array): Payload[] {
  return todo("keyExchangePayloads");
}

export function mainMode3(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode3");
}
