/**
 * Exercise 04-negotiation/phase1: choose one transform from a phase 1 offer
 * and answer with it (reference solution).
 *
 * RFC 2409 section 5: a phase 1 SA payload holds exactly one proposal
 * (protocol ISAKMP) with one or more transforms. RFC 2408 section 4.2: the
 * responder answers with an SA payload holding that proposal with the one
 * transform it chose, unchanged, or refuses with NO-PROPOSAL-CHOSEN.
 * Lesson: lessons/04-negotiation.md#phase1
 */
import { NegotiationError } from "@course/errors.ts";
import { NotifyType, ProtocolId } from "@course/isakmp-attributes.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import { SEED_SUITE, matchIkeTransform, type IkeSuite, type Verdict } from "./ike-transform.ts";

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

/**
 * The first (offered, own) pair that fits, in the preferred side's order:
 * "initiator" walks `offered` outside and `own` inside, "responder" the other
 * way round. `refused` hears about every pair that did not fit.
 */
export function firstAcceptable<O, P, R>(
  offered: readonly O[],
  own: readonly P[],
  prefer: Preference,
  fit: (o: O, p: P) => Verdict<R>,
  refused: (o: O, p: P, why: { attribute: string; reason: string }) => void,
): { offered: O; own: P; value: R } | undefined {
  const pairs = prefer === "initiator" ? offered.flatMap((o) => own.map((p) => [o, p] as const)) : own.flatMap((p) => offered.map((o) => [o, p] as const));
  for (const [o, p] of pairs) {
    const v = fit(o, p);
    if (v.ok) return { offered: o, own: p, value: v.value };
    refused(o, p, v);
  }
  return undefined;
}

export function selectPhase1(offer: SecurityAssociation, policy: Phase1Policy): Phase1Choice {
  const proposal = offer.proposals[0];
  if (!proposal || offer.proposals.length !== 1) {
    throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal number", `a phase 1 SA holds exactly one proposal (RFC 2409 section 5), this one holds ${offer.proposals.length}`);
  }
  if (proposal.protocolId !== ProtocolId.ISAKMP) {
    throw new NegotiationError(NotifyType.INVALID_PROTOCOL_ID, "Protocol ID", `a phase 1 proposal is for ISAKMP (1), got ${proposal.protocolId}`);
  }
  const why: string[] = [];
  const found = firstAcceptable(proposal.transforms, policy.suites, policy.prefer, matchIkeTransform, (t, s, v) =>
    why.push(`proposal #${proposal.number} transform #${t.number} vs policy suite ${policy.suites.indexOf(s) + 1}: ${v.attribute}: ${v.reason}`),
  );
  if (!found) throw new NegotiationError(NotifyType.NO_PROPOSAL_CHOSEN, "Transform", `no offered transform fits the policy\n  ${why.join("\n  ")}`);
  return {
    // RFC 2408 section 4.2: exactly one proposal and one transform, with the
    // numbers and attributes exactly as the initiator sent them.
    reply: { doi: offer.doi, situation: offer.situation, proposals: [{ ...proposal, transforms: [found.offered] }] },
    proposal: proposal.number,
    transform: found.offered.number,
    sa: found.value,
  };
}
