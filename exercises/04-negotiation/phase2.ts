/**
 * Exercise 04-negotiation/phase2: choose a quick mode proposal, AND-ed
 * protocols and all, and answer with it.
 *
 * `selectPhase2(offer, policy, spis)`:
 * 1. Group the proposals: consecutive Proposal payloads with the same
 *    number are one group (AND). Refuse with NegotiationError: a protocol
 *    other than AH (2), ESP (3) or IPCOMP (4): INVALID_PROTOCOL_ID (10),
 *    "Protocol ID"; a protocol twice in one group: BAD_PROPOSAL_SYNTAX (15),
 *    "Protocol ID"; a number lower than the one before: 15, "Proposal number".
 * 2. A group fits a transform set when the set's protocols (ah, esp) are
 *    exactly the group's, and each proposal of the group has a transform
 *    that `matchIpsecTransform(t, set.ah or set.esp, set)` accepts: the first
 *    such in the initiator's order. Choose with `firstAcceptable(groups,
 *    policy.sets, policy.prefer, ...)`. Nothing: NO_PROPOSAL_CHOSEN (14),
 *    field "Proposal", a reason naming proposal numbers and attributes.
 * 3. The reply: DOI and situation as offered; each proposal of the chosen
 *    group in order, with its number and protocol, `spi = spis.get(protocol)`
 *    (missing: FieldError "SPI") and `transforms: [the chosen transform]`.
 *    For each: `responderLifetime(offered, policy.lifetime)`; when shortened,
 *    a `responderLifetimeNotification(protocol, responder SPI, lifetime)`.
 *    `chosen` lists protocol, transform number and lifetime, in order.
 *
 * Lesson: lessons/04-negotiation.md#phase2
 */
import { todo } from "@course/todo.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { IpsecSuite, Lifetime, SetOptions } from "./ipsec-transform.ts";
import type { Preference } from "./phase1.ts";

/** A Cisco `crypto ipsec transform-set`: AH, ESP or both (a bundle), in one mode. */
export interface TransformSet extends SetOptions {
  ah?: IpsecSuite;
  esp?: IpsecSuite;
}

export interface Phase2Policy {
  /** Acceptable sets, most preferred first (Cisco: `set transform-set A B`). */
  sets: TransformSet[];
  /** The responder's own IPsec SA lifetime. */
  lifetime: Lifetime;
  prefer: Preference;
}

export interface ChosenProtocol {
  protocolId: number;
  /** The chosen transform's number, as offered. */
  transform: number;
  /** The lifetime this SA will have. */
  lifetime: Lifetime;
}

export interface Phase2Choice {
  /** The responder's SA payload: the chosen proposal, responder SPIs, one transform per protocol. */
  reply: SecurityAssociation;
  proposal: number;
  chosen: ChosenProtocol[];
  /** RESPONDER-LIFETIME notifications, one per protocol whose lifetime was shortened. */
  notifications: Notification[];
}

export function selectPhase2(offer: SecurityAssociation, policy: Phase2Policy, spis: ReadonlyMap<number, Uint8Array>): Phase2Choice {
  return todo("selectPhase2");
}
