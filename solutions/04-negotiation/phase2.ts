/**
 * Exercise 04-negotiation/phase2: choose a quick mode proposal, AND-ed
 * protocols and all, and answer with it (reference solution).
 *
 * RFC 2408 sections 3.5 and 4.2, RFC 2407 section 4.6: Proposal payloads
 * with the same number are one offer of several protocols together (AH AND
 * ESP): all of them must be acceptable. Different numbers are alternatives
 * (OR). The answer keeps the chosen proposal number, puts the responder's
 * own SPI in each protocol's proposal, and one transform per protocol.
 * Lesson: lessons/04-negotiation.md#phase2
 */
import { FieldError, NegotiationError } from "@course/errors.ts";
import { NotifyType, PROTOCOL_ID_NAMES, ProtocolId } from "@course/isakmp-attributes.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { Proposal } from "../03-payloads/proposal.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { Verdict } from "./ike-transform.ts";
import { matchIpsecTransform, type IpsecSuite, type Lifetime, type SetOptions } from "./ipsec-transform.ts";
import { responderLifetime, responderLifetimeNotification } from "./lifetime.ts";
import { firstAcceptable, type Preference } from "./phase1.ts";

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

type Picked = { proposal: Proposal; transform: Transform; offered: Lifetime }[];

/** Proposals with the same number, in order; numbers must not go down (RFC 2408 section 3.5). */
function groups(offer: SecurityAssociation): Proposal[][] {
  const out: Proposal[][] = [];
  for (const p of offer.proposals) {
    if (p.protocolId !== ProtocolId.IPSEC_AH && p.protocolId !== ProtocolId.IPSEC_ESP && p.protocolId !== ProtocolId.IPCOMP) {
      throw new NegotiationError(NotifyType.INVALID_PROTOCOL_ID, "Protocol ID", `quick mode proposes AH, ESP or IPCOMP, proposal #${p.number} is for ${PROTOCOL_ID_NAMES.get(p.protocolId) ?? p.protocolId}`);
    }
    const last = out[out.length - 1];
    const lastNumber = last?.[0]?.number;
    if (last && lastNumber === p.number) {
      if (last.some((q) => q.protocolId === p.protocolId)) {
        throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Protocol ID", `proposal #${p.number} names ${PROTOCOL_ID_NAMES.get(p.protocolId)} twice`);
      }
      last.push(p);
    } else if (lastNumber !== undefined && p.number < lastNumber) {
      throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal number", `proposal numbers must not go down: #${p.number} follows #${lastNumber}`);
    } else {
      out.push([p]);
    }
  }
  return out;
}

function suiteFor(set: TransformSet, protocolId: number): IpsecSuite | undefined {
  return protocolId === ProtocolId.IPSEC_AH ? set.ah : protocolId === ProtocolId.IPSEC_ESP ? set.esp : undefined;
}

/** AND: every protocol of the group fits the set, and the set has no protocol the group lacks. */
function fitGroup(group: readonly Proposal[], set: TransformSet): Verdict<Picked> {
  const want = [set.ah && ProtocolId.IPSEC_AH, set.esp && ProtocolId.IPSEC_ESP].filter((x) => x !== undefined);
  const missing = want.find((id) => !group.some((p) => p.protocolId === id));
  if (missing !== undefined) return { ok: false, attribute: "Protocol ID", reason: `the transform set needs ${PROTOCOL_ID_NAMES.get(missing)} too` };
  const picked: Picked = [];
  for (const p of group) {
    const suite = suiteFor(set, p.protocolId);
    if (!suite) return { ok: false, attribute: "Protocol ID", reason: `the transform set has no ${PROTOCOL_ID_NAMES.get(p.protocolId)}` };
    // Transform order matters: the initiator's first acceptable transform.
    const why: string[] = [];
    let found: Picked[number] | undefined;
    for (const t of p.transforms) {
      const v = matchIpsecTransform(t, suite, set);
      if (v.ok) {
        found = { proposal: p, transform: t, offered: v.value };
        break;
      }
      why.push(`transform #${t.number}: ${v.attribute}: ${v.reason}`);
    }
    if (!found) return { ok: false, attribute: "Transform", reason: `no ${PROTOCOL_ID_NAMES.get(p.protocolId)} transform fits (${why.join("; ")})` };
    picked.push(found);
  }
  return { ok: true, value: picked };
}

export function selectPhase2(offer: SecurityAssociation, policy: Phase2Policy, spis: ReadonlyMap<number, Uint8Array>): Phase2Choice {
  const why: string[] = [];
  const found = firstAcceptable(groups(offer), policy.sets, policy.prefer, fitGroup, (g, s, v) =>
    why.push(`proposal #${g[0]!.number} vs transform set ${policy.sets.indexOf(s) + 1}: ${v.attribute}: ${v.reason}`),
  );
  if (!found) throw new NegotiationError(NotifyType.NO_PROPOSAL_CHOSEN, "Proposal", `no offered proposal fits the policy\n  ${why.join("\n  ")}`);
  const chosen: ChosenProtocol[] = [];
  const notifications: Notification[] = [];
  const proposals = found.value.map(({ proposal, transform, offered }) => {
    const spi = spis.get(proposal.protocolId);
    if (!spi) throw new FieldError("SPI", proposal.protocolId, `no responder SPI given for ${PROTOCOL_ID_NAMES.get(proposal.protocolId)}`);
    const { lifetime, shortened } = responderLifetime(offered, policy.lifetime);
    chosen.push({ protocolId: proposal.protocolId, transform: transform.number, lifetime });
    // The initiator's transform goes back unchanged (RFC 2408 section 4.2):
    // a shorter lifetime is announced beside it, never written into it.
    if (shortened) notifications.push(responderLifetimeNotification(proposal.protocolId, spi, lifetime));
    return { number: proposal.number, protocolId: proposal.protocolId, spi, transforms: [transform] };
  });
  return { reply: { doi: offer.doi, situation: offer.situation, proposals }, proposal: found.offered[0]!.number, chosen, notifications };
}
