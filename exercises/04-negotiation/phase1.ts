/**
 * Exercise 04-negotiation/phase1: choose one transform from a phase 1 offer
 * and answer with it.
 *
 * - `firstAcceptable(offered, own, prefer, fit, refused)`: try the pairs
 *   (o, p) with the preferred side's list outside: "initiator" = for each o,
 *   for each p; "responder" = for each p, for each o. Return the first pair
 *   whose `fit(o, p)` is ok as `{ offered: o, own: p, value }`; call
 *   `refused(o, p, verdict)` for every pair before it. None: undefined.
 * - `selectPhase1(offer, policy)`:
 *   - not exactly one proposal: NegotiationError(BAD_PROPOSAL_SYNTAX 15,
 *     "Proposal number") (RFC 2409 section 5);
 *   - its protocol not ISAKMP (1): NegotiationError(INVALID_PROTOCOL_ID 10,
 *     "Protocol ID");
 *   - pick with firstAcceptable(transforms, policy.suites, policy.prefer,
 *     matchIkeTransform, ...); nothing: NegotiationError(NO_PROPOSAL_CHOSEN
 *     14, "Transform", a reason naming each proposal/transform number and
 *     the attribute refused);
 *   - return the reply SA (same DOI and situation, the proposal with its
 *     number and SPI, and only the chosen transform, unchanged), the
 *     proposal and transform numbers, and the accepted suite.
 *
 * Lesson: lessons/04-negotiation.md#phase1
 */
import { todo } from "@course/todo.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import { SEED_SUITE, type IkeSuite, type Verdict } from "./ike-transform.ts";

/**
 * Whose order decides when several pairs would fit. Cisco IOS and strongSwan
 * (charon.prefer_configured_proposals = yes, the default) walk their own list
 * first; strongSwan with that option off walks the initiator's.
 */
export type Preference = "initiator" | "responder";

export interface Phase1Policy {
  /** Acceptable suites, most preferred first (Cisco: lowest policy number first). */
  suites: IkeSuite[];
  prefer: Preference;
}

/** R2 of the seed, with its one policy. */
export const SEED_PHASE1_POLICY: Phase1Policy = { suites: [SEED_SUITE], prefer: "responder" };

export interface Phase1Choice {
  /** The responder's SA payload: the offered proposal with the chosen transform only. */
  reply: SecurityAssociation;
  /** Proposal and transform numbers as offered. */
  proposal: number;
  transform: number;
  /** What was agreed, with the lifetime that will be used. */
  sa: IkeSuite;
}

export function firstAcceptable<O, P, R>(
  offered: readonly O[],
  own: readonly P[],
  prefer: Preference,
  fit: (o: O, p: P) => Verdict<R>,
  refused: (o: O, p: P, why: { attribute: string; reason: string }) => void,
): { offered: O; own: P; value: R } | undefined {
  return todo("firstAcceptable");
}

export function selectPhase1(offer: SecurityAssociation, policy: Phase1Policy): Phase1Choice {
  return todo("selectPhase1");
}
