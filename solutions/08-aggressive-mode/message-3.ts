/**
 * Exercise 08-aggressive-mode/message-3: the initiator checks the
 * responder's proof and sends its own; the responder checks that
 * (reference solution).
 *
 * RFC 2409 section 5.4: HDR, HASH_I, with
 *   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b).
 * The RFC leaves message 3 in clear text; the seed's Cisco routers and
 * strongSwan 5.9 encrypt it with the phase 1 key and the first IV,
 * hash(g^xi | g^xr), so that is what `aggressive3` sends, and
 * `aggressiveFinish` takes both forms. With NAT traversal the initiator's
 * two NAT-D payloads ride along (RFC 3947 section 3.2); strongSwan sends
 * HASH, NAT-D, NAT-D, from UDP 4500 when message 2 showed a NAT, and its
 * NAT-D payloads then hash the 4500 ports.
 *
 * A wrong pre-shared key shows on the initiator as a HASH_R that does not
 * match, on the responder as a message 3 that decrypts to noise or a HASH_I
 * that does not match: AUTHENTICATION-FAILED (24, RFC 2408 section 3.14.1)
 * either way.
 *
 * Lesson: lessons/08-aggressive-mode.md#message-3
 */
import { FieldError, NegotiationError, PacketError } from "@course/errors.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { toHex } from "../01-bytes/hex.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { encodeIdentification } from "../03-payloads/identification.ts";
import { decodeMessage, type IsakmpMessage, type Payload } from "../03-payloads/message.ts";
import { checkPeerPublic } from "../05-diffie-hellman/peer-value.ts";
import { openMessage, sealMessage } from "../07-main-mode/encryption.ts";
import { acceptHeader, exchangeTypeOf, onePayload, payloadsOf, type Endpoint, type NatStatus, type Phase1State, type Role, type Step } from "../07-main-mode/exchange.ts";
import { phase1Keys } from "../07-main-mode/keys.ts";
import { peerSupportsNatT } from "../07-main-mode/message-2.ts";
import { chosenSuite } from "../07-main-mode/message-3.ts";
import { authHash, keysOf, transportEndpoints } from "../07-main-mode/message-5.ts";
import { establish } from "../07-main-mode/message-6.ts";
import { detectNat, natDetectionPayloads } from "../07-main-mode/nat-detection.ts";

const PSK_HINT = "the pre-shared keys differ?";

/**
 * Checks the peer's HASH_R (we are the initiator) or HASH_I (responder)
 * over the peer's ID body; the course's ID types encode back to exactly
 * the octets they were decoded from.
 */
function verifyPeerHash(state: Phase1State, received: Uint8Array, label: string): void {
  const peer: Role = state.role === "initiator" ? "responder" : "initiator";
  if (!state.peerId) throw new FieldError("Identification", "missing", "the peer's ID payload must be known before its hash can be checked");
  const expected = authHash(state, peer, encodeIdentification(state.peerId));
  if (toHex(received) !== toHex(expected)) {
    const name = peer === "initiator" ? "HASH_I" : "HASH_R";
    throw new NegotiationError(NotifyType.AUTHENTICATION_FAILED, "Hash DATA", `${name} in ${label} is ${toHex(received)}, we compute ${toHex(expected)}: ${PSK_HINT} (or a payload was altered on the way)`);
  }
}

/** Where a datagram arrived (`local`) and came from (`remote`), as its UDP/IP headers say. */
export interface Arrival {
  readonly local: Endpoint;
  readonly remote: Endpoint;
}

/** NAT status from the peer's NAT-D payloads, when NAT traversal was agreed. */
function natStatus(state: Phase1State, m: IsakmpMessage, arrival: Arrival): NatStatus {
  if (!state.natT) return { localBehindNat: false, remoteBehindNat: false };
  return detectNat(state, keysOf(state).hash, payloadsOf(m, PayloadType.NAT_D).map((p) => p.data), arrival.local, arrival.remote);
}

export function aggressive3(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "initiator" || state.mode !== "aggressive" || state.messages !== 1) {
    throw new FieldError("Message", state.messages, "aggressive mode message 2 is for an initiator that has sent message 1 and nothing after it");
  }
  const m = decodeMessage(datagram);
  const accepted = acceptHeader(state, decodeHeader(datagram));
  const suite = chosenSuite(onePayload(m, PayloadType.SA).sa, state.config.suites);
  const gxr = onePayload(m, PayloadType.KEY_EXCHANGE).data;
  checkPeerPublic(modpGroup(suite.group), gxr);
  const nr = onePayload(m, PayloadType.NONCE).data;
  const peerId = onePayload(m, PayloadType.IDENTIFICATION).id;
  const hashR = onePayload(m, PayloadType.HASH).data;
  const natT = state.config.natTraversal && peerSupportsNatT(m);
  const withDh: Phase1State = { ...accepted, suite, natT, gxr: gxr.slice(), nr: nr.slice(), peerId };
  const { keys, iv } = phase1Keys(withDh);
  const withKeys: Phase1State = { ...withDh, keys, iv };
  // The responder proves itself first; we answer only a peer that knows the key.
  verifyPeerHash(withKeys, hashR, "message 2");
  // Message 2 came to and from the configured ports (500).
  const nat = natStatus(withKeys, m, state.config);
  const idB = state.idB ?? encodeIdentification(state.config.identity);
  // Message 3 leaves from 4500 when a NAT was seen (RFC 3947 section 4); its
  // NAT-D payloads describe the ports it actually uses, as strongSwan's do.
  const ports = transportEndpoints({ ...withKeys, nat });
  const natD = natT ? natDetectionPayloads(withKeys, keys.hash, ports.local, ports.remote) : [];
  const payloads: Payload[] = [
    { type: PayloadType.HASH, data: authHash(withKeys, "initiator", idB) },
    ...natD.map((data) => ({ type: PayloadType.NAT_D, data })),
  ];
  const sealed = sealMessage(
    {
      initiatorSpi: withKeys.ckyI,
      responderSpi: withKeys.ckyR,
      exchangeType: exchangeTypeOf("aggressive"),
      flags: { encryption: true, commit: false, authenticationOnly: false },
      messageId: 0,
      payloads,
    },
    keys,
    iv,
  );
  // Phase 1's last CBC block: quick mode's IVs start from it (RFC 2409 Appendix B).
  const next: Phase1State = { ...withKeys, nat, iv: sealed.nextIv, messages: 3 };
  return { state: next, send: sealed.datagram, established: establish(next) };
}

/**
 * `arrival` is where message 3 came in: the initiator moves to UDP 4500 for
 * it when it saw a NAT, and its NAT-D payloads then hash 4500. Without it,
 * the configured endpoints (500) are assumed.
 */
export function aggressiveFinish(state: Phase1State, datagram: Uint8Array, arrival: Arrival = state.config): Step<Phase1State> {
  if (state.role !== "responder" || state.mode !== "aggressive" || state.messages !== 2 || state.iv === undefined) {
    throw new FieldError("Message", state.messages, "aggressive mode message 3 is for a responder that has sent message 2 and nothing after it");
  }
  const header = decodeHeader(datagram);
  const accepted = acceptHeader(state, header);
  let m: IsakmpMessage;
  let iv = state.iv;
  if (header.flags.encryption) {
    try {
      const opened = openMessage(datagram, keysOf(accepted), iv);
      m = opened.message;
      iv = opened.nextIv;
    } catch (e) {
      // The header is ours, so the noise comes from a key or IV other than
      // the sender's: a key from another PSK is the usual cause.
      if (e instanceof PacketError && e.field !== "Flags" && e.field !== "Encrypted Data") {
        throw new NegotiationError(NotifyType.AUTHENTICATION_FAILED, e.field, `message 3 does not decrypt to payloads (${e.message}): ${PSK_HINT}`);
      }
      throw e;
    }
  } else {
    // RFC 2409 section 5.4 as written: message 3 in clear. The IV stays the
    // first one, which quick mode then starts from.
    m = decodeMessage(datagram);
  }
  verifyPeerHash(accepted, onePayload(m, PayloadType.HASH).data, "message 3");
  const next: Phase1State = { ...accepted, nat: natStatus(accepted, m, arrival), iv, messages: 3 };
  return { state: next, established: establish(next) };
}
