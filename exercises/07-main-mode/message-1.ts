/**
 * Exercise 07-main-mode/message-1: the initiator's first main mode message,
 * the offer.
 *
 * Write:
 * - natTraversalVendorId(): the RFC 3947 vendor ID, MD5("RFC 3947") =
 *   4a131c81070358455c5728f20e95452f: the recipe in WELL_KNOWN_VENDOR_IDS
 *   ("@course/isakmp-vendor-ids.ts") whose name starts with "RFC 3947",
 *   turned into bytes by your vendorIdBytes (chapter 03).
 * - ikeTransform(suite, number): one KEY_IKE (1) transform with that number;
 *   attributes in this order (the seed's, Cisco's and strongSwan's):
 *   Encryption-Algorithm (1), Key-Length (14, only when suite.keyLength is
 *   set), Hash-Algorithm (2), Group-Description (4), Authentication-Method
 *   (3), Life-Type (11) = seconds (1), Life-Duration (12) =
 *   suite.lifetimeSeconds as a 4-octet TLV (a Uint8Array of 4 octets, big
 *   endian, even when the number would fit 2 octets). The others are TV
 *   numbers.
 * - phase1Offer(suites): SA with DOI IPSEC (1), situation SIT_IDENTITY_ONLY
 *   (1), one proposal: number 1, protocol ISAKMP (1), an empty SPI, and
 *   transforms ikeTransform(suites[i], i + 1). No suites: FieldError
 *   "Proposal transforms".
 * - saVendorIds(config): the vendor IDs that go with the SA payload: the
 *   RFC 3947 one first if config.natTraversal, then config.vendorIds.sa.
 * - mainMode1(state): for an initiator that has sent nothing (else
 *   FieldError "Message"): the message [SA = phase1Offer(config.suites),
 *   one Vendor ID payload per saVendorIds(config)] built by clearMessage
 *   (exercise exchange). Returns { state: {...state, saiB, messages: 1},
 *   send } where saiB is encodeSa of that SA: the SA payload body exactly
 *   as sent, which HASH_I and HASH_R will cover.
 *
 * Configured like the seed's R1, message 1 is 168 octets: header 28, SA 60,
 * four vendor IDs of 20.
 *
 * Lesson: lessons/07-main-mode.md#message-1
 */
import { todo } from "@course/todo.ts";
import type { SecurityAssociation } from "../03-payloads/sa.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Phase1Config, Phase1State, Step } from "./exchange.ts";

export function natTraversalVendorId(): Uint8Array {
  return todo("natTraversalVendorId");
}

export function ikeTransform(suite: IkeSuite, number: number): Transform {
  return todo("ikeTransform");
}

export function phase1Offer(suites: readonly IkeSuite[]): SecurityAssociation {
  return todo("phase1Offer");
}

export function saVendorIds(config: Phase1Config): Uint8Array[] {
  return todo("saVendorIds");
}

export function mainMode1(state: Phase1State): Step<Phase1State> {
  return todo("mainMode1");
}
