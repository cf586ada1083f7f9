/**
 * Exercise 07-main-mode/message-4: the responder takes the initiator's
 * public value and nonce, answers with its own, and derives the keys.
 *
 * 1. `peerKeyExchange(state, m)`, for a decoded message 3 (and, in the
 *    message-5 exercise, message 4: both directions read the same payloads).
 *    No state.suite: FieldError("Transform", "missing", reason).
 *    - publicValue = the data of onePayload(Key Exchange); checkPeerPublic
 *      (chapter 05) on it in the suite's group, before anything else.
 *    - nonce = the data of onePayload(Nonce).
 *    - nat: when state.natT, detectNat(state, the suite's hash, the NAT-D
 *      payloads' data in order, config.local, config.remote); otherwise
 *      { localBehindNat: false, remoteBehindNat: false }.
 *    Return copies of publicValue and nonce, and nat.
 *
 * 2. `mainMode4(state, datagram)`, for a responder that has sent message 2
 *    and nothing since, with an agreed suite (else FieldError "Message"):
 *    - decodeMessage, then acceptHeader.
 *    - peerKeyExchange on the message gives gxi, ni and nat.
 *    - freshKeyExchange (message-3): our x, gxr and nr, drawn after all checks.
 *    - The state with x, gxi, gxr, ni, nr, nat, messages 4; phase1Keys on it
 *      gives keys and iv, which go in the returned state too.
 *    - send = clearMessage(state, keyExchangePayloads(state, gxr, nr)).
 *
 * Configured like the seed's R2, message 4 is 304 octets.
 *
 * Lesson: lessons/07-main-mode.md#message-4
 */
import { todo } from "@course/todo.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";
import type { NatStatus, Phase1State, Step } from "./exchange.ts";

/** What the peer's key exchange message (3 or 4) brings: its public value and nonce, and what its NAT-D payloads say. */
export interface PeerKeyExchange {
  readonly publicValue: Uint8Array;
  readonly nonce: Uint8Array;
  readonly nat: NatStatus;
}

export function peerKeyExchange(state: Phase1State, m: IsakmpMessage): PeerKeyExchange {
  return todo("peerKeyExchange");
}

export function mainMode4(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode4");
}
