/**
 * Exercise 07-main-mode/message-4: the responder takes the initiator's
 * public value and nonce, answers with its own, and now holds the keys
 * (reference solution).
 *
 * RFC 2409 section 5: message 4 is HDR, KE, Nr. After it both sides can
 * compute g^xy and SKEYID: the responder does so at once, because message 5
 * arrives encrypted. With NAT-T (RFC 3947 section 3.2) the initiator's NAT-D
 * payloads say whether either side is behind a NAT; ours go back the same
 * way for the initiator to check.
 *
 * Lesson: lessons/07-main-mode.md#message-4
 */
import { FieldError } from "@course/errors.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { decodeMessage, type IsakmpMessage } from "../03-payloads/message.ts";
import { checkPeerPublic } from "../05-diffie-hellman/peer-value.ts";
import { acceptHeader, clearMessage, onePayload, payloadsOf, type NatStatus, type Phase1State, type Step } from "./exchange.ts";
import { phase1Keys, suiteAlgorithms } from "./keys.ts";
import { freshKeyExchange, keyExchangePayloads } from "./message-3.ts";
import { detectNat } from "./nat-detection.ts";

const NO_NAT = { localBehindNat: false, remoteBehindNat: false } as const;

/** What the peer's key exchange message (3 or 4) brings: its public value and nonce, and what its NAT-D payloads say. */
export interface PeerKeyExchange {
  readonly publicValue: Uint8Array;
  readonly nonce: Uint8Array;
  readonly nat: NatStatus;
}

/**
 * Reads the peer's KE, Nonce and NAT-D. Both directions of main mode read
 * the same three payloads, so messages 4 and 5 share this. The NAT-D hashes
 * are checked against the addresses and ports the exchange has used so far
 * (the configured ones, UDP 500).
 */
export function peerKeyExchange(state: Phase1State, m: IsakmpMessage): PeerKeyExchange {
  if (!state.suite) throw new FieldError("Transform", "missing", "the key exchange is read once a suite is agreed");
  const publicValue = onePayload(m, PayloadType.KEY_EXCHANGE).data;
  // Refuse a bad public value (0, 1, p-1, out of range: g^xy would be
  // guessable) before spending a private value on it.
  checkPeerPublic(modpGroup(state.suite.group), publicValue);
  const nonce = onePayload(m, PayloadType.NONCE).data;
  const { config } = state;
  const nat = state.natT
    ? detectNat(state, suiteAlgorithms(state.suite).hash, payloadsOf(m, PayloadType.NAT_D).map((p) => p.data), config.local, config.remote)
    : NO_NAT;
  return { publicValue: publicValue.slice(), nonce: nonce.slice(), nat };
}

export function mainMode4(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "responder" || state.messages !== 2 || !state.suite) {
    throw new FieldError("Message", state.messages, "message 3 is for a responder that has sent message 2 and nothing after it");
  }
  const m = decodeMessage(datagram);
  const accepted = acceptHeader(state, decodeHeader(datagram));
  const peer = peerKeyExchange(state, m);
  const dh = freshKeyExchange(state.config, state.suite);
  const withDh: Phase1State = { ...accepted, x: dh.x, gxi: peer.publicValue, gxr: dh.publicValue, ni: peer.nonce, nr: dh.nonce, nat: peer.nat, messages: 4 };
  const { keys, iv } = phase1Keys(withDh);
  const next: Phase1State = { ...withDh, keys, iv };
  return { state: next, send: clearMessage(next, keyExchangePayloads(next, dh.publicValue, dh.nonce)) };
}
