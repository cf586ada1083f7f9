/**
 * Exercise 07-main-mode/message-1: the initiator's first main mode message,
 * the offer (reference solution).
 *
 * RFC 2409 section 5 (main mode, HDR, SA): one SA payload, DOI IPSEC,
 * situation SIT_IDENTITY_ONLY, exactly one proposal for protocol ISAKMP with
 * no SPI (the cookies are the SPI), and one KEY_IKE transform per suite we
 * are willing to use, numbered 1, 2, ... in our order of preference. Vendor
 * IDs may follow (RFC 2408 section 3.16); RFC 3947 section 3.1 puts the NAT-T
 * one in the first two messages so both sides know early whether NAT-D
 * payloads will come in messages 3 and 4.
 *
 * Lesson: lessons/07-main-mode.md#message-1
 */
import { FieldError } from "@course/errors.ts";
import { Doi, IkeAttr, LifeType, ProtocolId, Situation, TransformId } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { WELL_KNOWN_VENDOR_IDS } from "@course/isakmp-vendor-ids.ts";
import type { DataAttribute } from "../03-payloads/attributes.ts";
import type { Payload } from "../03-payloads/message.ts";
import { encodeSa, type SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import { vendorIdBytes } from "../03-payloads/vendor-id.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import { clearMessage, type Phase1Config, type Phase1State, type Step } from "./exchange.ts";

/** The RFC 3947 vendor ID: MD5("RFC 3947"), 4a131c81070358455c5728f20e95452f. */
export function natTraversalVendorId(): Uint8Array {
  const recipe = WELL_KNOWN_VENDOR_IDS.find((r) => r.name.startsWith("RFC 3947"));
  if (!recipe) throw new FieldError("Vendor ID", "RFC 3947", "missing from the well-known vendor IDs");
  return vendorIdBytes(recipe);
}

/**
 * One suite as a KEY_IKE transform, attributes in the order Cisco IOS and
 * the seed send them: encryption, key length (AES only), hash, group,
 * authentication method, life type seconds, life duration. The duration
 * always travels as a 4-octet TLV, as Cisco and strongSwan send it (RFC 2409
 * Appendix A calls it variable length; 86400 does not fit a TV anyway).
 */
export function ikeTransform(suite: IkeSuite, number: number): Transform {
  const duration = new Uint8Array(4);
  new DataView(duration.buffer).setUint32(0, suite.lifetimeSeconds);
  const attributes: DataAttribute[] = [
    { type: IkeAttr.ENCRYPTION_ALGORITHM, value: suite.encryption },
    ...(suite.keyLength === undefined ? [] : [{ type: IkeAttr.KEY_LENGTH, value: suite.keyLength }]),
    { type: IkeAttr.HASH_ALGORITHM, value: suite.hash },
    { type: IkeAttr.GROUP_DESCRIPTION, value: suite.group },
    { type: IkeAttr.AUTHENTICATION_METHOD, value: suite.authMethod },
    { type: IkeAttr.LIFE_TYPE, value: LifeType.SECONDS },
    { type: IkeAttr.LIFE_DURATION, value: duration },
  ];
  return { number, id: TransformId.KEY_IKE, attributes };
}

/** The phase 1 offer: one ISAKMP proposal (#1, no SPI) with transforms #1..n, one per suite. */
export function phase1Offer(suites: readonly IkeSuite[]): SecurityAssociation {
  if (suites.length === 0) throw new FieldError("Proposal transforms", 0, "the initiator must offer at least one suite");
  return {
    doi: Doi.IPSEC,
    situation: Situation.IDENTITY_ONLY,
    proposals: [{ number: 1, protocolId: ProtocolId.ISAKMP, spi: new Uint8Array(0), transforms: suites.map((s, i) => ikeTransform(s, i + 1)) }],
  };
}

/** The vendor IDs that go with an SA payload: RFC 3947's first when NAT traversal is on, then the configured ones. */
export function saVendorIds(config: Phase1Config): Uint8Array[] {
  return [...(config.natTraversal ? [natTraversalVendorId()] : []), ...config.vendorIds.sa];
}

export function mainMode1(state: Phase1State): Step<Phase1State> {
  if (state.role !== "initiator" || state.messages !== 0) throw new FieldError("Message", state.messages, "message 1 is the first thing an initiator sends");
  const sa = phase1Offer(state.config.suites);
  // HASH_I and HASH_R cover SAi_b: the SA payload body exactly as it goes
  // out (RFC 2409 section 5), so it is kept now, from the same encoding.
  const saiB = encodeSa(sa);
  const payloads: Payload[] = [{ type: PayloadType.SA, sa }, ...saVendorIds(state.config).map((data) => ({ type: PayloadType.VENDOR_ID, data }))];
  return { state: { ...state, saiB, messages: 1 }, send: clearMessage(state, payloads) };
}
