/**
 * Exercise 07-main-mode/nat-detection: NAT-D payloads, and what the peer's
 * tell us (reference solution).
 *
 * RFC 3947 section 3.2: each side sends, in main mode messages 3 and 4, the
 * hash of the cookies with an address and port. The first NAT-D payload is
 * for the *destination* of the datagram (the peer, as we address it), the
 * following ones for the *source* (ourselves, as we know our address). The
 * receiver recomputes both with the addresses it actually saw on the
 * datagram: if a NAT rewrote an address or port on the way, a hash differs,
 * and the side whose hash differs is the one behind the NAT.
 *
 * Lesson: lessons/07-main-mode.md#nat-detection
 */
import { equalBytes } from "@course/bytes.ts";
import { NegotiationError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { natDiscoveryHash } from "../03-payloads/vendor-id.ts";
import type { Endpoint, NatStatus, Phase1State } from "./exchange.ts";

function natD(state: Phase1State, hash: HashName, e: Endpoint): Uint8Array {
  return natDiscoveryHash({ hash, initiatorCookie: state.ckyI, responderCookie: state.ckyR, address: e.address, port: e.port });
}

/** The NAT-D payload bodies we send: the remote end (destination) first, then our own (source). */
export function natDetectionPayloads(state: Phase1State, hash: HashName, local: Endpoint, remote: Endpoint): Uint8Array[] {
  return [natD(state, hash, remote), natD(state, hash, local)];
}

/**
 * Reads the peer's NAT-D payloads. `local` is where the datagram arrived
 * (our address and port), `remote` where it came from, as the UDP/IP
 * headers say.
 *
 * The peer's first payload is its hash of the address it sent to: us. If it
 * differs from hash(local), our address was rewritten on the way: we are
 * behind a NAT. The rest are the peer's hashes of its own address(es); if
 * none equals hash(remote), the source was rewritten: the peer is behind a
 * NAT. Fewer than two payloads break the rule of section 3.2.
 */
export function detectNat(state: Phase1State, hash: HashName, received: readonly Uint8Array[], local: Endpoint, remote: Endpoint): NatStatus {
  const [first, ...sources] = received;
  if (!first || sources.length === 0) {
    throw new NegotiationError(NotifyType.PAYLOAD_MALFORMED, "NAT-D (RFC 3947)", `at least two NAT-D payloads are required (RFC 3947 section 3.2), got ${received.length}`);
  }
  const ours = natD(state, hash, local);
  const theirs = natD(state, hash, remote);
  return {
    localBehindNat: !equalBytes(first, ours),
    remoteBehindNat: !sources.some((s) => equalBytes(s, theirs)),
  };
}
