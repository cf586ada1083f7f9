/**
 * Exercise 07-main-mode/nat-detection: NAT-D payloads, and what the peer's
 * tell us.
 *
 * A NAT-D body is natDiscoveryHash (chapter 03) of { hash, the state's
 * ckyI and ckyR, an address, a port } (RFC 3947 section 3.2).
 *
 * Write:
 * - natDetectionPayloads(state, hash, local, remote): two bodies, in this
 *   order: the hash for `remote` (where the datagram goes), then for `local`
 *   (where it comes from).
 * - detectNat(state, hash, received, local, remote): `received` are the
 *   peer's NAT-D bodies in order; `local` is where its datagram arrived (us),
 *   `remote` where it came from (the peer), as we saw them. Fewer than two:
 *   NegotiationError PAYLOAD-MALFORMED (16), field "NAT-D (RFC 3947)".
 *   localBehindNat: the first received body is not the hash for `local`.
 *   remoteBehindNat: none of the others is the hash for `remote`.
 *
 * Lesson: lessons/07-main-mode.md#nat-detection
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import type { Endpoint, NatStatus, Phase1State } from "./exchange.ts";

export function natDetectionPayloads(state: Phase1State, hash: HashName, local: Endpoint, remote: Endpoint): Uint8Array[] {
  return todo("natDetectionPayloads");
}

export function detectNat(state: Phase1State, hash: HashName, received: readonly Uint8Array[], local: Endpoint, remote: Endpoint): NatStatus {
  return todo("detectNat");
}
