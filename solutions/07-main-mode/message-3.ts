/**
 * Exercise 07-main-mode/message-3: the initiator checks the responder's
 * choice and starts the Diffie-Hellman exchange (reference solution).
 *
 * RFC 2409 section 5: message 2 returns one of our transforms, unchanged
 * (RFC 2408 section 4.2: a responder may not alter an attribute); anything
 * else is not an answer to our offer. Message 3 is HDR, KE, Ni: our public
 * value g^xi in the group just agreed, zero-padded to the prime's length,
 * and a fresh nonce. When both sides announced RFC 3947, two NAT-D payloads
 * follow (section 3.2), hashed with the agreed hash.
 *
 * Lesson: lessons/07-main-mode.md#message-3
 */
import { FieldError, NegotiationError } from "@course/errors.ts";
import { IkeAttr, NotifyType, ProtocolId } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { toHex } from "../01-bytes/hex.ts";
import { writeU32 } from "../01-bytes/integers.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { decodeMessage, type Payload } from "../03-payloads/message.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import { encodeTransform, type Transform } from "../03-payloads/transform.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import { privateValue, publicValue } from "../05-diffie-hellman/keypair.ts";
import { acceptHeader, clearMessage, onePayload, type Phase1Config, type Phase1State, type Step } from "./exchange.ts";
import { suiteAlgorithms } from "./keys.ts";
import { ikeTransform } from "./message-1.ts";
import { peerSupportsNatT } from "./message-2.ts";
import { natDetectionPayloads } from "./nat-detection.ts";

/**
 * A reply's transform as we would have encoded it: we send Life-Duration as
 * 4 octets (TLV) whatever its size, and strongSwan echoes one that fits 2
 * octets in basic form (TV). The same value either way (RFC 2409 Appendix A:
 * the duration is "variable length"), so the TV form becomes 4 octets here.
 */
function asOffered(t: Transform): Transform {
  const attributes = t.attributes.map((a) => {
    if (a.type !== IkeAttr.LIFE_DURATION || typeof a.value !== "number") return a;
    const value = new Uint8Array(4);
    writeU32(value, 0, a.value, "Life-Duration");
    return { ...a, value };
  });
  return { ...t, attributes };
}

/**
 * Which of our suites the responder chose. Its SA must hold one ISAKMP
 * proposal with one transform, octet for octet the transform of that number
 * in our offer (a Life-Duration in basic form counting as its 4 octets).
 */
export function chosenSuite(reply: SecurityAssociation, offered: readonly IkeSuite[]): IkeSuite {
  const proposal = reply.proposals[0];
  if (!proposal || reply.proposals.length !== 1 || proposal.transforms.length !== 1) {
    throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal transforms", "the reply must hold exactly one proposal with exactly one transform (RFC 2408 section 4.2)");
  }
  if (proposal.number !== 1 || proposal.protocolId !== ProtocolId.ISAKMP) {
    throw new NegotiationError(NotifyType.BAD_PROPOSAL_SYNTAX, "Proposal number", `we offered proposal #1 for ISAKMP, the reply is #${proposal.number} for protocol ${proposal.protocolId}`);
  }
  const t = proposal.transforms[0]!;
  const suite = offered[t.number - 1];
  if (!suite || toHex(encodeTransform(asOffered(t))) !== toHex(encodeTransform(ikeTransform(suite, t.number)))) {
    throw new NegotiationError(NotifyType.NO_PROPOSAL_CHOSEN, "Transform", `transform #${t.number} of the reply is not one we offered, unchanged`);
  }
  return suite;
}

/** Our half of the Diffie-Hellman exchange: the private value first, then the nonce, both from config.random. */
export function freshKeyExchange(config: Phase1Config, suite: IkeSuite): { x: bigint; publicValue: Uint8Array; nonce: Uint8Array } {
  const group = modpGroup(suite.group);
  const x = privateValue(group, config.random);
  return { x, publicValue: publicValue(group, x), nonce: config.random(config.nonceBytes).slice() };
}

/**
 * The payloads of message 3 and message 4 alike: KE, Nonce, the configured
 * key-exchange vendor IDs, and (NAT-T only) NAT-D for the peer, then for us.
 */
export function keyExchangePayloads(state: Phase1State, publicKey: Uint8Array, nonce: Uint8Array): Payload[] {
  const { config } = state;
  const natD = state.natT && state.suite ? natDetectionPayloads(state, suiteAlgorithms(state.suite).hash, config.local, config.remote) : [];
  return [
    { type: PayloadType.KEY_EXCHANGE, data: publicKey },
    { type: PayloadType.NONCE, data: nonce },
    ...config.vendorIds.keyExchange.map((data) => ({ type: PayloadType.VENDOR_ID, data })),
    ...natD.map((data) => ({ type: PayloadType.NAT_D, data })),
  ];
}

export function mainMode3(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "initiator" || state.messages !== 1) throw new FieldError("Message", state.messages, "message 2 is for an initiator that has sent message 1 and nothing after it");
  const m = decodeMessage(datagram);
  const accepted = acceptHeader(state, decodeHeader(datagram));
  const suite = chosenSuite(onePayload(m, PayloadType.SA).sa, state.config.suites);
  const natT = state.config.natTraversal && peerSupportsNatT(m);
  const dh = freshKeyExchange(state.config, suite);
  const next: Phase1State = { ...accepted, suite, natT, x: dh.x, gxi: dh.publicValue, ni: dh.nonce, messages: 3 };
  return { state: next, send: clearMessage(next, keyExchangePayloads(next, dh.publicValue, dh.nonce)) };
}
